import type { CustomResourceDefinitions } from './custom-resource-definitions';
import { TOTAL_ANNOTATION_SIZE_LIMIT } from '../validation/object-limits';
import { LAST_APPLIED_ANNOTATION, lastAppliedAnnotationsSize } from '../validation/object-size';
import { checkLabelValue, checkQualifiedName } from '../validation/kubernetes-names';
import { checkApplyableString, MAX_KEY_LENGTH } from '../validation/server-side-apply';

/**
 * Checks of what platform hooks (lib/customize.ts) put into a chart, before
 * it is written: the constructs of this project are tested field by field,
 * a hook's objects are not.
 */

/**
 * Why the rendered objects of a customized chart cannot be written as they
 * are; empty when they can. Each object must be JSON data (what the YAML
 * writer can carry so that YAML 1.1 and 1.2 read it back the same: no
 * `undefined` in a list, no NaN or Infinity, no class instances), and pass
 * the strict Kubernetes 1.27 / Mapping CRD schema the tests hold every
 * object to, or the structural schema of a CRD of `customResources` (the
 * `crds` setting) (unknown fields, wrong types, missing names: ./kube-schema.ts,
 * loaded only when there are hooks); then what the API server checks beyond
 * the schema: label keys and values, strings server-side apply can carry,
 * a size client-side apply can store, and no two objects of one kind and name in the file.
 */
export function hookOutputProblems(objects: readonly unknown[], customResources?: CustomResourceDefinitions): string[] {
  const { validateKubernetesObject } = require('./kube-schema') as typeof import('./kube-schema');
  const problems = objects.flatMap((object, i) => {
    const bad = notJsonData(object, '');
    if (bad !== undefined) return [`${describe(object, i)}: ${bad}`];
    const schema = validateKubernetesObject(object, customResources);
    if (schema.length > 0) return schema;
    return [...labelProblems(object), ...unapplyableStrings(object, ''), ...tooLargeToApply(object)].map((problem) => `${describe(object, i)}: ${problem}`);
  });
  return [...problems, ...duplicateObjects(objects)];
}

interface ObjectHead {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown; readonly labels?: unknown };
}

function describe(object: unknown, i: number): string {
  const o = object as ObjectHead;
  return typeof o?.kind === 'string' && typeof o.metadata?.name === 'string' ? `${o.kind} ${o.metadata.name}` : `object ${i + 1}`;
}

/**
 * Label keys and values of the object and of its pod templates, as the API
 * server checks them (apimachinery `ValidateLabels`: a qualified name, a
 * value of at most 63 characters); the schema only says they are strings.
 */
function labelProblems(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    if (key === 'labels' && at.endsWith('/metadata') && child !== null && typeof child === 'object') {
      return Object.entries(child as Record<string, unknown>).flatMap(([name, label]) => {
        const badKey = checkQualifiedName(name);
        const badValue = typeof label === 'string' ? checkLabelValue(label) : undefined;
        return [
          ...(badKey === undefined ? [] : [`${at}/labels: key ${JSON.stringify(name)} ${badKey}`]),
          ...(badValue === undefined ? [] : [`${at}/labels/${pointer(name)}: ${JSON.stringify(label)} ${badValue}`]),
        ];
      });
    }
    return labelProblems(child, `${at}/${pointer(key)}`);
  });
}

/** Strings and keys that server-side apply cannot carry (../validation/server-side-apply.ts), as in a manifest. */
function unapplyableStrings(value: unknown, at: string): string[] {
  if (typeof value === 'string') {
    const bad = checkApplyableString(value);
    return bad === undefined ? [] : [`${at || '/'} ${bad}`];
  }
  if (Array.isArray(value)) return value.flatMap((child, i) => unapplyableStrings(child, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = `${at}/${pointer(key)}`;
    const badKey = key.length > MAX_KEY_LENGTH ? `is a key of ${key.length} characters; server-side apply reads keys of at most ${MAX_KEY_LENGTH}` : checkApplyableString(key);
    return [...(badKey === undefined ? [] : [`${path.slice(0, 80)} (the key) ${badKey}`]), ...unapplyableStrings(child, path)];
  });
}

/** An object client-side apply cannot store (../validation/object-size.ts). */
function tooLargeToApply(object: unknown): string[] {
  const size = lastAppliedAnnotationsSize(object);
  if (size <= TOTAL_ANNOTATION_SIZE_LIMIT) return [];
  return [`too large for client-side apply: kubectl apply (and Argo CD's default sync) keeps the whole object in the ${LAST_APPLIED_ANNOTATION} annotation, and its annotations would take ${size} bytes, more than the API server's limit of ${TOTAL_ANNOTATION_SIZE_LIMIT} (256 KiB)`];
}

/**
 * Two objects of one kind, namespace and name in a task's file: kubectl
 * applies both, the second overwriting the first, and Argo CD refuses the
 * application ("appears 2 times").
 */
function duplicateObjects(objects: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const object of objects) {
    const o = object as ObjectHead;
    if (typeof o?.kind !== 'string' || typeof o.metadata?.name !== 'string') continue;
    const group = typeof o.apiVersion === 'string' && o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
    const id = JSON.stringify([group, o.kind, o.metadata.namespace ?? '', o.metadata.name]);
    if (seen.has(id)) problems.push(`${o.kind} ${o.metadata.name} appears twice in the task's file (kubectl would apply the second over the first; Argo CD refuses it): give the hook's object another name`);
    seen.add(id);
  }
  return problems;
}

function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Where `value` stops being JSON data, as a JSON pointer and a reason; undefined when it is JSON data. */
function notJsonData(value: unknown, at: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at || '/'} is ${value}, which JSON and YAML cannot carry`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return `${at}/${i} is undefined (a list cannot hold a missing value)`;
      const bad = notJsonData(value[i], `${at}/${i}`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const bad = notJsonData(child, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  return `${at || '/'} is ${typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'non-plain'} object` : `a ${typeof value}`}, not JSON data`;
}
