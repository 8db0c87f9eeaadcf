/**
 * Kubernetes names (apimachinery pkg/util/validation), written independently
 * of lib/: DNS labels and subdomains, label keys and values, environment
 * variable names, IANA service names.
 */
import * as fc from 'fast-check';
import { type FuzzOptions, including } from './options';
import { DIGITS, LOWER, shaped, UPPER, withSpecials } from './strings';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const NAME_SPECIALS = ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'false', 'null', 'nan', 'inf', 'e5', 'e10', '0755', '1e3', '123', '0', '0x1f', '0o17', '1-2', '2001-12-14', 'a'];

/** A DNS-1123 label of at most `max` characters. */
export const dnsLabel = (max = 63): fc.Arbitrary<string> =>
  withSpecials(shaped(LOWER + DIGITS, LOWER + DIGITS + '-', LOWER + DIGITS, max), NAME_SPECIALS, (s) => s.length <= max && DNS1123_LABEL.test(s));

/** A DNS-1035 label (a Service name). */
export const dns1035Label = (max = 63): fc.Arbitrary<string> =>
  withSpecials(shaped(LOWER, LOWER + DIGITS + '-', LOWER + DIGITS, max), NAME_SPECIALS, (s) => s.length <= max && DNS1035_LABEL.test(s));

/** A DNS-1123 subdomain of at most `max` (≤ 253) characters. */
export const dnsSubdomain = (max = 253): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(dnsLabel(20), { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')) },
    { weight: 1, arbitrary: fc.array(dnsLabel(63), { minLength: 4, maxLength: 4 }).map((labels) => labels.join('.').slice(0, max).replace(/[-.]+$/, '')) },
  ).filter((s) => s.length >= 1 && s.length <= max && s.split('.').every((l) => DNS1123_LABEL.test(l)));

const QUALIFIED_SPECIALS = ['app', 'yes', 'No', 'ON', 'y', 'Y', 'n', 'true', 'Null', '1e3', '0755', 'e5', 'E5', '1_000', 'value', 'toString', 'hasOwnProperty', 'valueOf', 'resolve', 'prototype', 'a.b', 'a_b', 'a-b'];

/** The name part of a label key / label value shape: at most 63 letters, digits, '-', '_', '.', alphanumeric at both ends. */
const qualifiedPart: fc.Arbitrary<string> = withSpecials(
  shaped(LOWER + UPPER + DIGITS, LOWER + UPPER + DIGITS + '-_.', LOWER + UPPER + DIGITS, 63),
  QUALIFIED_SPECIALS,
  (s) => s.length <= 63 && QUALIFIED_NAME_PART.test(s),
);

/** A label key (or node-selector / toleration key): `[prefix/]name`. */
export const qualifiedName = (options: FuzzOptions = {}): fc.Arbitrary<string> => {
  const name = including(options) ? fc.oneof({ weight: 20, arbitrary: qualifiedPart }, { weight: 1, arbitrary: fc.constant('constructor') }) : qualifiedPart;
  return fc.tuple(fc.option(dnsSubdomain(60), { nil: undefined, freq: 4 }), name).map(([prefix, n]) => (prefix === undefined ? n : `${prefix}/${n}`));
};

/** A label value: empty, or a qualified name part. */
export const labelValue: fc.Arbitrary<string> = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 12, arbitrary: qualifiedPart });

/** An environment variable name, as Kubernetes 1.27 accepts it. */
export const envName = (options: FuzzOptions = {}): fc.Arbitrary<string> => {
  const specials = ['yes', 'NO', 'on', 'y', 'e5', '_', '-', '.a', '-a', 'a.b', 'a-b', '__proto__', 'constructor', 'PATH', 'HOME', 'A'];
  const bugs = including(options) ? ['.', '..', '..x'] : [];
  const base = shaped(LOWER + UPPER + '_-.', LOWER + UPPER + DIGITS + '_-.', LOWER + UPPER + DIGITS + '_-.', 60);
  return withSpecials(base, [...specials, ...bugs], (s) => ENV_VAR_NAME.test(s))
    .filter((s) => s !== 'GOOGLE_APPLICATION_CREDENTIALS')
    .filter((s) => including(options) || !(s === '.' || s.startsWith('..')));
};

/** An IANA service name (a named port). */
export const ianaSvcName: fc.Arbitrary<string> = fc
  .oneof(shaped(LOWER + DIGITS, LOWER + DIGITS + '-', LOWER + DIGITS, 15, 13), fc.constantFrom('http', 'app-port', 'yes', 'y', 'on', 'null', 'e5', '1e3', 'a'))
  .filter((s) => s.length <= 15 && /^[a-z0-9](-?[a-z0-9])*$/.test(s) && /[a-z]/.test(s));
