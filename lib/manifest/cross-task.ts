import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Settings } from '../settings';
import type { LoadedTask } from './load';

/**
 * Rules across tasks, each finding located in one file with the other as its related location: unique (namespace,
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
      out.push(related(document.diagnostic(['name'], `task "${task.name}" is already defined in namespace "${task.namespace}"; names must be unique in a namespace`), first, ['name'], `task "${task.name}" is first defined here`));
    }
    if (task.kind === 'service' && task.published !== undefined) {
      const route = `${settings.mapping.hostname} ${task.published.prefix}`;
      const owner = byRoute.get(route);
      if (owner === undefined) byRoute.set(route, loaded);
      else {
        out.push(related(document.diagnostic(['published', 'prefix'], `prefix "${task.published.prefix}" on host "${settings.mapping.hostname}" is already published; two services cannot share a route`), owner, ['published', 'prefix'], `prefix "${task.published.prefix}" is first published here`));
      }
    }
  }
  // Tasks by (namespace, label pair): a selector can only match tasks that
  // carry each of its pairs, so look at the holders of one pair, not at every
  // task (10,000 tasks would mean 10^8 comparisons).
  const holders = new Map<string, LoadedTask[]>();
  for (const loaded of tasks) {
    for (const [k, v] of Object.entries(loaded.task.labels)) {
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
      if (selector.every(([k, v]) => other.task.labels[k] === v)) {
        const shown = selector.map(([k, v]) => `${k}=${v}`).join(',');
        out.push(related(selecting.document.diagnostic(['labels'], `selector ${shown} also matches the pods of task "${other.task.name}"; add a label that tells them apart`), other, ['labels'], `the labels of task "${other.task.name}"`));
      }
    }
  }
  return out;
}

/** `diagnostic` with the place at `path` in the other task's manifest as its related location. */
function related(diagnostic: Diagnostic, other: LoadedTask, path: readonly string[], message: string): Diagnostic {
  return { ...diagnostic, related: [{ ...other.document.locate(path), message }] };
}
