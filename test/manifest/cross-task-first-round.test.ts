import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { synthesize } from '../support/render-stage';
import { job, service, Workspace } from '../support/workspace';

test('rules across tasks also read manifests with errors, so every error comes in one run', () => {
  const ws = new Workspace();
  try {
    ws.task('a/manifest.json', service('web', { labels: 'app:web', published: { access: 'dev', prefix: '/web/' }, 'readiness-probe': '/healthz' }));
    // Invalid (a bad quantity), and also a duplicate name, a duplicate route and a selector clash.
    ws.task('b/manifest.json', service('web', { labels: 'app:web', 'cpu-request': 'lots', published: { access: 'dev', prefix: '/web/' } }));
    ws.task('c/manifest.json', job('c', { labels: 'app:web', 'memory-limit': '5MB' }));
    const result = synthesize({ tasksDir: `${ws.root}/tasks`, settings: DEFAULT_SETTINGS, cwd: ws.root });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/a/manifest.json:2:13 error: labels: selector app=web also matches the pods of task "c"; add a label that tells them apart',
      'tasks/a/manifest.json:2:13 error: labels: selector app=web also matches the pods of task "web"; add a label that tells them apart',
      'tasks/b/manifest.json:2:13 error: labels: selector app=web also matches the pods of task "c"; add a label that tells them apart',
      'tasks/b/manifest.json:2:13 error: labels: selector app=web also matches the pods of task "web"; add a label that tells them apart',
      'tasks/b/manifest.json:4:11 error: name: task "web" is already defined in namespace "default"; names must be unique in a namespace',
      'tasks/b/manifest.json:8:18 error: cpu-request: "lots" is not a Kubernetes quantity (a number with an optional suffix: m, k, M, G, Ki, Mi, Gi, …)',
      // One round (issue 18): the warnings of b's valid fields come with its errors.
      'tasks/b/manifest.json:9:16 warning: published: a published service without a readiness-probe gets requests as soon as its container starts, before the application listens; add "readiness-probe": "/healthz" (a path your application answers with a 2xx or 3xx status)',
      'tasks/b/manifest.json:11:15 error: published.prefix: prefix "/web/" on host "*" is already published; two services cannot share a route',
      'tasks/c/manifest.json:6:19 error: memory-limit: "5MB" is not a Kubernetes quantity (did you mean "5M" or "5Mi"?)',
    ]);
    // The other manifest of each cross-task finding is its related location.
    expect(result.diagnostics.map((d) => d.related?.map((r) => `${r.file}:${r.line}:${r.column}`).join() ?? '')).toEqual([
      'tasks/c/manifest.json:2:13',
      'tasks/b/manifest.json:2:13',
      'tasks/c/manifest.json:2:13',
      'tasks/a/manifest.json:2:13',
      'tasks/a/manifest.json:4:11',
      '',
      '',
      'tasks/a/manifest.json:10:15',
      '',
    ]);
  } finally {
    ws.remove();
  }
});
