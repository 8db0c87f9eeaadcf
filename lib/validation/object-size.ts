import type { Diagnostic } from '../diagnostics/diagnostic';
import { formatPath, type SourceDocument } from '../diagnostics/json-document';
import { TOTAL_ANNOTATION_SIZE_LIMIT } from './object-limits';

/** The annotation in which client-side `kubectl apply` (and Argo CD's default sync) keeps the whole applied object. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Below this manifest size no rendered object can come near the limit (an
 * object repeats a manifest's labels at most four times), so its objects
 * need not be measured.
 */
const MEASURE_FROM_BYTES = TOTAL_ANNOTATION_SIZE_LIMIT / 4;

/** Whether the objects rendered from `document` can be too large for client-side apply (else `objectSizeDiagnostics` finds nothing). */
export function needsObjectSizeCheck(document: SourceDocument): boolean {
  return Buffer.byteLength(document.text) >= MEASURE_FROM_BYTES;
}

/**
 * An error, at the manifest `document`, for each of the API objects rendered
 * from it (Kubernetes JSON) too large for client-side apply: `kubectl
 * apply` stores the object's JSON in the last-applied annotation, so an
 * object whose JSON and annotations exceed 256 KiB is refused by the API
 * server. The hint names the manifest's biggest field.
 */
export function objectSizeDiagnostics(document: SourceDocument, objects: readonly unknown[]): Diagnostic[] {
  if (!needsObjectSizeCheck(document)) return [];
  const out: Diagnostic[] = [];
  for (const object of objects as { kind: string }[]) {
    const size = lastAppliedAnnotationsSize(object);
    if (size <= TOTAL_ANNOTATION_SIZE_LIMIT) continue;
    const biggest = biggestField(document.value);
    out.push(
      document.diagnostic(
        [],
        `the ${object.kind} rendered from this manifest is too large for client-side apply: kubectl apply (and Argo CD's default sync) keeps the whole object in the ${LAST_APPLIED_ANNOTATION} annotation, ` +
          `and its annotations would take ${size} bytes, more than the API server's limit of ${TOTAL_ANNOTATION_SIZE_LIMIT} (256 KiB); ` +
          `the biggest field is ${biggest.path} (${biggest.bytes} bytes as JSON): move large data into a ConfigMap or the image`,
      ),
    );
  }
  return out;
}

/**
 * The bytes an object's annotations take once client-side `kubectl apply`
 * has added its JSON as the last-applied annotation (compare with
 * `TOTAL_ANNOTATION_SIZE_LIMIT`).
 */
export function lastAppliedAnnotationsSize(object: unknown): number {
  const annotations = (object as { metadata?: { annotations?: Record<string, unknown> } }).metadata?.annotations ?? {};
  const existing = Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  return Buffer.byteLength(JSON.stringify(object)) + 1 + Buffer.byteLength(LAST_APPLIED_ANNOTATION) + existing;
}

/** The largest leaf of a JSON value, following the largest child at each level. */
function biggestField(value: unknown): { path: string; bytes: number } {
  const path: (string | number)[] = [];
  let current = value;
  for (;;) {
    const children: [string | number, unknown][] = Array.isArray(current)
      ? current.map((v, i) => [i, v])
      : typeof current === 'object' && current !== null
        ? Object.entries(current)
        : [];
    if (children.length === 0) break;
    const sized = children.map(([k, v]) => [k, v, Buffer.byteLength(JSON.stringify(v) ?? '')] as const);
    const [key, child] = sized.reduce((a, b) => (b[2] > a[2] ? b : a));
    path.push(key);
    current = child;
  }
  return { path: formatPath(path), bytes: Buffer.byteLength(JSON.stringify(current) ?? '') };
}
