/**
 * Kinds 3 and 4 of issue 9, checked on every rendered object: nothing the
 * API server would store differently from the file, and nothing server-side
 * or client-side apply would refuse. Written from the Kubernetes sources,
 * not from lib/:
 * - Go `omitempty` zero values of non-pointer fields are dropped (k8s.io/api
 *   core/v1 types): "" strings, `false` booleans, empty lists and maps;
 * - ResourceList quantities are rounded up to milli units
 *   (pkg/apis/core/v1 SetDefaults_ResourceList);
 * - server-side apply reads YAML: no DEL, C1 control, U+FFFE or U+FFFF in a
 *   string or key, no key over 1024 characters;
 * - client-side apply keeps the object's JSON in the last-applied
 *   annotation: annotations total at most 256 KiB (ValidateAnnotations).
 */
import { quantityNanos } from './quantities';
import { UNAPPLYABLE } from './strings';

/** Object fields (by their key, anywhere below `spec`) that are non-pointer Go booleans: `false` is dropped. */
const NON_POINTER_BOOLEANS = new Set(['readOnly']);
/** Where `readOnly` is a pointer (kept when false): csi volume sources. */
const POINTER_READ_ONLY_PARENTS = new Set(['csi']);

/** What a real API server would store differently from the file, or refuse under server-side or client-side apply. */
export function storedObjectProblems(objects: readonly any[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const where = `${o?.kind} ${o?.metadata?.name}`;
    walk(o, [], (value, path) => {
      const at = `${where}: ${path.join('.')}`;
      const key = path[path.length - 1];
      const parent = path[path.length - 2];
      if (typeof key === 'string' && (key.length > 1024 || UNAPPLYABLE.test(key))) out.push(`${at}: a key server-side apply cannot read`);
      if (typeof value === 'string' && UNAPPLYABLE.test(value)) out.push(`${at}: ${JSON.stringify(value).slice(0, 60)} holds a character server-side apply cannot read`);
      const isMap = parent === 'labels' || parent === 'annotations' || parent === 'nodeSelector' || parent === 'matchLabels' || parent === 'selector' || parent === 'volumeAttributes' || parent === 'auth_context_extensions';
      if (o?.kind !== 'Mapping' && !isMap && typeof key === 'string' && value === '') out.push(`${at}: "" is dropped by the API server (omitempty)`);
      if (Array.isArray(value) && value.length === 0) out.push(`${at}: [] is dropped by the API server (omitempty)`);
      if (o?.kind !== 'Mapping' && typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0 && key !== 'emptyDir') {
        out.push(`${at}: {} is dropped by the API server (omitempty)`);
      }
      if (value === false && typeof key === 'string' && NON_POINTER_BOOLEANS.has(key) && !POINTER_READ_ONLY_PARENTS.has(String(parent))) out.push(`${at}: false is dropped by the API server (omitempty)`);
      if ((parent === 'requests' || parent === 'limits') && typeof value === 'string' && quantityNanos(value)! % 1_000_000n !== 0n) {
        out.push(`${at}: ${value} is stored rounded up to milli units`);
      }
    });
    const annotations = Object.entries(o?.metadata?.annotations ?? {}).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
    const lastApplied = Buffer.byteLength(JSON.stringify(o)) + 1 + Buffer.byteLength('kubectl.kubernetes.io/last-applied-configuration');
    if (annotations + lastApplied > 256 * 1024) out.push(`${where}: too large for the last-applied-configuration annotation (${annotations + lastApplied} bytes)`);
  }
  return out;
}

function walk(value: unknown, path: (string | number)[], visit: (value: unknown, path: (string | number)[]) => void): void {
  if (path.length > 0) visit(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}
