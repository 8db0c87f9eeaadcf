import * as fs from 'node:fs';
import * as path from 'node:path';
import { pinCommandWith } from '../../lib/cli/commands/pin';
import { Workspace } from '../support/workspace';
import { FIXTURES, hex, runCommand, seedWorkspace } from './support';

let ws: Workspace;
beforeEach(() => {
  ws = seedWorkspace();
  ws.write('meta.json', fs.readFileSync(path.join(FIXTURES, 'seed.metadata.json'), 'utf8'));
});
afterEach(() => ws.remove());

const GS = 'gcr.io/affini-tech-datalab/gs_to_gs';
const LAUNCH = 'gcr.io/datataskio/launch_pipeline';
const read = (file: string) => fs.readFileSync(path.join(ws.root, file), 'utf8');

describe('pin without environments: pins.json', () => {
  test('every task built from a target of the metadata, sorted, 2-space JSON with a trailing newline; changes on stdout', () => {
    const { code, stdout, stderr } = ws.run('pin', '--from', 'meta.json', '--tag', '3f2c1d0');
    expect(code).toBe(0);
    const expected = {
      'default/gstogs': `${GS}:3f2c1d0@sha256:${hex('a')}`,
      'default/gstogs-daily': `${GS}:3f2c1d0@sha256:${hex('a')}`,
      'default/subscriber-launch-pipeline': `${LAUNCH}:3f2c1d0@sha256:${hex('b')}`,
    };
    expect(read('pins.json')).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(stdout).toBe(Object.entries(expected).map(([task, pin]) => `${task}: (new) ${pin}\n`).join(''));
    expect(stderr).toBe('pins.json: 0 changed, 3 new (3 pins)\n');
  });

  test('a pins file that is a folder: exit 1, located, nothing written', () => {
    fs.mkdirSync(path.join(ws.root, 'pins.json'));
    const { code, stdout, stderr } = ws.run('pin', '--from', 'meta.json');
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('pins.json:1:1 error: the pins file is a folder, not a file');
    expect(fs.readdirSync(path.join(ws.root, 'pins.json'))).toEqual([]);
  });

  test('without --tag, the same pins: the tag comes from image.name', () => {
    expect(ws.run('pin', '--from', 'meta.json').code).toBe(0);
    expect(JSON.parse(read('pins.json'))['default/gstogs']).toBe(`${GS}:3f2c1d0@sha256:${hex('a')}`);
  });

  test('a hand pin of another task (an image-source one) and $schema are kept; a new build prints old → new; the same build changes nothing', () => {
    const hand = `quay.io/gilles/flask-team@sha256:${hex('9')}`;
    ws.write('pins.json', `{"$schema": "node_modules/datatask-cdk8s/pins.schema.json", "default/app-flask": "${hand}", "default/gstogs": "${GS}:old@sha256:${hex('0')}"}\n`);
    const first = ws.run('pin', '--from', 'meta.json');
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe(`default/gstogs: ${GS}:old@sha256:${hex('0')} → ${GS}:3f2c1d0@sha256:${hex('a')}`);
    expect(first.stderr).toBe('pins.json: 1 changed, 2 new (4 pins)\n');
    const pins = JSON.parse(read('pins.json'));
    expect(Object.keys(pins)).toEqual(['$schema', 'default/app-flask', 'default/gstogs', 'default/gstogs-daily', 'default/subscriber-launch-pipeline']);
    expect(pins['default/app-flask']).toBe(hand);
    const before = read('pins.json');
    expect(ws.run('pin', '--from', 'meta.json')).toEqual({ code: 0, stdout: '', stderr: 'pins.json: nothing changed (4 pins)\n' });
    expect(read('pins.json')).toBe(before);
  });

  test('a target missing from the metadata: its tasks keep their pins, with a warning', () => {
    const meta = JSON.parse(read('meta.json'));
    delete meta['default_subscriber-launch-pipeline'];
    ws.write('meta.json', JSON.stringify(meta));
    const { code, stderr } = ws.run('pin', '--from', 'meta.json');
    expect(code).toBe(0);
    expect(stderr).toContain('warning: meta.json has no target "default_subscriber-launch-pipeline"; default/subscriber-launch-pipeline keeps its pin');
    expect(Object.keys(JSON.parse(read('pins.json')))).toEqual(['default/gstogs', 'default/gstogs-daily']);
  });

  test('usage: --help, --from required, --from missing, --env without environments (exit 2)', () => {
    expect(ws.run('pin', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: datatask pin [options]') });
    expect(ws.run('pin')).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --from FILE is required') });
    expect(ws.run('pin', '--from', 'nope.json')).toMatchObject({ code: 2, stderr: 'error: the metadata file nope.json does not exist (see --from)\n' });
    expect(ws.run('pin', '--from', 'meta.json', '--env', 'dev')).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --env "dev": the settings declare no environments (the pins file is pins.json)') });
    expect(ws.run('pin', '--from', 'meta.json', '--bogus')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --bogus for `datatask pin`') });
    expect(fs.existsSync(path.join(ws.root, 'pins.json'))).toBe(false);
  });
});

describe('pin with environments: pins/<env>.json', () => {
  const pin = pinCommandWith(() => ['dev', 'prod']);

  test('--env dev writes pins/dev.json', () => {
    const { code, stderr } = runCommand(ws, pin, { from: 'meta.json', env: 'dev' });
    expect(code).toBe(0);
    expect(stderr).toBe('pins/dev.json: 0 changed, 3 new (3 pins)\n');
    expect(Object.keys(JSON.parse(read('pins/dev.json')))).toHaveLength(3);
    expect(fs.existsSync(path.join(ws.root, 'pins/prod.json'))).toBe(false);
  });

  test('--env is required, and must be declared (with a did-you-mean)', () => {
    expect(runCommand(ws, pin, { from: 'meta.json' })).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --env ENV is required: the settings declare the environments dev, prod') });
    expect(runCommand(ws, pin, { from: 'meta.json', env: 'prd' })).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --env "prd" is not a declared environment (did you mean "prod"?); the settings declare dev, prod') });
  });
});

describe('malformed metadata: located errors, exit 1, nothing written', () => {
  const expectErrors = (meta: string, errors: readonly string[]) => {
    ws.write('meta.json', meta);
    const { code, stdout, stderr } = ws.run('pin', '--from', 'meta.json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    for (const error of errors) expect(stderr).toContain(error);
    expect(stderr).toMatch(new RegExp(`${errors.length} error\\(s\\): pins.json not written\\n$`));
    expect(fs.existsSync(path.join(ws.root, 'pins.json'))).toBe(false);
  };

  test('a short digest, an upper-case one, a missing image.name, an unknown target', () => {
    expectErrors(
      `{
  "default_gstogs-daily": {"containerimage.digest": "sha256:${'a'.repeat(63)}", "image.name": "${GS}:1"},
  "default_subscriber-launch-pipeline": {"containerimage.digest": "sha256:${hex('B')}", "image.name": "${LAUNCH}:1"},
  "default_gstogs": {"containerimage.digest": "sha256:${hex('c')}"},
  "default_subscriber-launch-pipeline2": {}
}
`,
      [
        `meta.json:2:53 error: default_gstogs-daily["containerimage.digest"]: the digest "sha256:${'a'.repeat(63)}" has 63 hex digits after "sha256:"; a sha256 digest has 64`,
        `meta.json:3:67 error: default_subscriber-launch-pipeline["containerimage.digest"]: the digest "sha256:${hex('B')}" is in upper-case hex; write it in lower case ("sha256:${hex('b')}")`,
        'meta.json:4:3 error: default_gstogs: no task is built by the bake target "default_gstogs"; the metadata must come from the bake file of `images --format bake` for these tasks',
        'meta.json:5:3 error: default_subscriber-launch-pipeline2: no task is built by the bake target "default_subscriber-launch-pipeline2" (did you mean "default_subscriber-launch-pipeline"?)',
      ],
    );
  });

  test('no digest (an image not pushed), names of another repository, invalid JSON', () => {
    expectErrors(`{"default_gstogs-daily": {"image.name": "${GS}:1"}, "default_subscriber-launch-pipeline": {"containerimage.digest": "sha256:${hex('b')}", "image.name": "gcr.io/other/x:1,gcr.io/other/y:1"}}`, [
      'meta.json:1:26 error: default_gstogs-daily: the build result of "default_gstogs-daily" has no "containerimage.digest" string; was the image pushed (`docker buildx bake --push`)?',
      `meta.json:1:236 error: default_subscriber-launch-pipeline["image.name"]: none of the names "gcr.io/other/x:1,gcr.io/other/y:1" is a tag of "${LAUNCH}", the repository of default/subscriber-launch-pipeline`,
    ]);
    expectErrors('{"default_gstogs-daily": }', ['meta.json:1:26 error: invalid JSON: expected a value']);
  });

  test('image.name with several names, qualified: the one of the task\'s repository', () => {
    ws.write('meta.json', `{"default_gstogs-daily": {"containerimage.digest": "sha256:${hex('a')}", "image.name": "docker.io/acme/other:1,${GS}:v9"}}`);
    expect(ws.run('pin', '--from', 'meta.json').code).toBe(0);
    expect(JSON.parse(read('pins.json'))['default/gstogs']).toBe(`${GS}:v9@sha256:${hex('a')}`);
  });

  test('a malformed pins file is reported too, located', () => {
    ws.write('pins.json', '{\n  "default/gstogs": "nope"\n}\n');
    const { code, stderr } = ws.run('pin', '--from', 'meta.json');
    expect(code).toBe(1);
    expect(stderr).toContain('pins.json:2:21 error: ["default/gstogs"]: "nope" has no digest: a pin is <repository>[:<tag>]@sha256:<64 lower-case hex digits> (missing "@sha256:")');
    expect(read('pins.json')).toBe('{\n  "default/gstogs": "nope"\n}\n');
  });
});

test('images --format bake --env prod names its targets as without --env, so pin maps the metadata of that build back (it named them after prod\'s namespace, which pin refused)', () => {
  const project = new Workspace()
    .write('datatask.settings.json', '{ "environments": { "dev": { "namespace": "data-dev" }, "prod": { "namespace": "data" } } }\n')
    .task('etl/manifest.json', { type: 'job', name: 'etl', labels: 'app:etl', 'image-destination': 'gcr.io/acme/etl:1.0' })
    .write('tasks/etl/Dockerfile', 'FROM busybox\n');
  try {
    const bake = project.run('images', '--format', 'bake', '--env', 'prod');
    expect(bake.code).toBe(0);
    expect(JSON.parse(bake.stdout).group.default.targets).toEqual(JSON.parse(project.run('images', '--format', 'bake').stdout).group.default.targets);
    const [target] = JSON.parse(bake.stdout).group.default.targets as string[];
    project.write('meta.json', JSON.stringify({ [target!]: { 'containerimage.digest': `sha256:${hex('e')}`, 'image.name': 'gcr.io/acme/etl:1.0' } }));
    expect(project.run('pin', '--from', 'meta.json', '--env', 'prod')).toMatchObject({ code: 0, stdout: `data/etl: (new) gcr.io/acme/etl:1.0@sha256:${hex('e')}\n` });
  } finally {
    project.remove();
  }
});
