/**
 * The JSON Schema patterns of manifest.schema.json (./json-schema.ts) for
 * Kubernetes names, labels, quantities and paths.
 */
import type { JsonSchema } from './json-schema-tools';

// Patterns, each exact for the syntax it names, as the checks in
// lib/validation/kubernetes-names.ts and quantity.ts apply it. Where a
// length limit is not in the pattern, it is a `maxLength` beside it, or, for
// the prefix of a label key (at most 253 characters), left out: a superset.
const DNS1123_LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(?:\\.${DNS1123_LABEL})*`;
/** The name part of a qualified name, or a non-empty label value: at most 63 characters. */
const LABEL_NAME = '[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const QUALIFIED_NAME = `(?:${DNS1123_SUBDOMAIN}/)?${LABEL_NAME}`;
const LABEL_PAIR = `\\s*${QUALIFIED_NAME}\\s*:\\s*(?:${LABEL_NAME})?\\s*`;

export const dns1123Label = (max: number): JsonSchema => ({
  pattern: `^${DNS1123_LABEL}$`,
  maxLength: max,
  patternErrorMessage: `must consist of lower-case letters, digits and '-', and start and end with a letter or digit (at most ${max} characters)`,
});
export const DNS1123_SUBDOMAIN_SCHEMA: JsonSchema = {
  pattern: `^${DNS1123_SUBDOMAIN}$`,
  maxLength: 253,
  patternErrorMessage: "must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit",
};
export const DNS1035_LABEL_SCHEMA: JsonSchema = {
  pattern: '^[a-z](?:[-a-z0-9]*[a-z0-9])?$',
  patternErrorMessage: "a service's name must consist of lower-case letters, digits and '-', start with a letter and end with a letter or digit",
};
export const QUALIFIED_NAME_SCHEMA: JsonSchema = {
  pattern: `^${QUALIFIED_NAME}$`,
  patternErrorMessage:
    "must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit (at most 63 characters), with an optional DNS prefix and '/'",
};
export const LABEL_VALUE_SCHEMA: JsonSchema = {
  pattern: `^(?:${LABEL_NAME})?$`,
  patternErrorMessage: "must be empty, or consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit (at most 63 characters)",
};
export const LABELS_SCHEMA: JsonSchema = {
  pattern: `^${LABEL_PAIR}(?:,${LABEL_PAIR})*$`,
  patternErrorMessage: 'must be "key:value" labels joined by "," (for example "app:etl,team:data"), with Kubernetes label keys and values',
};
export const QUANTITY_SCHEMA: JsonSchema = {
  pattern: '^[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?$',
  patternErrorMessage: 'must be a Kubernetes quantity: a number with an optional suffix (m, k, M, G, Ki, Mi, Gi, …), for example "500m" or "200Mi"',
};
export const IANA_SVC_NAME_SCHEMA: JsonSchema = {
  pattern: '^(?=[-a-z0-9]*[a-z])(?![-a-z0-9]*--)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$',
  maxLength: 15,
  patternErrorMessage: "must consist of lower-case letters, digits and '-', with at least one letter, not starting or ending with '-' and without '--'",
};
export const ENV_VAR_NAME_SCHEMA: JsonSchema = {
  pattern: '^(?!\\.$)(?!\\.\\.)[-._a-zA-Z][-._a-zA-Z0-9]*$',
  patternErrorMessage: "must consist of letters, digits, '_', '-' and '.', must not start with a digit or '..', and must not be '.'",
};
export const ABSOLUTE_PATH_SCHEMA: JsonSchema = { pattern: '^/', patternErrorMessage: 'must be an absolute path (start with "/")' };
export const RELATIVE_PATH_SCHEMA: JsonSchema = {
  pattern: '^(?!/)(?![\\s\\S]*(?:^|/)\\.\\.(?:/|$))',
  patternErrorMessage: 'must be a relative path without ".."',
};
export const MATERIAL_ICON_OR_URL_SCHEMA: JsonSchema = {
  pattern: '^(?:[a-z0-9_]+|https?://\\S+)$',
  patternErrorMessage: 'must be a Material icon name (such as "import_contacts") or an http(s) URL',
};
