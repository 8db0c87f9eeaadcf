import { ApiObject, App } from 'cdk8s';
import { TaskChart } from '../../lib/constructs/task-chart';
import { ManifestLoader } from '../../lib/manifest/load';
import { settings } from '../support/render';

describe('TaskChart', () => {
  const s = settings({ podSecurity: 'restricted', argocd: { replaceJobs: true }, cronJob: { timeZone: 'UTC' } });
  const load = (m: Record<string, unknown>) => {
    const task = new ManifestLoader(s).load('m.json', JSON.stringify(m)).task?.task;
    if (task === undefined) throw new Error('invalid test manifest');
    return task;
  };
  const service = load({
    labels: 'app:a', type: 'service', name: 'a', 'image-source': 'a:1', 'name-port': 'http', 'container-port': 80,
    published: { access: 'dev', prefix: '/a/', sticky_sessions: true }, 'svc-account-secret': 's',
  });

  test('exposes its children, in output order', () => {
    const chart = new TaskChart(new App(), 'a', { task: service, settings: s });
    const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'Deployment', 'Mapping']);
    expect(chart.namespace).toBe('default');
  });

  test.each([
    ['service', service],
    ['cron job', load({ labels: 'app:c', type: 'job', name: 'c', 'image-source': 'c:1', schedule: '@daily' })],
    ['job', load({ labels: 'app:j', type: 'job', name: 'j', 'image-source': 'j:1' })],
  ])('per-object toJson() (what render uses) equals Chart.toJson() for a %s', (_kind, task) => {
    const chart = new TaskChart(new App(), task.name, { task, settings: s });
    const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    expect(objects.map((o) => o.toJson())).toEqual(chart.toJson());
  });
});
