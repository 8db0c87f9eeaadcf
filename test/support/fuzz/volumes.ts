/**
 * The manifest's `volumes`: mount paths, sub paths, and every volume source
 * (configMap, secret, persistentVolumeClaim, emptyDir, csi, nfs).
 */
import * as fc from 'fast-check';
import { dnsLabel, dnsSubdomain } from './names';
import { type FuzzOptions, including } from './options';
import { quantity } from './quantities';
import { applyableString as anyString, DIGITS, LOWER, nonEmpty, str, UNAPPLYABLE } from './strings';

/** A relative path without ".." components (a subPath, or a key-to-path path). */
const relativePath = (options: FuzzOptions, forItems: boolean): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(str(LOWER + DIGITS + '._-', 1, 10), fc.constantFrom('.', '...', '..x', 'yes', 'a b', '#x', 'é', '😀', 'a:b')), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join('/'))
    .filter((p) => !p.split('/').includes('..'))
    .filter((p) => !forItems || including(options) || !p.startsWith('..'));

const absolutePath: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 5, arbitrary: str(LOWER + DIGITS + '._-', 1, 10) }, { weight: 1, arbitrary: nonEmpty(anyString).map((s) => s.replaceAll('/', '')) }), { minLength: 1, maxLength: 4 })
  .map((parts) => `/${parts.join('/')}`)
  .filter((p) => p !== '/');

const fileMode = fc.integer({ min: 0, max: 0o777 });

const keyToPath = (options: FuzzOptions) =>
  fc.record({ key: nonEmpty(anyString), path: relativePath(options, true), mode: fileMode }, { requiredKeys: ['key', 'path'] });

/** A map key for csi volumeAttributes: any string, including very long ones (written as explicit YAML keys). */
const attributeKey = (options: FuzzOptions): fc.Arbitrary<string> => {
  const special = ['constructor', '__proto__'];
  return fc
    .oneof(
      { weight: 10, arbitrary: anyString },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 1024 }) },
      { weight: 1, arbitrary: fc.string({ minLength: 129, maxLength: 1024 }) },
    )
    // Server-side apply reads keys of at most 1024 characters, without DEL, C1 controls, U+FFFE, U+FFFF.
    .filter((k) => k.length <= 1024 && !UNAPPLYABLE.test(k))
    .filter((k) => including(options) || !special.includes(k));
};

const volumeSource = (options: FuzzOptions, restricted: boolean): fc.Arbitrary<Record<string, unknown>> => {
  const items = fc.array(keyToPath(options), { minLength: 0, maxLength: 3 });
  const csiDriver = including(options)
    ? fc.oneof({ weight: 6, arbitrary: dnsSubdomain(63) }, { weight: 1, arbitrary: dnsSubdomain(253).filter((d) => d.length > 63) })
    : dnsSubdomain(63);
  const nfsPath = including(options) ? fc.oneof({ weight: 5, arbitrary: absolutePath }, { weight: 1, arbitrary: relativePath(options, false) }) : absolutePath;
  const sources: Array<fc.Arbitrary<Record<string, unknown>>> = [
    fc.record({ name: dnsSubdomain(), items, defaultMode: fileMode, optional: fc.boolean() }, { requiredKeys: ['name'] }).map((configMap) => ({ configMap })),
    fc.record({ secretName: dnsSubdomain(), items, defaultMode: fileMode, optional: fc.boolean() }, { requiredKeys: ['secretName'] }).map((secret) => ({ secret })),
    fc.record({ claimName: dnsSubdomain(), readOnly: fc.boolean() }, { requiredKeys: ['claimName'] }).map((persistentVolumeClaim) => ({ persistentVolumeClaim })),
    fc.record({ medium: fc.constantFrom('', 'Memory'), sizeLimit: quantity }, { requiredKeys: [] }).map((emptyDir) => ({ emptyDir })),
    fc
      .record(
        {
          driver: csiDriver,
          readOnly: fc.boolean(),
          fsType: nonEmpty(anyString),
          volumeAttributes: fc.dictionary(attributeKey(options), anyString, { maxKeys: 4, noNullPrototype: true }),
          nodePublishSecretRef: fc.record({ name: dnsSubdomain() }),
        },
        { requiredKeys: ['driver'] },
      )
      .map((csi) => ({ csi })),
  ];
  // The restricted Pod Security profile does not allow nfs volumes.
  if (!restricted || including(options)) {
    sources.push(fc.record({ server: nonEmpty(anyString), path: nfsPath, readOnly: fc.boolean() }, { requiredKeys: ['server', 'path'] }).map((nfs) => ({ nfs })));
  }
  return fc.oneof(...sources);
};

/** The name and path of the volume that mounts svc-account-secret (the default settings): task volumes must not reuse them. */
export const CREDENTIALS_VOLUME = { name: 'google-cloud-key', mountPath: '/var/secrets/google' } as const;

const volume = (options: FuzzOptions, restricted: boolean): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      dnsLabel().filter((n) => n !== CREDENTIALS_VOLUME.name),
      fc.oneof({ weight: 8, arbitrary: absolutePath }, { weight: 1, arbitrary: fc.constantFrom('/var/secrets/google/x', '/var/secrets', '/yes', '/a: b', '/#x', '/😀') }),
      fc.option(fc.boolean(), { nil: undefined }),
      fc.option(fc.oneof(relativePath(options, false), fc.constant('')), { nil: undefined }),
      volumeSource(options, restricted),
    )
    .filter(([, mountPath]) => mountPath !== CREDENTIALS_VOLUME.mountPath)
    .map(([name, mountPath, readOnly, subPath, source]) => ({ name, mountPath, ...(readOnly === undefined ? {} : { readOnly }), ...(subPath === undefined ? {} : { subPath }), ...source }));

/** The `volumes` list: unique names and mount paths. */
export const volumesField = (options: FuzzOptions, restricted: boolean): fc.Arbitrary<Array<Record<string, unknown>>> =>
  fc.uniqueArray(volume(options, restricted), {
    minLength: 1,
    maxLength: 4,
    comparator: (a, b) => a.name === b.name || a.mountPath === b.mountPath,
  });
