/**
 * Whole valid manifests. {@link validCaseArbitrary} gives manifests that the
 * format and the Kubernetes API both accept, of every shape (job, cron job,
 * deployment, service, published service), covering every field of
 * lib/manifest/schema.ts, as JSON text in several layouts;
 * {@link validWithSettingsArbitrary} pairs one with project settings.
 */
import * as fc from 'fast-check';
import { cronSchedule } from './cron';
import { cronJobFields, workloadCommonFields, envEntry, jobFields, probeFields } from './workload-fields';
import { labelsField, nodeSelector, toleration } from './fields';
import { imageReference } from './image-references';
import { dns1035Label, dnsLabel, dnsSubdomain, ianaSvcName } from './names';
import type { FuzzOptions } from './options';
import { fullPublishedField, publishedField } from './published';
import { cpuRequestAndLimit, memoryRequestAndLimit } from './quantities';
import { settingsInputArbitrary } from './settings';
import { applyableString } from './strings';
import { volumesField } from './volumes';

export type TaskShape = 'job' | 'cron-job' | 'deployment' | 'service' | 'published-service';

/** A valid manifest, its JSON text, and what it means. */
export interface ValidCase {
  readonly shape: TaskShape;
  readonly manifest: Record<string, unknown>;
  /** The manifest file's text. */
  readonly text: string;
  /** The labels the `labels` string means. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Fields that are absent when empty (`""`, `[]`, `{}`), as in the format's own examples. */
const EMPTY_PLACEHOLDERS: ReadonlyArray<readonly [string, unknown]> = [
  ['schedule', ''], ['svc-account-secret', ''], ['env', []], ['cmd', []], ['published', {}], ['node-selector', {}], ['volumes', []],
  ['tolerations', []], ['cpu-limit', ''], ['memory-limit', ''], ['cpu-request', ''], ['memory-request', ''], ['namespace', ''], ['$schema', ''],
];

const opt = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { nil: undefined, freq });

function commonFields(options: FuzzOptions, restricted: boolean) {
  return fc.record(
    {
      $schema: fc.constantFrom('../../schema/manifest.schema.json', 'https://example.com/manifest.json', 'yes'),
      namespace: dnsLabel(),
      'image-pull-policy': fc.constantFrom('Always', 'IfNotPresent', 'Never'),
      env: fc.uniqueArray(envEntry(options), { minLength: 1, maxLength: 5, selector: (e) => e.name }),
      'svc-account-secret': dnsSubdomain(),
      cmd: fc.array(applyableString, { minLength: 1, maxLength: 4 }),
      volumes: volumesField(options, restricted),
      tolerations: fc.array(toleration(options), { minLength: 1, maxLength: 3 }),
      'node-selector': nodeSelector(options),
    },
    { requiredKeys: [] },
  );
}

function shapeFields(shape: TaskShape): fc.Arbitrary<Record<string, unknown>> {
  switch (shape) {
    case 'job':
      return fc.tuple(dnsLabel(63), jobFields).map(([name, job]) => ({ type: 'job', name, ...job }));
    case 'cron-job':
      return fc.tuple(dnsLabel(52), cronSchedule, jobFields, cronJobFields).map(([name, schedule, job, cron]) => ({ type: 'job', name, schedule, ...job, ...cron }));
    case 'deployment':
      return fc
        .tuple(dnsLabel(63), opt(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(2 ** 31 - 1))), opt(probeFields(undefined)))
        .map(([name, replicas, probes]) => ({ type: 'deployment', name, replicas, ...probes }));
    case 'service':
    case 'published-service':
      return fc
        .tuple(
          dns1035Label(63),
          opt(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(2 ** 31 - 1))),
          ianaSvcName,
          fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(1, 80, 5000, 65535)),
          shape === 'published-service' ? fc.oneof(publishedField, fullPublishedField) : fc.constant(undefined),
        )
        .chain(([name, replicas, namePort, port, published]) =>
          opt(probeFields(namePort)).map((probes) => ({ type: 'service', name, replicas, 'name-port': namePort, 'container-port': port, published, ...probes })),
        );
  }
}

/** JSON text of `value` with one of several layouts. */
export const layout = fc.constantFrom<string | number>(0, 2, 4, '\t');

/**
 * Valid manifests of the given shapes (all by default). `restricted`
 * leaves out what the restricted Pod Security profile forbids (nfs volumes).
 */
export function validCaseArbitrary(options: FuzzOptions = { fixedBugs: false }, shapes: readonly TaskShape[] = ['job', 'cron-job', 'deployment', 'service', 'published-service'], restricted = false): fc.Arbitrary<ValidCase> {
  return fc
    .tuple(
      fc.constantFrom(...shapes).chain((shape) => fc.tuple(fc.constant(shape), shapeFields(shape))),
      labelsField(options),
      fc.tuple(imageReference, fc.boolean()),
      commonFields(options, restricted),
      // The workload fields in about half of the manifests, so that the rest stay as small as before.
      fc.option(fc.record(workloadCommonFields(options), { requiredKeys: [] }), { nil: undefined, freq: 2 }),
      cpuRequestAndLimit,
      memoryRequestAndLimit,
      fc.subarray([...EMPTY_PLACEHOLDERS], { minLength: 0, maxLength: 4 }),
      layout,
      fc.boolean(),
    )
    .map(([[shape, typeFields], labels, [image, built], common, workload, cpu, memory, placeholders, indent, keyOrderReversed]) => {
      const m: Record<string, unknown> = {
        labels: labels.text,
        ...typeFields,
        [built ? 'image-destination' : 'image-source']: image,
        ...common,
        ...workload,
        'cpu-request': cpu.request,
        'cpu-limit': cpu.limit,
        'memory-request': memory.request,
        'memory-limit': memory.limit,
      };
      // Empty values of absent fields ("image-source": "" beside an image-destination, …).
      for (const [key, empty] of [[built ? 'image-source' : 'image-destination', ''] as const, ...placeholders]) {
        if (m[key] === undefined) m[key] = empty;
      }
      for (const key of Object.keys(m)) if (m[key] === undefined) delete m[key];
      const ordered = keyOrderReversed ? Object.fromEntries(Object.entries(m).reverse()) : m;
      return { shape, manifest: ordered, text: JSON.stringify(ordered, null, indent) + (indent === 0 ? '' : '\n'), labels: labels.labels };
    });
}

/**
 * A settings file and a manifest to go with it (a restricted profile gets
 * no nfs volume unless the fixed bugs' inputs are included). Both case
 * arbitraries are built once: building one per sample made sampling ~15×
 * slower.
 */
export function validWithSettingsArbitrary(options: FuzzOptions = { fixedBugs: false }): fc.Arbitrary<{ settings: Record<string, unknown>; case: ValidCase }> {
  const baseline = validCaseArbitrary(options, undefined, false);
  const restricted = validCaseArbitrary(options, undefined, true);
  return settingsInputArbitrary.chain((settings) => (settings.podSecurity === 'restricted' ? restricted : baseline).map((c) => ({ settings, case: c })));
}
