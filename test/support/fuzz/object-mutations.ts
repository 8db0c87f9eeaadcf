/**
 * Mutations of a manifest object (a required key deleted or emptied, an
 * unknown key, a wrong type, an odd number, a huge or odd string, a lone
 * surrogate, deep nesting), each with whether it makes the manifest
 * certainly invalid.
 */
import * as fc from 'fast-check';
import { deep, isEmptyValue, kindOf, parentOf, type Path, setAt, walk } from './json-tree';
import { type FuzzOptions, including } from './options';
import { anyString, UNAPPLYABLE } from './strings';

/** Every key the manifest schema knows, at any level (an "unknown" key among these is not certainly unknown). */
const KNOWN_KEYS = new Set([
  '$schema', 'type', 'name', 'namespace', 'labels', 'image-source', 'image-destination', 'image-pull-policy', 'env', 'svc-account-secret', 'cmd',
  'cpu-limit', 'memory-limit', 'cpu-request', 'memory-request', 'schedule', 'replicas', 'name-port', 'container-port', 'published', 'volumes',
  'tolerations', 'node-selector', 'access', 'prefix', 'rewrite', 'timeout_ms', 'sticky_sessions', 'bypass_auth', 'displayed_name', 'icon', 'visible',
  'value', 'mountPath', 'readOnly', 'subPath', 'configMap', 'secret', 'persistentVolumeClaim', 'emptyDir', 'csi', 'nfs', 'items', 'defaultMode',
  'optional', 'secretName', 'claimName', 'medium', 'sizeLimit', 'driver', 'fsType', 'volumeAttributes', 'nodePublishSecretRef', 'server', 'path',
  'key', 'mode', 'operator', 'effect', 'tolerationSeconds',
  // The workload fields (issue 11) and the keys inside them.
  'env-from', 'args', 'service-account', 'priority-class-name', 'image-pull-secrets', 'annotations', 'pod-annotations', 'pod-labels', 'readiness-probe',
  'liveness-probe', 'startup-probe', 'backoff-limit', 'active-deadline-seconds', 'concurrency-policy', 'suspend', 'starting-deadline-seconds',
  'successful-jobs-history-limit', 'failed-jobs-history-limit', 'time-zone', 'valueFrom', 'secretKeyRef', 'configMapKeyRef', 'fieldRef',
  'resourceFieldRef', 'fieldPath', 'apiVersion', 'resource', 'divisor', 'containerName', 'configMapRef', 'secretRef', 'httpGet', 'tcpSocket',
  'exec', 'grpc', 'port', 'host', 'scheme', 'httpHeaders', 'command', 'service', 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds',
  'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds',
]);

/** Whether the object at `path` is a strict object of the schema (not a map such as node-selector). */
function isStrictObjectPath(path: Path): boolean {
  const last = path[path.length - 1];
  if (path.length === 0) return true;
  if (path.length === 1) return path[0] === 'published';
  if (path[0] === 'volumes') {
    if (path.length === 2) return true;
    if (path.length === 3) return ['configMap', 'secret', 'persistentVolumeClaim', 'emptyDir', 'csi', 'nfs'].includes(String(last));
    if (path.length === 4 && path[2] === 'csi') return last === 'nodePublishSecretRef';
    return path.length === 5 && path[3] === 'items';
  }
  if (path.length === 3 && path[0] === 'env') return last === 'valueFrom';
  return path.length === 2 && (path[0] === 'env' || path[0] === 'tolerations' || path[0] === 'env-from');
}

const REQUIRED = ['type', 'name', 'labels', 'image-source', 'image-destination', 'name-port', 'container-port'];

/** Replacements of the wrong type, including deep nesting. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(0, -1, 1.5, 1e21, 65536, 2 ** 31, true, false, null, [], {}, [1], ['a'], { a: 1 }, { name: 'x', value: 'y' }, 'x', '') },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(deep(200, 'array'), deep(200, 'object')) },
);

const ODD_UNICODE = ['\u200e', '\u202e', 'e\u0301\u0301\u0301', '\ufeff', '\ufffe', '\uffff', '\u0085', '\u2028', '\u2029', '\u0000', '\u001b', '\u007f', '😀', '👩‍👩‍👧', '\u200d', 'İ', 'ﬀ', '\u{10ffff}', '\u{e0001}', '𝔘𝔫𝔦'];

export type ObjectMutation =
  | { readonly kind: 'delete-required'; readonly pick: number }
  | { readonly kind: 'empty-required'; readonly pick: number; readonly empty: unknown }
  | { readonly kind: 'unknown-key'; readonly pick: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'wrong-type'; readonly pick: number; readonly value: unknown }
  | { readonly kind: 'bad-number'; readonly pick: number; readonly literal: string }
  | { readonly kind: 'huge-string'; readonly pick: number; readonly unit: string }
  | { readonly kind: 'odd-unicode'; readonly pick: number; readonly odd: string; readonly replace: boolean }
  | { readonly kind: 'lone-surrogate'; readonly pick: number; readonly unit: number; readonly at: number }
  | { readonly kind: 'deep'; readonly pick: number; readonly depth: number; readonly shape: 'array' | 'object' }
  | { readonly kind: 'sub-milli'; readonly pick: number; readonly quantity: string }
  | { readonly kind: 'long-key'; readonly length: number };

const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('image_source', 'imageSource', 'Name', 'TYPE', 'lables', 'cpu_limit', 'env-vars', 'command', 'args', 'hostPath', 'hostNetwork', 'privileged', 'replica', 'published ', ' name'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '\u0000', '😀', '\ud800', 'a\udfffb'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

export const objectMutation = (options: FuzzOptions): fc.Arbitrary<ObjectMutation> => {
  const pick = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constant('delete-required' as const), pick }),
    fc.record({ kind: fc.constant('empty-required' as const), pick, empty: fc.constantFrom<unknown>('', [], {}) }),
    fc.record({ kind: fc.constant('unknown-key' as const), pick, key: unknownKey, value: fc.oneof(anyString, wrongValue) }),
    fc.record({ kind: fc.constant('wrong-type' as const), pick, value: wrongValue }),
    fc.record({ kind: fc.constant('bad-number' as const), pick, literal: fc.constantFrom('1e400', '-1e400', '1.5', '-1', '-0', '0.0', '1.0', '1E+2', '9007199254740993', '4294967296', '65536', '0') }),
    fc.record({ kind: fc.constant('huge-string' as const), pick, unit: fc.constantFrom('a', 'x', ' ', '€', '😀', '"', '\\', '\n', 'é') }),
    fc.record({ kind: fc.constant('odd-unicode' as const), pick, odd: fc.constantFrom(...ODD_UNICODE), replace: fc.boolean() }),
    fc.record({ kind: fc.constant('lone-surrogate' as const), pick, unit: fc.integer({ min: 0xd800, max: 0xdfff }), at: fc.nat() }),
    fc.record({
      kind: fc.constant('deep' as const),
      pick,
      depth: including(options) ? fc.constantFrom(200, 200, 200, 50_000) : fc.constant(200),
      shape: fc.constantFrom('array' as const, 'object' as const),
    }),
    // A resource amount the API server would store rounded up to milli units.
    fc.record({ kind: fc.constant('sub-milli' as const), pick, quantity: fc.constantFrom('100u', '1n', '0.0005', '1.0001', '2e-4', '1500n') }),
    // A map key longer than server-side apply reads (node-selector).
    fc.record({ kind: fc.constant('long-key' as const), length: fc.constantFrom(1025, 2000) }),
  );
};

const RESOURCES = ['cpu-request', 'cpu-limit', 'memory-request', 'memory-limit'];

/** Placeholder strings that become a bare number literal, or a deeply nested value, in the JSON text. */
const NUMBER_PLACEHOLDER = '\u0000NUMBER:';
const DEEP_PLACEHOLDER = '\u0000DEEP:';

const touches = (a: Path, b: Path): boolean => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Applies one mutation in place; returns its description and whether the
 * result must now be refused. `locked` holds the paths of earlier mutations
 * that made the manifest certainly invalid: later mutations leave them (and
 * everything above and below them) alone, so that they cannot undo them.
 */
export function applyObjectMutation(m: Record<string, unknown>, mutation: ObjectMutation, locked: Path[]): { description: string; mustReject: boolean } {
  const free = (path: Path) => !locked.some((l) => touches(l, path));
  const nodes = walk(m).filter((n) => free(n.path));
  const pickFrom = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
  // Strings that carry an earlier mutation's mark (a lone surrogate, a number placeholder) are not rewritten.
  const strings = nodes.filter((n) => typeof n.value === 'string' && n.value.isWellFormed() && !n.value.startsWith('\u0000'));
  const show = (path: Path) => (path.length === 0 ? '<root>' : path.map(String).join('.'));
  const rejecting = (path: Path, description: string, mustReject: boolean) => {
    if (mustReject) locked.push(path);
    return { description, mustReject };
  };
  const nonEmptyValue = (v: unknown) => v !== undefined && !isEmptyValue(v);
  switch (mutation.kind) {
    case 'delete-required':
    case 'empty-required': {
      const key = pickFrom(REQUIRED.filter((k) => nonEmptyValue(m[k]) && free([k])), mutation.pick);
      if (key === undefined) return { description: 'nothing to delete', mustReject: false };
      if (mutation.kind === 'delete-required') delete m[key];
      else m[key] = mutation.empty;
      // Removing one image key is fine while the other one is still set.
      const otherImage = key.startsWith('image-') && (nonEmptyValue(m['image-source']) || nonEmptyValue(m['image-destination']));
      return rejecting([key], `${mutation.kind} ${key}`, !otherImage);
    }
    case 'unknown-key': {
      const objects = nodes.filter((n) => kindOf(n.value) === 'object' && isStrictObjectPath(n.path)).map((n) => n.path);
      const path = pickFrom([[], ...objects], mutation.pick) ?? [];
      const target = [...path, mutation.key];
      const parent = path.length === 0 ? m : (parentOf(m, target) as Record<string, unknown>);
      if (Object.hasOwn(parent, mutation.key) || !free(target)) return { description: `key ${JSON.stringify(mutation.key)} already there`, mustReject: false };
      setAt(m, target, mutation.value);
      const droppedWhenEmpty = path.length === 0 && isEmptyValue(mutation.value);
      const certain = !mutation.key.isWellFormed() || (!KNOWN_KEYS.has(mutation.key) && !droppedWhenEmpty);
      return rejecting(target, `unknown key ${JSON.stringify(mutation.key)} at ${show(path)}`, certain);
    }
    case 'wrong-type': {
      const target = pickFrom(nodes, mutation.pick);
      if (target === undefined) return { description: 'nothing to replace', mustReject: false };
      setAt(m, target.path, mutation.value);
      const topLevelEmpty = target.path.length === 1 && isEmptyValue(mutation.value);
      const certain = kindOf(target.value) !== kindOf(mutation.value) && !topLevelEmpty;
      return rejecting(target.path, `wrong type at ${show(target.path)}: ${String(JSON.stringify(mutation.value)).slice(0, 60)}`, certain);
    }
    case 'bad-number': {
      const target = pickFrom(nodes, mutation.pick);
      if (target === undefined) return { description: 'nothing to replace', mustReject: false };
      setAt(m, target.path, `${NUMBER_PLACEHOLDER}${mutation.literal}\u0000`);
      locked.push(target.path); // keep the placeholder intact
      return { description: `number ${mutation.literal} at ${show(target.path)}`, mustReject: kindOf(target.value) !== 'number' };
    }
    case 'huge-string': {
      const target = pickFrom(strings, mutation.pick);
      if (target === undefined) return { description: 'no string', mustReject: false };
      setAt(m, target.path, mutation.unit.repeat(Math.ceil(100_000 / mutation.unit.length)));
      return { description: `100k × ${JSON.stringify(mutation.unit)} at ${show(target.path)}`, mustReject: false };
    }
    case 'odd-unicode': {
      const target = pickFrom(strings, mutation.pick);
      if (target === undefined) return { description: 'no string', mustReject: false };
      setAt(m, target.path, mutation.replace ? mutation.odd : `${target.value as string}${mutation.odd}`);
      // Server-side apply cannot carry DEL, C1 controls, U+FFFE or U+FFFF in a rendered string ($schema is not rendered).
      const unapplyable = UNAPPLYABLE.test(mutation.odd) && target.path[0] !== '$schema';
      return rejecting(target.path, `odd unicode ${JSON.stringify(mutation.odd)} at ${show(target.path)}`, unapplyable);
    }
    case 'lone-surrogate': {
      const target = pickFrom(strings, mutation.pick);
      if (target === undefined) return { description: 'no string', mustReject: false };
      const s = target.value as string;
      // Insert where the unit cannot pair with a neighbour.
      let at = mutation.at % (s.length + 1);
      while (at > 0 && /[\ud800-\udbff]/.test(s[at - 1])) at--;
      const next = s.slice(0, at) + String.fromCharCode(mutation.unit) + s.slice(at);
      setAt(m, target.path, next);
      return rejecting(target.path, `lone surrogate U+${mutation.unit.toString(16)} at ${show(target.path)}[${at}]`, !next.isWellFormed());
    }
    case 'sub-milli': {
      const key = pickFrom(RESOURCES.filter((k) => free([k])), mutation.pick);
      if (key === undefined) return { description: 'no resource to set', mustReject: false };
      m[key] = mutation.quantity;
      return rejecting([key], `${key} ${mutation.quantity}`, true);
    }
    case 'long-key': {
      if (!free(['node-selector'])) return { description: 'node-selector is locked', mustReject: false };
      const selector = kindOf(m['node-selector']) === 'object' ? (m['node-selector'] as Record<string, unknown>) : {};
      m['node-selector'] = { ...selector, [`example.com/${'k'.repeat(mutation.length)}`]: 'v' };
      return rejecting(['node-selector'], `node-selector key of ${mutation.length} characters`, true);
    }
    case 'deep': {
      const target = pickFrom(nodes, mutation.pick);
      if (target === undefined) return { description: 'nothing to replace', mustReject: false };
      // Very deep values are spliced into the text: building them would overflow JSON.stringify.
      setAt(m, target.path, mutation.depth <= 1000 ? deep(mutation.depth, mutation.shape) : `${DEEP_PLACEHOLDER}${mutation.shape}:${mutation.depth}\u0000`);
      return rejecting(target.path, `${mutation.depth}-deep ${mutation.shape} at ${show(target.path)}`, true);
    }
  }
}
