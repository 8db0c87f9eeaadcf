import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { ManifestLoader } from '../../lib/manifest/load';
import { loadTasks } from '../../lib/manifest/load-tasks';
import { readSettings } from '../../lib/settings-file';
import { generateTask, SHAPES } from '../../scripts/sample-tasks';

/*
 * A manifest.json without an overlay is checked by zod once for every
 * environment whose settings its rules read alike (ManifestLoader.rulesKey,
 * RuleSettings in lib/manifest/fields/field.ts), and its model made per
 * environment. Reusing a check across environments whose settings the rules
 * read differently would be a wrong answer: each setting the rules read is
 * made to differ below, and must give its own findings.
 */

function project(settings: unknown, files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-shared-'));
  fs.writeFileSync(path.join(dir, 'datatask.settings.json'), JSON.stringify(settings));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const read = readSettings(path.join(dir, 'datatask.settings.json'), 'datatask.settings.json');
  const environments = read.environments;
  const loaded = loadTasks({ tasksDir: path.join(dir, 'tasks'), settings: read.settings!, environments, cwd: dir });
  return { dir, environments, loaded };
}

describe('one zod check of a manifest serves the environments whose rules read the same settings', () => {
  test('every shape: each environment\'s task is the one its own loader makes (its namespace, not the first environment\'s)', () => {
    const files: Record<string, string> = {};
    SHAPES.forEach((shape, i) => {
      for (const rich of [false, true]) {
        const task = generateTask(2 * i + (rich ? 1 : 0), shape, rich);
        files[`tasks/${task.relative}`] = `${JSON.stringify(task.manifest, null, 2)}\n`;
      }
    });
    // Settings the rules do not read differ: the namespace (the model's), the Mapping, the CronJob time zone, the key file.
    const { environments, loaded } = project(
      {
        environments: {
          dev: { namespace: 'data-dev', mapping: { hostname: 'dev.data.example.com', apiVersion: 'v2' }, gcpCredentials: { keyFile: 'dev.json' } },
          prod: { mapping: { hostname: 'data.example.com', stickySessionResolver: 'kube' }, cronJob: { timeZone: 'Europe/Paris' } },
        },
      },
      files,
    );
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.tasks).toHaveLength(2 * SHAPES.length * 2);
    const names = environments.map((e) => e.name);
    for (const source of loaded.tasks) {
      const settings = environments.find((e) => e.name === source.environment)!.settings;
      const own = new ManifestLoader(settings, names).load(source.document.file, source.document.text);
      expect(source.task).toEqual(own.task!.task);
    }
    // The environments' models of one manifest share their parts (toTaskLike): the task itself when the
    // manifest names its namespace, else a copy with the environment's namespace.
    const ownNamespace = (t: (typeof loaded.tasks)[number]) => JSON.parse(files[`tasks/${t.manifest}`]!).namespace !== undefined;
    const inProd = (t: (typeof loaded.tasks)[number]) => loaded.tasks.find((p) => p.manifest === t.manifest && p.environment === 'prod')!;
    const named = loaded.tasks.find((t) => t.environment === 'dev' && ownNamespace(t))!;
    expect(inProd(named).task).toBe(named.task);
    const unnamed = loaded.tasks.find((t) => t.environment === 'dev' && !ownNamespace(t))!;
    expect(inProd(unnamed).task).not.toBe(unnamed.task);
    expect(inProd(unnamed).task.env).toBe(unnamed.task.env);
    const namespaces = new Set(loaded.tasks.filter((t) => !ownNamespace(t)).map((t) => `${t.environment} ${t.task.namespace}`));
    expect([...namespaces].sort()).toEqual(['dev data-dev', 'prod default']);
  });

  const JOB = (extra: string) => `{\n  "type": "job",\n  "name": "etl",\n  "labels": "app:etl",\n  "image-source": "busybox:1.36",\n${extra}\n}\n`;
  test.each([
    [
      'podSecurity (fields/volumes.ts)',
      { podSecurity: 'restricted' },
      JOB('  "volumes": [{"name": "share", "mountPath": "/share", "nfs": {"server": "nfs.example.com", "path": "/x"}}]'),
      'tasks/etl/manifest.json:6:63 error: [prod] volumes[0].nfs: is not allowed by the restricted Pod Security profile (the podSecurity setting); use a persistentVolumeClaim',
    ],
    [
      'mapping.portalAnnotationPrefix (fields/metadata.ts)',
      { mapping: { portalAnnotationPrefix: 'team.example.com/' } },
      JOB('  "annotations": {"team.example.com/owner": "data"}'),
      'tasks/etl/manifest.json:6:45 error: [prod] annotations["team.example.com/owner"]: keys under "team.example.com/" are the portal\'s, set from "published"; choose another key',
    ],
    [
      'argocd.replaceJobs (fields/metadata.ts)',
      { argocd: { replaceJobs: true } },
      JOB('  "annotations": {"argocd.argoproj.io/sync-options": "Force=true,Replace=true"}'),
      'tasks/etl/manifest.json:6:54 error: [prod] annotations["argocd.argoproj.io/sync-options"]: is set on Jobs by the argocd.replaceJobs setting; remove it here',
    ],
    [
      'gcpCredentials.volumeName (fields/pod.ts)',
      { gcpCredentials: { volumeName: 'gcp' } },
      JOB('  "svc-account-secret": "etl-sa",\n  "volumes": [{"name": "gcp", "mountPath": "/gcp", "emptyDir": {}}]'),
      'tasks/etl/manifest.json:7:24 error: [prod] volumes[0].name: "gcp" is the volume that mounts svc-account-secret; choose another name',
    ],
    [
      'gcpCredentials.mountPath (fields/pod.ts)',
      { gcpCredentials: { mountPath: '/gcp' } },
      JOB('  "svc-account-secret": "etl-sa",\n  "volumes": [{"name": "scratch", "mountPath": "/gcp", "emptyDir": {}}]'),
      'tasks/etl/manifest.json:7:48 error: [prod] volumes[0].mountPath: "/gcp" is where svc-account-secret is mounted; choose another path',
    ],
  ])('a setting the rules read, %s, differs in prod: the manifest is checked again there', (_what, prod, manifest, expected) => {
    const { loaded } = project({ environments: { dev: {}, prod } }, { 'tasks/etl/manifest.json': manifest });
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([expected]);
    expect(loaded.tasks.map((t) => t.environment)).toEqual(['dev']);
  });
});
