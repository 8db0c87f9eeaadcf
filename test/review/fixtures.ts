import { job, service } from '../support/workspace';
import type { ScratchRepo } from './scratch-repo';

/** The base tasks: a published service, a Job, a cron job and a worker deployment. */
export const BASE = {
  web: service('web', { 'image-source': 'nginx:1.25', published: { prefix: '/web/', access: 'dev' }, env: [{ name: 'MODE', value: 'prod' }] }),
  etl: job('etl', { 'image-source': 'busybox:1.36', cmd: ['sh', '-c', 'echo run'], 'cpu-request': '0.1' }),
  nightly: job('nightly', { 'image-source': 'busybox:1.36', schedule: '0 5 * * *' }),
  worker: { labels: 'app:worker', type: 'deployment', name: 'worker', 'image-source': 'busybox:1.36', replicas: 1 },
} as const;

/** Writes `tasks/<name>/manifest.json` for every base task, with overrides per task. */
export function writeTasks(repo: ScratchRepo, overrides: Partial<Record<keyof typeof BASE, Record<string, unknown>>> = {}): void {
  for (const [name, manifest] of Object.entries(BASE)) {
    repo.task(`${name}/manifest.json`, { ...manifest, ...(overrides[name as keyof typeof BASE] ?? {}) });
  }
}
