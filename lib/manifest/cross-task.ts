import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Settings } from '../settings';
import type { LoadedTask } from './load';

/**
 * Rules across tasks, each finding naming both files: unique (namespace,
 * name); unique published (hostname, prefix), whatever the namespace, since
 * all share one gateway; and no Service or Deployment selector that also
 * matches another task's pods in the same namespace.
 */
export function crossTaskDiagnostics(tasks: readonly LoadedTask[], settings: Settings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byName = new Map<string, LoadedTask>();
  const byRoute = new Map<string, LoadedTask>();
  for (const loaded of tasks) {
    const { task, document } = loaded;
    const key = `${task.namespace}/${task.name}`;
    const first = byName.get(key);
    if (first === undefined) byName.set(key, loaded);
    else {
      out.push(document.diagnostic(['name'], `task "${task.name}" is already defined in namespace "${task.namespace}" by ${where(first, ['name'])}; names must be unique in a namespace`));
    }
    if (task.kind === 'service' && task.published !== undefined) {
      const route = `${settings.mapping.hostname} ${task.published.prefix}`;
      const owner = byRoute.get(route);
      if (owner === undefined) byRoute.set(route, loaded);
      else {
        out.push(document.diagnostic(['published', 'prefix'], `prefix "${task.published.prefix}" on host "${settings.mapping.hostname}" is already published by ${where(owner, ['published', 'prefix'])}; two services cannot share a route`));
      }
    }
  }
  // Tasks by (namespace, label pair): a selector can only match tasks that
  // carry each of its pairs, so look at the holders of one pair, not at every
  // task (10,000 tasks would mean 10^8 comparisons).
  const holders = new Map<string, LoadedTask[]>();
  // A pod carries the task's labels and its pod-labels: a selector may match either.
  const podLabels = new Map(tasks.map((loaded) => [loaded, { ...loaded.task.podLabels, ...loaded.task.labels }]));
  for (const loaded of tasks) {
    for (const [k, v] of Object.entries(podLabels.get(loaded) ?? {})) {
      const key = JSON.stringify([loaded.task.namespace, k, v]);
      const list = holders.get(key);
      if (list === undefined) holders.set(key, [loaded]);
      else list.push(loaded);
    }
  }
  for (const selecting of tasks) {
    if (selecting.task.kind !== 'deployment' && selecting.task.kind !== 'service') continue;
    const selector = Object.entries(selecting.task.labels);
    const candidates = selector
      .map(([k, v]) => holders.get(JSON.stringify([selecting.task.namespace, k, v])) ?? [])
      .reduce((a, b) => (b.length < a.length ? b : a));
    for (const other of candidates) {
      if (other === selecting) continue;
      if (selector.every(([k, v]) => podLabels.get(other)?.[k] === v)) {
        const shown = selector.map(([k, v]) => `${k}=${v}`).join(',');
        const by = selector.every(([k, v]) => other.task.labels[k] === v) ? 'labels' : 'pod-labels';
        out.push(selecting.document.diagnostic(['labels'], `selector ${shown} also matches the pods of task "${other.task.name}" (${where(other, [by])}); add a label that tells them apart`));
      }
    }
  }
  return out;
}

function where(loaded: LoadedTask, path: readonly string[]): string {
  const at = loaded.document.locate(path);
  return `${at.file}:${at.line}:${at.column}`;
}
