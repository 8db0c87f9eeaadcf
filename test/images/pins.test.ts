import Ajv2020 from 'ajv/dist/2020';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPinReference, parsePins, pinnedImage, renderPins } from '../../lib/images/pins';
import { hex } from './support';

const ROOT = path.resolve(__dirname, '../..');
const FORM = 'a pin is <repository>[:<tag>]@sha256:<64 lower-case hex digits>';

/** The tasks a pins file may name, with their images. */
const KNOWN = new Map([
  ['default/gstogs', 'gcr.io/affini-tech-datalab/gs_to_gs:0.1'],
  ['default/gstogs-daily', 'gcr.io/affini-tech-datalab/gs_to_gs:0.1'],
  ['default/app-flask', 'quay.io/gilles/flask-team'],
  ['default/metrics-api', 'busybox:1.36'],
  ['default/orders-api', 'gcr.io/acme/orders-api:1.4'],
  ['default/orders-export', 'gcr.io/acme/orders-export:1.4'],
  ['default/subscriber-launch-pipeline', 'gcr.io/datataskio/launch_pipeline:0.2'],
]);

const located = (text: string) =>
  parsePins('pins/dev.json', text, KNOWN)
    .diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}: ${d.message}`)
    .sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]));

describe('a pins file read located', () => {
  test('each error at its file:line:col, saying what is wrong', () => {
    const text = `{
  "$schema": "../pins.schema.json",
  "gstogs": "gcr.io/affini-tech-datalab/gs_to_gs:1@sha256:${hex('a')}",
  "default/gstogs": "gcr.io/affini-tech-datalab/gs_to_gs:1",
  "default/gstogs-daily": "gcr.io/affini-tech-datalab/gs_to_gs:1@sha256:${'a'.repeat(63)}",
  "default/app-flask": "quay.io/gilles/flask-team@sha256:${hex('A')}",
  "default/metrics-api": "busybox@md5:abc",
  "default/orders-api": "gcr.io/other/orders:1@sha256:${hex('b')}",
  "default/subscriber-launch-pipelin": "gcr.io/datataskio/launch_pipeline:1@sha256:${hex('c')}",
  "default/orders-export": 5
}
`;
    expect(located(text)).toEqual([
      'pins/dev.json:3:3 error: a pin\'s key is "<namespace>/<task>" (e.g. "default/gstogs"), found "gstogs"',
      `pins/dev.json:4:21 error: "gcr.io/affini-tech-datalab/gs_to_gs:1" has no digest: ${FORM} (missing "@sha256:")`,
      `pins/dev.json:5:27 error: the digest of "gcr.io/affini-tech-datalab/gs_to_gs:1@sha256:${'a'.repeat(63)}" has 63 hex digits after "sha256:"; a sha256 digest has 64; ${FORM}`,
      `pins/dev.json:6:24 error: the digest of "quay.io/gilles/flask-team@sha256:${hex('A')}" is in upper-case hex; write it in lower case ("sha256:${hex('a')}"); ${FORM}`,
      `pins/dev.json:7:26 error: the digest of "busybox@md5:abc" must start with "sha256:" (found "md5:"); ${FORM}`,
      'pins/dev.json:8:25 error: the pin\'s repository "gcr.io/other/orders" is not the task\'s, "gcr.io/acme/orders-api" (its image is "gcr.io/acme/orders-api:1.4"); a pin fixes the digest of the task\'s own image',
      'pins/dev.json:9:3 error: there is no task "default/subscriber-launch-pipelin" (did you mean "default/subscriber-launch-pipeline"?); a pin names a task as "<namespace>/<task>"',
      'pins/dev.json:10:28 error: a pin is a string "<repository>[:<tag>]@sha256:<64 hex digits>", found 5',
    ]);
  });

  test('the JSON itself, and a file that is no object', () => {
    expect(located('{\n  "default/gstogs": "x",\n}\n')).toEqual(['pins/dev.json:3:1 error: invalid JSON: expected a property name in double quotes']);
    expect(located('[]\n')).toEqual(['pins/dev.json:1:1 error: a pins file is a JSON object {"<namespace>/<task>": "<repository>[:<tag>]@sha256:<64 hex digits>"}, found a list']);
  });

  test('other malformed references and keys', () => {
    expect(checkPinReference(`gcr.io/x/a:1@sha256:${'g'.repeat(64)}`)).toBe(`the digest of "gcr.io/x/a:1@sha256:${'g'.repeat(64)}" holds "g", which is not a hex digit; ${FORM}`);
    expect(checkPinReference(`gcr.io/X/a:1@sha256:${hex('a')}`)).toBe('the repository of the pin: "gcr.io/X/a:1" is not a valid image reference: repository path must be lower case');
    expect(checkPinReference(`gcr.io/x/a@sha256:${hex('a')}`)).toBeUndefined();
    // A short digest in upper case: its length first, since lower case alone would not make it one (the hint was "sha256:abc").
    expect(checkPinReference('gcr.io/x/a:1@sha256:ABC')).toBe(`the digest of "gcr.io/x/a:1@sha256:ABC" has 3 hex digits after "sha256:"; a sha256 digest has 64; ${FORM}`);
    expect(located(`{"Default/a": "gcr.io/x/a@sha256:${hex('a')}"}`)).toEqual([
      'pins/dev.json:1:2 error: a pin\'s key is "<namespace>/<task>" (e.g. "default/gstogs"): the namespace "Default" must consist of lower-case letters, digits and \'-\', and start and end with a letter or digit',
    ]);
  });

  test('valid pins: kept exactly, the same repository written another way included; any task, image-source ones too', () => {
    const pins = {
      'default/metrics-api': `docker.io/library/busybox:1.36@sha256:${hex('1')}`,
      'default/gstogs': `gcr.io/affini-tech-datalab/gs_to_gs:3f2c1d0@sha256:${hex('2')}`,
      'default/app-flask': `quay.io/gilles/flask-team@sha256:${hex('3')}`,
    };
    const read = parsePins('pins.json', JSON.stringify(pins), KNOWN);
    expect(read.diagnostics).toEqual([]);
    expect(Object.fromEntries(read.pins)).toEqual(pins);
    expect(pinnedImage('gcr.io/affini-tech-datalab/gs_to_gs:0.1', read.pins.get('default/gstogs'))).toBe(pins['default/gstogs']);
    expect(pinnedImage('gcr.io/acme/orders-api:1.4', read.pins.get('default/orders-api'))).toBe('gcr.io/acme/orders-api:1.4');
  });

  test('written sorted by key, $schema first, 2-space JSON and a trailing newline', () => {
    expect(renderPins(new Map([['b/x', 'r@sha256:1'], ['a/y', 'r@sha256:2']]), '../pins.schema.json')).toBe('{\n  "$schema": "../pins.schema.json",\n  "a/y": "r@sha256:2",\n  "b/x": "r@sha256:1"\n}\n');
  });
});

describe('a pins file of many keys', () => {
  // Each diagnostic was located by a scan of the file's object (jsonc-parser findNodeAtLocation): 40,000 keys took 42 s.
  test('40,000 unknown tasks: each located at its key, in well under the time a scan per key took', () => {
    const count = 40_000;
    const text = `{\n${Array.from({ length: count }, (_, i) => `  "default/t-${i}": "gcr.io/acme/t:1@sha256:${hex('a')}"`).join(',\n')}\n}\n`;
    const started = Date.now();
    const read = parsePins('pins.json', text, new Map([['default/etl', 'gcr.io/acme/etl:1']]));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(read.diagnostics.length).toBe(count);
    expect(read.diagnostics.at(-1)).toMatchObject({ line: count + 1, column: 3 });
  }, 60_000);
});

describe('pins.schema.json', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'pins.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

  test('ajv accepts what pin writes and hand pins, refuses what the reader refuses', () => {
    expect(validate({})).toBe(true);
    expect(validate({ $schema: '../pins.schema.json', 'default/gstogs': `gcr.io/affini-tech-datalab/gs_to_gs:3f2c1d0@sha256:${hex('a')}`, 'data-prod/app-flask': `quay.io/gilles/flask-team@sha256:${hex('b')}` })).toBe(true);
    for (const bad of [
      { gstogs: `gcr.io/x/a@sha256:${hex('a')}` },
      { 'default/a': 'gcr.io/x/a:1' },
      { 'default/a': `gcr.io/x/a@sha256:${'a'.repeat(63)}` },
      { 'default/a': `gcr.io/x/a@sha256:${hex('A')}` },
      { 'default/a': 5 },
      { 'Default/a': `gcr.io/x/a@sha256:${hex('a')}` },
      { $schema: 5 },
      [],
    ]) {
      expect(validate(bad)).toBe(false);
      expect(parsePins('p.json', JSON.stringify(bad), new Map([['default/a', 'gcr.io/x/a:1']])).diagnostics).not.toEqual([]);
    }
  });
});
