/**
 * Name and label syntax, as Kubernetes apimachinery `pkg/util/validation`
 * checks it. Each check returns `undefined` when valid, else the reason.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

/** A DNS-1123 label: at most `max` lower-case alphanumerics or '-', starting and ending alphanumeric. */
export function checkDns1123Label(value: string, max = 63): string | undefined {
  if (value.length > max) return `must be at most ${max} characters (it has ${value.length})`;
  if (!DNS1123_LABEL.test(value)) {
    return "must consist of lower-case letters, digits and '-', and start and end with a letter or digit";
  }
  return undefined;
}

/** A DNS-1035 label (a Service name): like a DNS-1123 label but starting with a letter. */
export function checkDns1035Label(value: string, max = 63): string | undefined {
  if (value.length > max) return `must be at most ${max} characters (it has ${value.length})`;
  if (!DNS1035_LABEL.test(value)) {
    return "must consist of lower-case letters, digits and '-', start with a letter and end with a letter or digit";
  }
  return undefined;
}

/** A DNS-1123 subdomain: dot-separated DNS-1123 labels, at most 253 characters. */
export function checkDns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return `must be at most 253 characters (it has ${value.length})`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return "must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit";
  }
  return undefined;
}

/** A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function checkQualifiedName(value: string): string | undefined {
  const slash = value.indexOf('/');
  const prefix = slash === -1 ? undefined : value.slice(0, slash);
  const name = slash === -1 ? value : value.slice(slash + 1);
  if (prefix !== undefined) {
    if (prefix === '') return 'has an empty prefix before "/"';
    const bad = checkDns1123Subdomain(prefix);
    if (bad !== undefined) return `prefix "${prefix}" ${bad}`;
  }
  if (name === '') return 'has an empty name';
  if (name.length > 63) return `name part must be at most 63 characters (it has ${name.length})`;
  if (!QUALIFIED_NAME.test(name)) {
    return "must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit (with an optional DNS prefix and '/')";
  }
  return undefined;
}

/** A label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric. */
export function checkLabelValue(value: string): string | undefined {
  if (value.length > 63) return `must be at most 63 characters (it has ${value.length})`;
  if (!LABEL_VALUE.test(value)) {
    return "must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit";
  }
  return undefined;
}

/** An environment variable name, as Kubernetes 1.27 accepts it. */
export function checkEnvVarName(value: string): string | undefined {
  if (value === '.' || value.startsWith('..')) return 'must not be "." or start with ".."';
  if (!ENV_VAR_NAME.test(value)) {
    return "must consist of letters, digits, '_', '-' and '.', and must not start with a digit";
  }
  return undefined;
}

/** An IANA service name (a named port): at most 15 lower-case letters, digits and '-', with at least one letter. */
export function checkIanaSvcName(value: string): string | undefined {
  if (value.length > 15) return `must be at most 15 characters (it has ${value.length})`;
  if (!IANA_SVC_NAME.test(value)) return "must consist of lower-case letters, digits and '-'";
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  if (value.startsWith('-') || value.endsWith('-')) return "must not start or end with '-'";
  if (value.includes('--')) return "must not contain '--'";
  return undefined;
}

/**
 * Keys that cdk8s cannot render in a map (it reads `obj.constructor` to tell
 * plain objects apart, and `__proto__` would set a prototype): refused in
 * every free-form map so that no label or attribute is lost or garbled.
 */
export function checkRenderableKey(value: string): string | undefined {
  return value === 'constructor' || value === '__proto__' ? 'is a key that cdk8s cannot render; choose another name' : undefined;
}

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * A Secret or ConfigMap key (apimachinery `IsConfigMapKey`): at most 253
 * letters, digits, '-', '_' and '.', and not ".", ".." or starting with "..".
 * A secret volume without `items` holds one file per key, named like it.
 */
export function checkSecretKey(value: string): string | undefined {
  if (value.length > 253) return `must be at most 253 characters (it has ${value.length})`;
  if (!CONFIG_MAP_KEY.test(value)) return "must consist of letters, digits, '-', '_' and '.' (a Secret key, which is also the file name)";
  if (value === '.' || value === '..' || value.startsWith('..')) return 'must not be "." or "..", or start with ".."';
  return undefined;
}
