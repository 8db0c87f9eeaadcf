/**
 * Property: any valid manifest, with any settings, loads with no error,
 * renders, reads back (YAML 1.1 and 1.2) as exactly the rendered objects,
 * passes the strict Kubernetes 1.27 / Mapping schema and the API-server
 * rules, keeps its values, and meets the Pod Security profile.
 *
 * The checks live in test/support/fuzz/valid-check.ts, the generators in
 * test/support/fuzz/ (valid-case.ts and the modules it builds on).
 * FUZZ_RUNS and FUZZ_SEED override the number of runs and the seed
 * (`npm run fuzz` runs 10,000).
 */
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { manifestFields } from '../../lib/manifest/schema';
import { renderTask } from '../support/render-task';
import { cronSchedule } from '../support/fuzz/cron';
import { imageReference } from '../support/fuzz/image-references';
import { loaderFor, parseSettings } from '../support/fuzz/loaders';
import { quantity, quantityNanos } from '../support/fuzz/quantities';
import { settingsInputArbitrary } from '../support/fuzz/settings';
import { anyString } from '../support/fuzz/strings';
import { type ValidCase, validCaseArbitrary, validWithSettingsArbitrary } from '../support/fuzz/valid-case';
import { checkValidCase } from '../support/fuzz/valid-check';
import { expectValidKubernetesObjects } from '../support/kube-schema';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });
const TIMEOUT = 600_000;

describe('valid manifests (property)', () => {
  test(
    `load with no error and render into objects a cluster accepts, values read back as given (${RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(validWithSettingsArbitrary(), ({ settings, case: c }) => checkValidCase(c, parseSettings(settings), expectValidKubernetesObjects)),
        params(RUNS),
      );
    },
    TIMEOUT,
  );

  test(
    `with podSecurity "restricted": runAsNonRoot, seccomp RuntimeDefault, drop ALL, no privilege escalation (${Math.ceil(RUNS / 3)} runs)`,
    () => {
      const restricted = settingsInputArbitrary.map((s) => ({ ...s, podSecurity: 'restricted' }));
      fc.assert(
        fc.property(restricted, validCaseArbitrary({ fixedBugs: false }, undefined, true), (s, c) => {
          const settings = parseSettings(s);
          checkValidCase(c, settings, expectValidKubernetesObjects);
          // The profile's fields, read straight from the rendered file, for every container.
          const task = loaderFor(settings).load('tasks/fuzz/manifest.json', c.text).task!.task;
          const objects = parseAllDocuments(renderTask(task, settings, 'tasks/fuzz/manifest.json').content).map((d) => d.toJS());
          const pods = objects.map((o) => (o.spec?.template ?? o.spec?.jobTemplate?.spec?.template)?.spec).filter((p) => p !== undefined);
          expect(pods.length).toBeGreaterThan(0);
          for (const pod of pods) {
            for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) expect(pod[key]).not.toBe(true);
            for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
              const sc = container.securityContext;
              expect(sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot).toBe(true);
              expect(sc.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
              expect(sc.capabilities.drop).toContain('ALL');
              expect(sc.allowPrivilegeEscalation).toBe(false);
              expect(sc.privileged).not.toBe(true);
            }
          }
        }),
        params(Math.ceil(RUNS / 3)),
      );
    },
    TIMEOUT,
  );
});

describe('the generators', () => {
  const sample = fc.sample(validWithSettingsArbitrary(), { numRuns: 600, seed: 42 }).map((x) => x.case);
  const present = (c: ValidCase, key: string) => {
    const v = c.manifest[key];
    return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  };

  test('cover every manifest field of lib/manifest/schema.ts, and every shape', () => {
    // `environments` needs environments declared: it is tested with them in test/environments/.
    const missing = Object.keys(manifestFields).filter((key) => key !== 'environments' && !sample.some((c) => present(c, key)));
    expect(missing).toEqual([]);
    expect(new Set(sample.map((c) => c.shape))).toEqual(new Set(['job', 'cron-job', 'deployment', 'service', 'published-service']));
  });

  test('cover every volume source, toleration form, published key and empty placeholder', () => {
    const volumes = sample.flatMap((c) => (c.manifest.volumes as Array<Record<string, unknown>> | undefined) ?? []);
    for (const source of ['configMap', 'secret', 'persistentVolumeClaim', 'emptyDir', 'csi', 'nfs']) {
      expect(volumes.some((v) => v[source] !== undefined)).toBe(true);
    }
    expect(volumes.some((v) => v.subPath !== undefined && v.readOnly !== undefined)).toBe(true);
    const tolerations = sample.flatMap((c) => (c.manifest.tolerations as Array<Record<string, unknown>> | undefined) ?? []);
    expect(tolerations.some((t) => t.key === undefined && t.operator === 'Exists')).toBe(true);
    expect(tolerations.some((t) => t.key !== undefined && t.operator === undefined)).toBe(true);
    expect(tolerations.some((t) => t.operator === 'Equal')).toBe(true);
    expect(tolerations.some((t) => t.tolerationSeconds !== undefined)).toBe(true);
    const published = sample.map((c) => c.manifest.published as Record<string, unknown> | undefined).filter((p) => p !== undefined && Object.keys(p).length > 0);
    expect(published.some((p) => Object.keys(p!).length === 9)).toBe(true);
    expect(published.some((p) => p!.bypass_auth === true && p!.access === undefined)).toBe(true);
    expect(sample.some((c) => c.manifest['image-source'] === '' || c.manifest['image-destination'] === '')).toBe(true);
    expect(sample.some((c) => c.manifest.schedule === '')).toBe(true);
    expect(sample.some((c) => Object.values(c.labels).includes(''))).toBe(true);
    expect(sample.some((c) => Object.keys(c.labels).length === 3)).toBe(true);
  });

  test('cron schedules include every macro and named months and days', () => {
    const schedules = fc.sample(cronSchedule, { numRuns: 1000, seed: 1 });
    for (const macro of ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']) expect(schedules).toContain(macro);
    expect(schedules.some((s) => /[a-z]{3}/i.test(s) && !s.startsWith('@'))).toBe(true);
  });

  test('image references include registries with ports, tags and digests', () => {
    const refs = fc.sample(imageReference, { numRuns: 1000, seed: 1 });
    expect(refs.some((r) => /^[^/]+:\d+\//.test(r))).toBe(true);
    expect(refs.some((r) => /:[\w][\w.-]*$/.test(r.split('@')[0]) && !r.includes('@'))).toBe(true);
    expect(refs.some((r) => r.includes('@sha256:'))).toBe(true);
    expect(refs.some((r) => r.includes('@sha512:'))).toBe(true);
  });

  test('quantities are valid and the evaluator is exact', () => {
    expect(quantityNanos('0.20')).toBe(200_000_000n);
    expect(quantityNanos('200m')).toBe(200_000_000n);
    expect(quantityNanos('1Ki')).toBe(1024n * 1_000_000_000n);
    expect(quantityNanos('1e3')).toBe(1000n * 1_000_000_000n);
    expect(quantityNanos('0.1n')).toBe(1n);
    expect(quantityNanos('-0')).toBe(0n);
    expect(quantityNanos('-1')).toBeUndefined();
    expect(quantityNanos('1MB')).toBeUndefined();
    for (const q of fc.sample(quantity, { numRuns: 500, seed: 1 })) expect(quantityNanos(q)).toBeDefined();
  });

  test('strings include the YAML-tricky ones', () => {
    const strings = new Set(fc.sample(anyString, { numRuns: 3000, seed: 1 }));
    for (const s of ['yes', '0755', '1e3', '~', 'a: b', '#x', '\u2028', '😀', '']) expect(strings.has(s)).toBe(true);
  });
});

/**
 * Bugs of lib/ that fuzzing found (FIXED_BUGS in test/support/fuzz/options.ts),
 * now fixed: each input is refused with a located diagnostic, or rendered
 * into objects the cluster accepts with its values kept.
 */
describe('inputs fuzzing found that the API server or cdk8s would refuse are refused with a diagnostic', () => {
  const settings = parseSettings({});
  const restricted = parseSettings({ podSecurity: 'restricted' });
  const job = (extra: Record<string, unknown>, labels = 'app:fuzz'): ValidCase => {
    const manifest = { labels, type: 'job', name: 'fuzz', 'image-source': 'busybox:1.36', ...extra };
    return { shape: 'job', manifest, text: JSON.stringify(manifest), labels: Object.fromEntries(labels.split(',').map((p) => p.split(':') as [string, string])) };
  };
  const refusedOrSound = (c: ValidCase, s = settings): void => {
    const result = loaderFor(s).load('tasks/fuzz/manifest.json', c.text);
    if (result.task === undefined && result.diagnostics.some((d) => d.severity === 'error')) return;
    checkValidCase(c, s, expectValidKubernetesObjects);
  };
  const volume = (source: Record<string, unknown>) => ({ volumes: [{ name: 'data', mountPath: '/data', ...source }] });

  test('a label key "constructor" crashes rendering', () => {
    refusedOrSound(job({}, 'constructor:x'));
  });

  test('labels "constructor:a,value:b" are silently rendered as {value: b}', () => {
    const manifest = { labels: 'constructor:a,value:b', type: 'deployment', name: 'fuzz', 'image-source': 'busybox:1.36' };
    refusedOrSound({ shape: 'deployment', manifest, text: JSON.stringify(manifest), labels: { constructor: 'a', value: 'b' } });
  });

  test('a node-selector key "constructor" crashes rendering', () => {
    refusedOrSound(job({ 'node-selector': JSON.parse('{"constructor": "x"}') }));
  });

  test('a csi volumeAttributes key "__proto__" is silently dropped', () => {
    refusedOrSound(job(volume({ csi: { driver: 'csi.example.com', volumeAttributes: JSON.parse('{"__proto__": "x", "a": "b"}') } })));
  });

  test('env name "..x" is accepted, and refused by the API server', () => {
    refusedOrSound(job({ env: [{ name: '..x', value: 'v' }] }));
  });

  test('configMap items path "..data" is accepted, and refused by the API server', () => {
    refusedOrSound(job(volume({ configMap: { name: 'cm', items: [{ key: 'k', path: '..data' }] } })));
  });

  test('a 64-character csi driver name is accepted, and refused by the API server', () => {
    refusedOrSound(job(volume({ csi: { driver: `${'a'.repeat(30)}.${'b'.repeat(33)}` } })));
  });

  test('a relative nfs path is accepted, and refused by the API server', () => {
    refusedOrSound(job(volume({ nfs: { server: 'nfs.example.com', path: 'exports/data' } })));
  });

  test('with podSecurity "restricted", an nfs volume is rendered although the profile forbids it', () => {
    refusedOrSound(job(volume({ nfs: { server: 'nfs.example.com', path: '/exports' } })), restricted);
  });
});
