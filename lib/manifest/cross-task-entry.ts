import type { SourceDocument } from '../diagnostics/json-document';
import type { Task } from '../model';
import type { Settings } from '../project-settings';
import { checkDns1123Label, checkLabelValue, checkQualifiedName, checkRenderableKey } from '../validation/kubernetes-names';
import { parseLabels } from './labels';

/**
 * What the rules across tasks read of one manifest: its identity, route and
 * selector. A valid task gives all of it; a manifest with errors gives what
 * is readable of it, so that a duplicate name or route is reported in the
 * same run as the manifest's own errors, not after they are fixed.
 */
export interface CrossTaskEntry {
  readonly document: SourceDocument;
  readonly name?: string;
  readonly namespace?: string;
  /** The Mapping prefix of a published service. */
  readonly prefix?: string;
  /** The labels; `selects` when they are a Deployment and Service selector. */
  readonly labels?: Readonly<Record<string, string>>;
  /** The `pod-labels`: on the pods beside `labels`, never in a selector. */
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly selects: boolean;
}

/** The entry of a valid task (a `LoadedTask` of ./load.ts: its task and the document it came from). */
export function entryOfTask({ task, document }: { readonly task: Task; readonly document: SourceDocument }): CrossTaskEntry {
  return {
    document,
    name: task.name,
    namespace: task.namespace,
    prefix: task.kind === 'service' ? task.published?.prefix : undefined,
    labels: task.labels,
    podLabels: task.podLabels,
    selects: task.kind === 'deployment' || task.kind === 'service',
  };
}

/** What is readable of a manifest that has errors: only values that are valid on their own. */
export function entryOfInvalid(document: SourceDocument, settings: Settings): CrossTaskEntry {
  const m = (typeof document.value === 'object' && document.value !== null ? document.value : {}) as Record<string, unknown>;
  const label = (v: unknown) => (typeof v === 'string' && checkDns1123Label(v) === undefined ? v : undefined);
  const namespace = m.namespace === undefined || m.namespace === '' ? settings.namespace : label(m.namespace);
  const published = m.published as Record<string, unknown> | undefined;
  const prefix = m.type === 'service' && typeof published === 'object' && published !== null && typeof published.prefix === 'string' && published.prefix.startsWith('/') ? published.prefix : undefined;
  const labels = typeof m.labels === 'string' ? parseLabels(m.labels) : undefined;
  return {
    document,
    name: label(m.name),
    namespace,
    prefix,
    labels: labels?.ok === true ? labels.value : undefined,
    podLabels: validLabels(m['pod-labels']),
    selects: m.type === 'deployment' || m.type === 'service',
  };
}

/** The valid entries of a labels map given as JSON (`pod-labels` of a manifest with errors). */
function validLabels(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && checkQualifiedName(entry[0]) === undefined && checkRenderableKey(entry[0]) === undefined && checkLabelValue(entry[1]) === undefined,
    ),
  );
}
