/**
 * Property: whatever a manifest file holds, `ManifestLoader.load` does not
 * throw; it gives a task (which renders into objects a cluster accepts) or
 * at least one located error, never both; and through the CLI a bad file
 * leaves a good dist/ exactly as it was, with no stack trace.
 *
 * The checks live in test/support/fuzz/hostile-check.ts, the generators in
 * test/support/fuzz/ (hostile-case.ts and the modules it builds on).
 * FUZZ_RUNS and FUZZ_SEED override the number of runs and the seed
 * (`npm run fuzz` runs 10,000).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { synthesize } from '../support/render-stage';
import { type HostileCase, hostileCaseArbitrary, hostileWithSettingsArbitrary } from '../support/fuzz/hostile-case';
import { checkHostileCase } from '../support/fuzz/hostile-check';
import { parseSettings } from '../support/fuzz/loaders';
import { validWithSettingsArbitrary } from '../support/fuzz/valid-case';
import { expectValidKubernetesObjects } from '../support/kube-schema';
import { Workspace } from '../support/workspace';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });
const TIMEOUT = 600_000;

describe('hostile manifests (property)', () => {
  test(
    `ManifestLoader.load never throws; a task (rendering into valid objects) or located errors, never both (${RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(hostileWithSettingsArbitrary(), ({ settings, case: c }) => checkHostileCase(c, parseSettings(settings), expectValidKubernetesObjects)),
        params(RUNS),
      );
    },
    TIMEOUT,
  );

  test(
    `through the CLI, a bad manifest leaves a good dist/ byte-identical: exit 1, no stack trace (${Math.ceil(RUNS / 4)} runs)`,
    () => {
      const bad = hostileCaseArbitrary().filter((c) => c.mustReject);
      fc.assert(
        fc.property(validWithSettingsArbitrary(), bad, ({ settings, case: good }, hostile) => {
          const ws = new Workspace();
          try {
            ws.write('datatask.settings.json', JSON.stringify(settings)).task('good/manifest.json', good.text);
            const first = ws.run();
            expect(first.stderr).not.toMatch(/\n\s+at /);
            expect(first.code).toBe(0);
            const before = ws.files();
            expect(Object.keys(before)).toHaveLength(1);

            const file = path.join(ws.root, 'tasks', 'zz-hostile', 'manifest.json');
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, hostile.bytes ?? hostile.text);
            // Only files the pipeline itself refuses count: it reads them as strict UTF-8 and drops a BOM,
            // and a lone surrogate written as UTF-8 comes back as U+FFFD.
            const expected = synthesize({ tasksDir: path.join(ws.root, 'tasks'), settings: parseSettings(settings), cwd: ws.root });
            fc.pre(expected.diagnostics.some((d) => d.severity === 'error' && d.file === 'tasks/zz-hostile/manifest.json'));

            const second = ws.run();
            expect(second.stderr).not.toMatch(/\n\s+at /);
            expect(second.stderr).not.toContain('internal error');
            expect(second.stderr).toContain('tasks/zz-hostile/manifest.json:');
            expect(second.code).toBe(1);
            expect(ws.files()).toEqual(before);
          } finally {
            ws.remove();
          }
        }),
        params(Math.ceil(RUNS / 4)),
      );
    },
    TIMEOUT,
  );
});

describe('the hostile generator', () => {
  const sample = fc.sample(hostileCaseArbitrary(), { numRuns: 500, seed: 7 });
  test.each([
    ['deleted required keys', /delete-required|empty-required/],
    ['unknown keys', /unknown key/],
    ['wrong types', /wrong type/],
    ['200-deep nesting', /200-deep/],
    ['100k strings', /100k/],
    ['odd unicode', /odd unicode/],
    ['lone surrogates', /lone surrogate/],
    ['truncated text', /truncated/],
    ['random bytes', /random bytes/],
    ['duplicate keys', /duplicate key/],
    ['a BOM', /BOM/],
  ])('produces %s', (_, pattern) => {
    expect(sample.some((c: HostileCase) => pattern.test(c.description))).toBe(true);
  });

  test('produces texts the loader must refuse and texts it may accept', () => {
    expect(sample.filter((c) => c.mustReject).length).toBeGreaterThan(sample.length / 3);
    expect(sample.filter((c) => !c.mustReject).length).toBeGreaterThan(sample.length / 20);
  });
});

describe('fixed bugs', () => {
  test('an unknown key "__proto__" is refused like any other unknown key (it was silently dropped before the JSON.parse fast path)', () => {
    const job = { labels: 'app:fuzz', type: 'job', name: 'fuzz', 'image-source': 'busybox:1.36' };
    const text = JSON.stringify(job).replace('{', '{"__proto__": {"hostNetwork": true},');
    expect(() => checkHostileCase({ description: '__proto__ key', text, mustReject: true }, parseSettings({}), expectValidKubernetesObjects)).not.toThrow();
  });
});

/**
 * Bugs of lib/ that fuzzing found (FIXED_BUGS in test/support/fuzz/options.ts),
 * now fixed: each input is refused with a located diagnostic, or rendered
 * into objects the cluster accepts with its values kept.
 */
describe('inputs fuzzing found that would crash or make objects the API server refuses are refused', () => {
  const settings = parseSettings({});
  const job = { labels: 'app:fuzz', type: 'job', name: 'fuzz', 'image-source': 'busybox:1.36' };

  test('JSON nested 50,000 levels deep (a 100 KB file) makes ManifestLoader.load throw RangeError', () => {
    const text = JSON.stringify({ ...job, cmd: 'X' }).replace('"X"', `${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    checkHostileCase({ description: '50000-deep array', text, mustReject: true }, settings, expectValidKubernetesObjects);
  });

  test('a 100,000-character displayed_name makes annotations the API server refuses (over 256 KiB)', () => {
    const service = {
      labels: 'app:fuzz',
      type: 'service',
      name: 'fuzz',
      'image-source': 'nginx:1.25',
      'name-port': 'http',
      'container-port': 8080,
      published: { prefix: '/fuzz/', bypass_auth: true, displayed_name: '€'.repeat(100_000) },
    };
    checkHostileCase({ description: 'huge displayed_name', text: JSON.stringify(service), mustReject: false }, settings, expectValidKubernetesObjects);
  });
});
