import { service } from '../support/workspace';
import { COMPARE_FIXTURE, runInFixture } from './fixture-cli';
import { ScratchRepo } from './scratch-repo';

let repo: ScratchRepo;
beforeAll(() => {
  repo = new ScratchRepo();
  repo.task('web/manifest.json', service('web', { published: { prefix: '/web/', access: 'dev', rewrite: '' } }));
  repo.task('open/manifest.json', service('open', { published: { prefix: '/open/', bypass_auth: true, sticky_sessions: true, timeout_ms: 30000 } }));
  repo.task('quiet/manifest.json', service('quiet'));
  repo.write('datatask.settings.json', '{ "mapping": { "hostname": "data.example.com" } }\n');
});
afterAll(() => repo.remove());

test('routes: every published route as a table, sorted by hostname and prefix', () => {
  expect(repo.routes()).toEqual({
    code: 0,
    stderr: '',
    stdout:
      'HOSTNAME          PREFIX  SERVICE            REWRITE      TIMEOUT   ACCESS  STICKY  TASK\n' +
      'data.example.com  /open/  open.default:8080  / (default)  30000 ms  PUBLIC  yes     default/open\n' +
      'data.example.com  /web/   web.default:8080   off          6000 ms   dev     no      default/web\n' +
      '\n' +
      '2 published routes, 1 PUBLIC\n',
  });
});

test('routes in markdown and json', () => {
  expect(repo.routes('--format', 'markdown').stdout).toBe(
    '| hostname | prefix | service | rewrite | timeout | access | sticky | task |\n' +
      '|---|---|---|---|---|---|---|---|\n' +
      '| data.example.com | `/open/` | `open.default:8080` | / (default) | 30000 ms | PUBLIC | yes | `default/open` |\n' +
      '| data.example.com | `/web/` | `web.default:8080` | off | 6000 ms | dev | no | `default/web` |\n' +
      '\n' +
      '2 published routes, 1 PUBLIC\n',
  );
  expect(repo.routes('--format', 'json').stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
    { hostname: 'data.example.com', prefix: '/open/', service: 'open.default:8080', rewrite: null, timeout_ms: 30000, public: true, access: null, sticky_sessions: true, namespace: 'default', name: 'open' },
    { hostname: 'data.example.com', prefix: '/web/', service: 'web.default:8080', rewrite: '', timeout_ms: 6000, public: false, access: 'dev', sticky_sessions: false, namespace: 'default', name: 'web' },
  ]);
  expect(repo.routes('--format', 'html')).toMatchObject({ code: 2, stderr: 'error: --format must be one of text, markdown, json (found "html")\n\nSee `datatask routes --help`.\n' });
});

describe('routes by environment (issue 16: "routes groups by environment")', () => {
  const routes = (...argv: string[]) => runInFixture(COMPARE_FIXTURE, 'routes', ...argv);

  test('text: a section per environment, in name order, the columns aligned across them', () => {
    expect(routes()).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'Environment dev\n' +
        '\n' +
        'HOSTNAME              PREFIX  SERVICE            REWRITE      TIMEOUT  ACCESS    STICKY  TASK\n' +
        'dev.data.example.com  /web/   web.data-dev:8080  / (default)  6000 ms  PUBLIC    no      data-dev/web\n' +
        '\n' +
        '1 published route, 1 PUBLIC\n' +
        '\n' +
        'Environment prod\n' +
        '\n' +
        'HOSTNAME              PREFIX  SERVICE            REWRITE      TIMEOUT  ACCESS    STICKY  TASK\n' +
        'data.example.com      /web/   web.data:8080      / (default)  6000 ms  analysts  no      data/web\n' +
        '\n' +
        '1 published route, 0 PUBLIC\n' +
        '\n' +
        'Environment staging\n' +
        '\n' +
        'HOSTNAME              PREFIX  SERVICE            REWRITE      TIMEOUT  ACCESS    STICKY  TASK\n' +
        'data.example.com      /web/   web.data:8080      / (default)  6000 ms  analysts  no      data/web\n' +
        '\n' +
        '1 published route, 0 PUBLIC\n',
    });
  });

  test('markdown: a heading per environment over its table; --env narrows to those environments', () => {
    expect(routes('--format', 'markdown', '--env', 'prod', '--env', 'dev').stdout).toBe(
      '### Environment dev\n' +
        '\n' +
        '| hostname | prefix | service | rewrite | timeout | access | sticky | task |\n' +
        '|---|---|---|---|---|---|---|---|\n' +
        '| dev.data.example.com | `/web/` | `web.data-dev:8080` | / (default) | 6000 ms | PUBLIC | no | `data-dev/web` |\n' +
        '\n' +
        '1 published route, 1 PUBLIC\n' +
        '\n' +
        '### Environment prod\n' +
        '\n' +
        '| hostname | prefix | service | rewrite | timeout | access | sticky | task |\n' +
        '|---|---|---|---|---|---|---|---|\n' +
        '| data.example.com | `/web/` | `web.data:8080` | / (default) | 6000 ms | analysts | no | `data/web` |\n' +
        '\n' +
        '1 published route, 0 PUBLIC\n',
    );
  });

  test('json: each route names its environment', () => {
    expect(routes('--format', 'json', '--env', 'staging', '--env', 'dev').stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { environment: 'dev', hostname: 'dev.data.example.com', prefix: '/web/', service: 'web.data-dev:8080', rewrite: null, timeout_ms: 6000, public: true, access: null, sticky_sessions: false, namespace: 'data-dev', name: 'web' },
      { environment: 'staging', hostname: 'data.example.com', prefix: '/web/', service: 'web.data:8080', rewrite: null, timeout_ms: 6000, public: false, access: 'analysts', sticky_sessions: false, namespace: 'data', name: 'web' },
    ]);
  });

  test('an environment without routes has its section, saying so', () => {
    const ws = new ScratchRepo();
    try {
      ws.write('datatask.settings.json', '{ "environments": { "dev": {}, "prod": {} } }\n');
      ws.task('web/manifest.json', service('web', { environments: ['dev'], published: { prefix: '/web/', access: 'dev' } }));
      expect(ws.routes().stdout).toBe(
        'Environment dev\n' +
          '\n' +
          'HOSTNAME  PREFIX  SERVICE           REWRITE      TIMEOUT  ACCESS  STICKY  TASK\n' +
          '*         /web/   web.default:8080  / (default)  6000 ms  dev     no      default/web\n' +
          '\n' +
          '1 published route, 0 PUBLIC\n' +
          '\n' +
          'Environment prod\n' +
          '\n' +
          'HOSTNAME  PREFIX  SERVICE           REWRITE      TIMEOUT  ACCESS  STICKY  TASK\n' +
          '\n' +
          '0 published routes, 0 PUBLIC\n',
      );
    } finally {
      ws.remove();
    }
  });
});
