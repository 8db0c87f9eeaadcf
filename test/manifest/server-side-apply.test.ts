import { synthesize } from '../support/render-stage';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { diagnostics } from '../support/render';
import { Workspace, job } from '../support/workspace';

const at = (position: string, rest: string) => `tasks/t/manifest.json:${position} ${rest}`;
const HOW = 'server-side apply (kubectl apply --server-side, Argo CD ServerSideApply=true) reads the object as YAML and cannot carry it: remove it';

describe('values server-side apply cannot carry are refused where they are', () => {
  test.each([
    ['\\u007f', 'U+007F (delete)'],
    ['\\u0085', 'U+0085 (next line), which it would turn into a space,'],
    ['\\u009b', 'U+009B (a C1 control character)'],
    ['\\ufffe', 'U+FFFE (a noncharacter)'],
    ['\\uffff', 'U+FFFF (a noncharacter)'],
  ])('%s in an env value', (escape, what) => {
    expect(diagnostics(`{"labels": "app:x", "type": "job", "name": "x", "image-source": "a:1", "env": [{"name": "A", "value": "ab${escape}"}]}`)).toEqual([
      at('1:103', `error: env[0].value: contains ${what} at character 3; ${HOW}`),
    ]);
  });

  test('in a published key and a volume attribute key; a field already refused is reported once', () => {
    expect(
      diagnostics(
        '{"labels": "app:x", "type": "service", "name": "x", "image-source": "a:1", "name-port": "http", "container-port": 80, ' +
          '"published": {"prefix": "/a/", "access": "dev\u0085"}, "volumes": [{"name": "v", "mountPath": "/v", "csi": {"driver": "d.io", "volumeAttributes": {"k\u007f": "v"}}}], ' +
          '"env": [{"name": "A\u007f", "value": "v"}]}',
      ),
    ).toEqual([
      at('1:160', `error: published.access: contains U+0085 (next line), which it would turn into a space, at character 4; ${HOW}`),
      at('1:261', `error: volumes[0].csi.volumeAttributes["k\u007f"]: key contains U+007F (delete) at character 2; ${HOW}`),
      at('1:293', `error: env[0].name: "A\u007f" must consist of letters, digits, '_', '-' and '.', and must not start with a digit`),
    ]);
  });

  test('a map key over 1024 characters', () => {
    const key = 'k'.repeat(1025);
    expect(diagnostics(`{"labels": "app:x", "type": "job", "name": "x", "image-source": "a:1", "volumes": [{"name": "v", "mountPath": "/v", "csi": {"driver": "d.io", "volumeAttributes": {"${key}": "v"}}}]}`)).toEqual([
      at('1:164', `error: volumes[0].csi.volumeAttributes.${key}: key is 1025 characters long; server-side apply refuses map keys over 1024 characters`),
    ]);
  });
});

test('an object too large for the last-applied-configuration annotation is refused, naming the biggest field', () => {
  const ws = new Workspace();
  try {
    ws.task('t/manifest.json', job('big', { env: [{ name: 'SMALL', value: 'x' }, { name: 'BIG', value: 'x'.repeat(300_000) }] }));
    const result = synthesize({ tasksDir: `${ws.root}/tasks`, settings: DEFAULT_SETTINGS, cwd: ws.root });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/t/manifest.json:1:1 error: the Job rendered from this manifest is too large for client-side apply: kubectl apply (and Argo CD\'s default sync) keeps the whole object in the kubectl.kubernetes.io/last-applied-configuration annotation, ' +
        'and its annotations would take 300464 bytes, more than the API server\'s limit of 262144 (256 KiB); the biggest field is env[1].value (300002 bytes as JSON): move large data into a ConfigMap or the image',
    ]);
    expect(result.files).toEqual([]);
  } finally {
    ws.remove();
  }
});
