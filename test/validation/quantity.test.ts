import fc from 'fast-check';
import { compareQuantities, parseQuantity, type Quantity } from '../../lib/validation/quantity';

function parsed(input: string): Quantity {
  const result = parseQuantity(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse: ${result.message}`);
  return result.value;
}

function message(input: string): string {
  const result = parseQuantity(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to fail, got ${result.value.canonical}`);
  return result.message;
}

const GENERIC = 'a number with an optional suffix: m, k, M, G, Ki, Mi, Gi, …';

describe('parseQuantity: canonical form (apimachinery CanonicalizeBytes)', () => {
  test.each([
    // From the brief and apimachinery's quantity_test.go (TestQuantityParse, TestQuantityString, TestQuantityParseEmit).
    ['100m', '100m'],
    ['0.1', '100m'],
    ['0.20', '200m'],
    ['1.5', '1500m'],
    ['2', '2'],
    ['2000m', '2'],
    ['1000m', '1'],
    ['1000', '1k'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['129M', '129M'],
    ['123Mi', '123Mi'],
    ['1024Ki', '1Mi'],
    ['1024Mi', '1Gi'],
    ['0.5Ki', '512'],
    ['1.5Gi', '1536Mi'],
    ['1536Mi', '1536Mi'],
    ['1.1Ki', '1126400m'],
    ['1023', '1023'],
    ['1Ki', '1Ki'],
    ['1025Ki', '1025Ki'],
    ['7Ei', '7Ei'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['1000M', '1G'],
    ['1E', '1E'],
    ['1.5E', '1500P'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['1e-3', '1e-3'],
    ['1.2e3', '1200'],
    ['1.3E+6', '1300e3'],
    ['1.40e9', '1400e6'],
    ['0.5e-9', '1e-9'],
    ['1e-100', '1e-9'],
    ['100.035k', '100035'],
    ['10.035M', '10035k'],
    ['0.0005k', '500m'],
    ['9.01', '9010m'],
    ['1.08', '1080m'],
    ['0.00000012345', '124n'],
    ['3.001n', '4n'],
    ['1n', '1n'],
    ['0.1n', '1n'],
    ['0.9n', '1n'],
    ['1234567m', '1234567m'],
    ['1.', '1'],
    ['1.G', '1G'],
    ['.5', '500m'],
    ['+1', '1'],
    ['007', '7'],
    ['0', '0'],
    ['0Mi', '0'],
    ['0.000', '0'],
    ['0e5', '0'],
    ['-0', '0'],
    ['9223372036854775807', '9223372036854775807'],
  ])('%s -> %s', (input, canonical) => {
    expect(parsed(input).canonical).toBe(canonical);
  });
});

describe('parseQuantity: nanos', () => {
  test.each([
    ['0', 0n],
    ['1n', 1n],
    ['0.1n', 1n],
    ['100m', 100_000_000n],
    ['1', 1_000_000_000n],
    ['1Ki', 1024n * 1_000_000_000n],
    ['1.5Gi', 1_610_612_736n * 1_000_000_000n],
    ['129e6', 129n * 10n ** 15n],
    ['9223372036854775807', (2n ** 63n - 1n) * 10n ** 9n],
  ])('%s = %d nanos', (input, nanos) => {
    expect(parsed(input).nanos).toBe(nanos);
  });
});

describe('parseQuantity: errors', () => {
  test.each([
    ['200MB', '"200MB" is not a Kubernetes quantity (did you mean "200M" or "200Mi"?)'],
    ['200mb', '"200mb" is not a Kubernetes quantity (did you mean "200M" or "200Mi"?)'],
    ['200Mb', '"200Mb" is not a Kubernetes quantity (did you mean "200M" or "200Mi"?)'],
    ['1gb', '"1gb" is not a Kubernetes quantity (did you mean "1G" or "1Gi"?)'],
    ['1KB', '"1KB" is not a Kubernetes quantity (did you mean "1k" or "1Ki"?)'],
    ['1K', '"1K" is not a Kubernetes quantity (did you mean "1k" or "1Ki"?)'],
    ['2g', '"2g" is not a Kubernetes quantity (did you mean "2G" or "2Gi"?)'],
    ['512MiB', '"512MiB" is not a Kubernetes quantity (did you mean "512Mi"?)'],
    ['1gi', '"1gi" is not a Kubernetes quantity (did you mean "1Gi"?)'],
    ['200B', '"200B" is not a Kubernetes quantity (did you mean "200"?)'],
    ['1 Gi', '"1 Gi" is not a Kubernetes quantity (did you mean "1Gi"?)'],
    [' 500m', '" 500m" is not a Kubernetes quantity (did you mean "500m"?)'],
    ['1 GB', '"1 GB" is not a Kubernetes quantity (did you mean "1G" or "1Gi"?)'],
    ['1.5 cores', `"1.5 cores" is not a Kubernetes quantity (${GENERIC})`],
    ['abc', `"abc" is not a Kubernetes quantity (${GENERIC})`],
    ['', `"" is not a Kubernetes quantity (${GENERIC})`],
    ['.', `"." is not a Kubernetes quantity (${GENERIC})`],
    ['-', `"-" is not a Kubernetes quantity (${GENERIC})`],
    ['Mi', `"Mi" is not a Kubernetes quantity (${GENERIC})`],
    ['1e', `"1e" is not a Kubernetes quantity (${GENERIC})`],
    ['1.1.M', `"1.1.M" is not a Kubernetes quantity (${GENERIC})`],
    ['1+1.0M', `"1+1.0M" is not a Kubernetes quantity (${GENERIC})`],
    ['0.1mi', '"0.1mi" is not a Kubernetes quantity (did you mean "0.1Mi"?)'],
    ['1i', `"1i" is not a Kubernetes quantity (${GENERIC})`],
    ['-3.01e-', `"-3.01e-" is not a Kubernetes quantity (${GENERIC})`],
    ['1e99999999999999999999', `"1e99999999999999999999" is not a Kubernetes quantity (${GENERIC})`],
    ['-1GB', `"-1GB" is not a Kubernetes quantity (${GENERIC})`],
    ['-1', '"-1" is negative; resources cannot be negative'],
    ['-100m', '"-100m" is negative; resources cannot be negative'],
    ['-0.1n', '"-0.1n" is negative; resources cannot be negative'],
    ['8Ei', '"8Ei" is too large; a Kubernetes quantity is at most 2^63-1 (9223372036854775807)'],
    ['9223372036854775808', '"9223372036854775808" is too large; a Kubernetes quantity is at most 2^63-1 (9223372036854775807)'],
    ['12E', '"12E" is too large; a Kubernetes quantity is at most 2^63-1 (9223372036854775807)'],
    ['1e30', '"1e30" is too large; a Kubernetes quantity is at most 2^63-1 (9223372036854775807)'],
  ])('%j', (input, expected) => {
    expect(message(input)).toBe(expected);
  });

  test('never suggests milli for a byte unit', () => {
    for (const input of ['200mb', '200Mb', '200MB', '200 mb']) expect(message(input)).not.toMatch(/"200m"/);
  });
});

describe('compareQuantities', () => {
  test.each([
    ['100m', '0.1', 0],
    ['1', '999m', 1],
    ['1Gi', '1G', 1],
    ['1G', '1Gi', -1],
    ['0', '1n', -1],
    ['10000T', '100Gi', 1],
    ['1e3', '1k', 0],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareQuantities(parsed(a), parsed(b)))).toBe(sign);
  });
});

describe('parseQuantity: properties', () => {
  const digits = (maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength });
  const suffix = fc.oneof(
    fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'),
    fc.tuple(fc.constantFrom('e', 'E'), fc.integer({ min: -15, max: 20 })).map(([e, n]) => `${e}${n}`),
  );
  const quantity = fc
    .tuple(digits(12), fc.option(digits(12), { nil: undefined }), suffix)
    .filter(([whole, fraction]) => whole !== '' || (fraction ?? '') !== '')
    .map(([whole, fraction, s]) => `${whole}${fraction === undefined ? '' : `.${fraction}`}${s}`);

  test('well-formed input parses, or is only refused as too large', () => {
    fc.assert(
      fc.property(quantity, (input) => {
        const result = parseQuantity(input);
        return result.ok || result.message.endsWith('is too large; a Kubernetes quantity is at most 2^63-1 (9223372036854775807)');
      }),
      { numRuns: 400 },
    );
  });

  test('the canonical form is whole, and parses again to itself with the same nanos', () => {
    fc.assert(
      fc.property(quantity, (input) => {
        const first = parseQuantity(input);
        if (!first.ok) return true;
        const { canonical, nanos } = first.value;
        expect(canonical).toMatch(/^(0|[1-9][0-9]*([numkMGTPE]|[KMGTPE]i|e-?[1-9][0-9]*)?)$/);
        expect(canonical).not.toContain('.');
        const again = parsed(canonical);
        expect(again.canonical).toBe(canonical);
        expect(again.nanos).toBe(nanos);
        return true;
      }),
      { numRuns: 400 },
    );
  });

  test('nanos are the exact value rounded up to a whole nano', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 12 }), (mantissa, places) => {
        // mantissa / 10^places, written in decimal.
        const text = mantissa.toString().padStart(places + 1, '0');
        const input = places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`;
        const scaled = mantissa * 10n ** 9n;
        const divisor = 10n ** BigInt(places);
        expect(parsed(input).nanos).toBe((scaled + divisor - 1n) / divisor);
      }),
      { numRuns: 300 },
    );
  });
});
