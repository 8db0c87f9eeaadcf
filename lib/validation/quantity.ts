/**
 * Kubernetes resource quantities ("500m", "1.5Gi", "129e6"), parsed and
 * canonicalized the way k8s.io/apimachinery `pkg/api/resource` does, with
 * exact BigInt arithmetic. Negative and out-of-range values are rejected.
 */
import { fail, ok, type Result } from './result';

/** A valid, non-negative quantity. */
export interface Quantity {
  /** Canonical string as the API server prints it, e.g. "0.20" -> "200m", "1000m" -> "1", "1000" -> "1k", "0.5Gi" -> "512Mi", "1e3" -> "1e3", "1536Mi" stays. */
  readonly canonical: string;
  /** The exact value in nano units (value * 10^9), rounded up as apimachinery does, for comparisons (request <= limit). */
  readonly nanos: bigint;
}

/** How the canonical form is written: apimachinery's `Format`, chosen by the suffix of the input. */
type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

const NANOS_PER_UNIT = 1_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;
const INT64_MAX = 2n ** 63n - 1n;
/** apimachinery caps quantities at the largest int64. */
const MAX_UNITS = INT64_MAX;
const MAX_NANOS = MAX_UNITS * NANOS_PER_UNIT;

/** Power of ten of each decimal SI suffix. */
const DECIMAL_SUFFIXES = new Map<string, number>([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const DECIMAL_SUFFIX_BY_EXPONENT = new Map<number, string>([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
/** Power of two of each binary SI suffix; index i of BINARY_BY_POWER is the suffix of 1024^i. */
const BINARY_SUFFIXES = new Map<string, number>([['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]]);
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** `<sign><digits>[.<digits>]<suffix>`; the suffix is checked separately. */
const SYNTAX = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/s;
const EXPONENT_SUFFIX = /^[eE]([+-]?[0-9]+)$/;

const GENERIC_HELP = 'a number with an optional suffix: m, k, M, G, Ki, Mi, Gi, …';

/**
 * Parses a Kubernetes quantity. Fails, with a plain-language message, on
 * anything apimachinery would reject, on the digit-less forms it lets through
 * as zero (".", "-", "Mi"), on negative values and on values above 2^63-1
 * (in cores, bytes, …).
 */
export function parseQuantity(input: string): Result<Quantity> {
  let result = parsedQuantities.get(input);
  if (result === undefined) {
    result = parseQuantityUncached(input);
    parsedQuantities.set(input, result);
  }
  return result;
}

// Every task of a project repeats the same few amounts ("100m", "256Mi"), so
// each distinct text is parsed once per run; results are immutable.
const parsedQuantities = new Map<string, Result<Quantity>>();
const exactValues = new Map<string, Exact>();

function parseQuantityUncached(input: string): Result<Quantity> {
  const parsed = parseExact(input);
  if (parsed === 'syntax') {
    const hints = suggestionsFor(input);
    const help = hints.length === 0 ? GENERIC_HELP : `did you mean ${hints.map((h) => JSON.stringify(h)).join(' or ')}?`;
    return fail(`${JSON.stringify(input)} is not a Kubernetes quantity (${help})`);
  }
  if (parsed === 'negative') return fail(`${JSON.stringify(input)} is negative; resources cannot be negative`);
  if (parsed === 'too large') {
    return fail(`${JSON.stringify(input)} is too large; a Kubernetes quantity is at most 2^63-1 (${MAX_UNITS})`);
  }
  return ok({ canonical: canonicalize(parsed.nanos, parsed.format), nanos: parsed.nanos });
}

/**
 * What the API server stores for a resource request or limit given as
 * `input`: pkg/apis/core/v1 `SetDefaults_ResourceList` rounds every
 * ResourceList value up to milli units (`val.RoundUp(-3)`), so "100u" is
 * stored as "1m". `undefined` when `input` is not a valid quantity or is
 * already stored as written (to milli precision).
 */
export function roundedUpToMilli(input: string): string | undefined {
  const parsed = parseExact(input);
  if (typeof parsed === 'string' || parsed.nanos % NANOS_PER_MILLI === 0n) return undefined;
  return canonicalize((parsed.nanos / NANOS_PER_MILLI + 1n) * NANOS_PER_MILLI, parsed.format);
}

/** Orders two quantities by value: negative when a < b, zero when equal, positive when a > b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

type Exact = { readonly nanos: bigint; readonly format: Format } | 'syntax' | 'negative' | 'too large';

/** The value in nanos (rounded up past nano precision, as apimachinery rounds) and the format. */
function parseExact(input: string): Exact {
  let exact = exactValues.get(input);
  if (exact === undefined) {
    exact = parseExactUncached(input);
    exactValues.set(input, exact);
  }
  return exact;
}

function parseExactUncached(input: string): Exact {
  const match = SYNTAX.exec(input);
  if (match === null) return 'syntax';
  const [, sign, whole, fraction = '', suffix] = match;
  if (whole === '' && fraction === '') return 'syntax';

  let format: Format;
  let exponent: bigint; // value = digits * 10^exponent * 2^power
  let power = 0;
  const decimal = DECIMAL_SUFFIXES.get(suffix);
  const binary = BINARY_SUFFIXES.get(suffix);
  const scientific = EXPONENT_SUFFIX.exec(suffix);
  if (decimal !== undefined) {
    format = 'DecimalSI';
    exponent = BigInt(decimal);
  } else if (binary !== undefined) {
    format = 'BinarySI';
    exponent = 0n;
    power = binary;
  } else if (scientific !== null) {
    format = 'DecimalExponent';
    exponent = BigInt(scientific[1]);
    // apimachinery reads the exponent with strconv.ParseInt(…, 64).
    if (exponent > INT64_MAX || exponent < -INT64_MAX - 1n) return 'syntax';
  } else {
    return 'syntax';
  }

  const digits = BigInt(whole + fraction) * 2n ** BigInt(power);
  if (digits === 0n) return { nanos: 0n, format };
  if (sign === '-') return 'negative';

  // nanos = ceil(digits * 10^shift), computed without ever building a huge power of ten.
  const shift = exponent - BigInt(fraction.length) + 9n;
  const length = BigInt(digits.toString().length);
  let nanos: bigint;
  if (shift >= 0n) {
    if (length + shift > 29n) return 'too large'; // at least 10^28 nanos = 10^19 units
    nanos = digits * 10n ** shift;
  } else if (-shift > length) {
    nanos = 1n; // 0 < digits * 10^shift < 1: rounds up to one nano
  } else {
    const divisor = 10n ** -shift;
    nanos = (digits + divisor - 1n) / divisor;
  }
  return nanos > MAX_NANOS ? 'too large' : { nanos, format };
}

/** apimachinery's `CanonicalizeBytes`: no fractional digits, the largest exponent (suffix) that loses nothing. */
function canonicalize(nanos: bigint, format: Format): string {
  if (nanos === 0n) return '0';
  const binaryLimit = 1024n * NANOS_PER_UNIT;
  if (format === 'BinarySI' && nanos >= binaryLimit && nanos % NANOS_PER_UNIT === 0n) {
    let mantissa = nanos / NANOS_PER_UNIT;
    let power = 0;
    while (mantissa % 1024n === 0n && power < BINARY_BY_POWER.length - 1) {
      mantissa /= 1024n;
      power++;
    }
    return `${mantissa}${BINARY_BY_POWER[power]}`;
  }
  // BinarySI values below 1Ki or with a fraction are written as DecimalSI.
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  const si = format === 'DecimalExponent' ? undefined : DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
  const suffix = si ?? (exponent === 0 ? '' : `e${exponent}`);
  return `${mantissa}${suffix}`;
}

/** Corrections to offer for an invalid quantity: whitespace removed, byte units ("200MB", "1gb") rewritten. */
function suggestionsFor(input: string): string[] {
  const compact = input.replace(/\s+/g, '');
  if (compact !== input && isValid(compact)) return [compact];
  const unit = /^([+-]?[0-9]*\.?[0-9]*)([kmgtpe])(i?)(b?)$/i.exec(compact);
  if (unit !== null) {
    const [, number, letter, binary, bytes] = unit;
    if (letter === 'e' && binary === '' && bytes === '') return []; // "1e" is a broken exponent, not a unit
    const binaryForm = `${number}${letter.toUpperCase()}i`;
    if (binary !== '') return [binaryForm].filter(isValid);
    // Decimal kilo is "k"; every other decimal byte unit is upper case ("200m" would mean 0.2).
    const decimalForm = `${number}${letter.toLowerCase() === 'k' ? 'k' : letter.toUpperCase()}`;
    return [decimalForm, binaryForm].filter(isValid);
  }
  const plainBytes = /^([+-]?[0-9]*\.?[0-9]*)b$/i.exec(compact);
  if (plainBytes !== null && isValid(plainBytes[1])) return [plainBytes[1]];
  return [];
}

function isValid(candidate: string): boolean {
  const parsed = parseExact(candidate);
  return typeof parsed !== 'string';
}
