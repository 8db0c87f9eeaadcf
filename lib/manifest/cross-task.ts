import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Settings } from '../project-settings';
import type { CrossTaskEntry } from './cross-task-entry';

/**
 * Rules across tasks, each finding located in one manifest with the other
 * as its related location: unique (namespace,
 * name); unique published (hostname, prefix), whatever the namespace, since
 * all share one gateway; and no Service or Deployment selector that also
 * matches another task's pods in the same namespace. Entries come in
 * discovery order, manifests with errors included (with what is readable of
 * them), so that these findings arrive in the same run as field errors.
 *
 * @param deployed whether a task's objects are in the output folder already
 *   (what Argo CD applied): a selector clash between a deployed task and a new
 *   one is located at the new one, where a fix is possible
 */
export function crossTaskDiagnostics(entries: readonly CrossTaskEntry[], settings: Settings, deployed: IsDeployed = NONE_DEPLOYED): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byName = new Map<string, CrossTaskEntry>();
  const byRoute = new Map<string, CrossTaskEntry>();
  for (const entry of entries) {
    const { document } = entry;
    if (entry.name !== undefined && entry.namespace !== undefined) {
      const key = `${entry.namespace}/${entry.name}`;
      const first = byName.get(key);
      if (first === undefined) byName.set(key, entry);
      else {
        out.push(related(document.diagnostic(['name'], `task "${entry.name}" is already defined in namespace "${entry.namespace}"; names must be unique in a namespace`), first, ['name'], `task "${entry.name}" is first defined here`));
      }
    }
    if (entry.prefix !== undefined) {
      const route = `${settings.mapping.hostname} ${entry.prefix}`;
      const owner = byRoute.get(route);
      if (owner === undefined) byRoute.set(route, entry);
      else {
        out.push(related(document.diagnostic(['published', 'prefix'], `prefix "${entry.prefix}" on host "${settings.mapping.hostname}" is already published; two services cannot share a route`), owner, ['published', 'prefix'], `prefix "${entry.prefix}" is first published here`));
      }
    }
  }
  // Entries by (namespace, label pair): a selector can only match tasks that
  // carry each of its pairs, so look at the holders of one pair, not at every
  // task (10,000 tasks would mean 10^8 comparisons).
  const holders = new Map<string, CrossTaskEntry[]>();
  for (const entry of entries) {
    if (entry.labels === undefined || entry.namespace === undefined) continue;
    for (const [k, v] of Object.entries(podLabelsOf(entry) ?? {})) {
      const key = holderKey(entry.namespace, k, v);
      const list = holders.get(key);
      if (list === undefined) holders.set(key, [entry]);
      else list.push(entry);
    }
  }
  for (const selecting of entries) {
    if (!selecting.selects || selecting.labels === undefined || selecting.namespace === undefined) continue;
    const { labels, namespace } = selecting;
    const selector = Object.entries(labels);
    const candidates = selector
      .map(([k, v]) => holders.get(holderKey(namespace, k, v)) ?? [])
      .reduce((a, b) => (b.length < a.length ? b : a));
    for (const other of candidates) {
      if (other === selecting) continue;
      if (selector.every(([k, v]) => podLabelsOf(other)?.[k] === v)) {
        const shown = selector.map(([k, v]) => `${k}=${v}`).join(',');
        const whose = other.name === undefined ? 'another task' : `task "${other.name}"`;
        const by = selector.every(([k, v]) => other.labels?.[k] === v) ? 'labels' : 'pod-labels';
        if (isDeployed(deployed, selecting) && !isDeployed(deployed, other)) {
          // Two tasks whose selectors match each other: the new one's own finding already stands at the new task.
          if (other.selects && Object.entries(other.labels ?? {}).every(([k, v]) => podLabelsOf(selecting)?.[k] === v)) continue;
          // apps/v1 ValidateDeploymentUpdate: a Deployment's spec.selector is immutable, so the deployed task cannot be
          // the one to change; the new task's labels can (they are in no cluster yet).
          const theirs = `task "${selecting.name}"`;
          out.push(
            related(
              other.document.diagnostic([by], `the pods of this task would be taken over by ${theirs}, whose selector ${shown} matches them; ${theirs} is deployed and a Deployment's selector cannot change (spec.selector is immutable), so change this task's ${by}: use other values for ${selector.map(([k]) => k).join(', ')}`),
              selecting,
              ['labels'],
              `the selector of ${theirs}, deployed`,
            ),
          );
          continue;
        }
        out.push(related(selecting.document.diagnostic(['labels'], `selector ${shown} also matches the pods of ${whose}; add a label that tells them apart`), other, [by], `the ${by} of ${whose}`));
      }
    }
  }
  return out;
}

/** The labels of an entry's pods: its labels and its pod-labels (which no selector holds, but which a selector may match). */
function podLabelsOf(entry: CrossTaskEntry): Readonly<Record<string, string>> | undefined {
  return entry.labels === undefined ? undefined : { ...entry.podLabels, ...entry.labels };
}

/** `diagnostic` with the place at `path` in the other manifest as its related location. */
function related(diagnostic: Diagnostic, other: CrossTaskEntry, path: readonly string[], message: string): Diagnostic {
  return { ...diagnostic, related: [{ ...other.document.locate(path), message }] };
}

/** An unambiguous key of (namespace, label key, label value), whatever characters they hold: each part after its length. */
function holderKey(namespace: string, key: string, value: string): string {
  return `${namespace.length}:${namespace}${key.length}:${key}${value}`;
}

/** Whether the task (namespace, name) has its output file in the output folder. */
export type IsDeployed = (namespace: string, name: string) => boolean;

const NONE_DEPLOYED: IsDeployed = () => false;

function isDeployed(deployed: IsDeployed, entry: CrossTaskEntry): boolean {
  return entry.namespace !== undefined && entry.name !== undefined && deployed(entry.namespace, entry.name);
}
