/** Image references (distribution/reference): `[registry[:port]/]path[:tag][@digest]`. */
import * as fc from 'fast-check';
import { DIGITS, HEX, LOWER, shaped, str, UPPER } from './strings';

const pathComponent = fc
  .array(fc.tuple(fc.constantFrom('', '.', '_', '__', '-', '--'), str(LOWER + DIGITS, 1, 6)), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map(([sep, s], i) => (i === 0 ? s : sep === '' ? s : sep + s)).join(''))
  .filter((s) => /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/.test(s));

const domainComponent = shaped(LOWER + UPPER + DIGITS, LOWER + UPPER + DIGITS + '-', LOWER + UPPER + DIGITS, 20, 8);

const registry = fc.oneof(
  fc.array(domainComponent, { minLength: 1, maxLength: 3 }).map((c) => c.join('.')),
  fc.constantFrom('localhost', 'gcr.io', 'quay.io', 'registry-1.docker.io', '[::1]', '[fe80::1]', '127.0.0.1'),
);

const digest = fc.oneof(
  str(HEX, 64, 64).map((h) => `sha256:${h}`),
  str(HEX, 96, 96).map((h) => `sha384:${h}`),
  str(HEX, 128, 128).map((h) => `sha512:${h}`),
);

/** A valid image reference: `[registry[:port]/]path[:tag][@digest]`. */
export const imageReference: fc.Arbitrary<string> = fc
  .tuple(
    fc.option(fc.tuple(registry, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })), { nil: undefined }),
    fc.array(pathComponent, { minLength: 1, maxLength: 3 }),
    fc.option(fc.oneof(shaped(LOWER + UPPER + DIGITS + '_', LOWER + UPPER + DIGITS + '_.-', LOWER + UPPER + DIGITS + '_.-', 128, 10), fc.constantFrom('latest', '1.0', 'yes', '0755', '1e3', 'v1.2.3-rc.1', 'NULL')), { nil: undefined }),
    fc.option(digest, { nil: undefined, freq: 4 }),
  )
  .map(([reg, path, tag, dig]) => {
    const host = reg === undefined ? '' : `${reg[0]}${reg[1] === undefined ? '' : `:${reg[1]}`}/`;
    return `${host}${path.join('/')}${tag === undefined ? '' : `:${tag}`}${dig === undefined ? '' : `@${dig}`}`;
  })
  .filter((ref) => ref.split('@')[0].replace(/:[\w][\w.-]*$/, '').length <= 255);
