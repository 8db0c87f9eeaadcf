import { comparisonCounts, type EnvironmentComparison, type TaskComparison } from './environment-compare';
import { escape } from './format-markdown';

/**
 * `compare` for a terminal: what was compared, a block per task that
 * differs or runs in one environment only, and the count line (the tasks
 * that are the same are counted there).
 */
export function comparisonText(comparison: EnvironmentComparison): string {
  const blocks = [header(comparison)];
  for (const task of comparison.tasks) {
    if (task.status === 'same') continue;
    blocks.push(`${heading(task, comparison, (s) => s)}${task.differences.map((d) => `\n  ${d.message}`).join('')}`);
  }
  return `${blocks.join('\n\n')}\n\n${comparisonCounts(comparison)}\n`;
}

/** The same as Markdown (a pull-request comment, a wiki page): a heading per task, its differences as a list. */
export function comparisonMarkdown(comparison: EnvironmentComparison): string {
  const out = [`### datatask-cdk8s compare: ${escape(comparison.from)} → ${escape(comparison.to)}`, '', escape(header(comparison)), ''];
  for (const task of comparison.tasks) {
    if (task.status === 'same') continue;
    out.push(`#### ${heading(task, comparison, (s) => `\`${s.replace(/`/g, '')}\``)}`, '');
    if (task.differences.length > 0) out.push(...task.differences.map((d) => `- ${escape(d.message)}`), '');
  }
  out.push(`**${escape(comparisonCounts(comparison))}**`, '');
  return out.join('\n');
}

/**
 * One JSON object per line and per task, the same ones included (for other
 * tools): `{name, manifest, type, status, from, to, differences}`, `from`
 * and `to` being `{environment, namespace}`, or null where the task does
 * not run; each difference `{kind, message}` and, where a manifest value
 * causes it, `file`, `line`, `column`, `path`.
 */
export function comparisonJson(comparison: EnvironmentComparison): string {
  return comparison.tasks
    .map((task) => {
      const side = (environment: string, namespace: string | undefined) => (namespace === undefined ? null : { environment, namespace });
      const differences = task.differences.map((d) => ({ kind: d.kind, message: d.message, ...(d.location ?? {}) }));
      return `${JSON.stringify({ name: task.name, manifest: task.manifest, type: task.type, status: task.status, from: side(comparison.from, task.namespace.from), to: side(comparison.to, task.namespace.to), differences })}\n`;
    })
    .join('');
}

function header(comparison: EnvironmentComparison): string {
  return `How the tasks of ${comparison.to} differ from those of ${comparison.from} (values of variables whose names look like secrets are not shown)`;
}

/** `app-flask (service, tasks/app-flask/manifest.json)`, `…: only in dev, in namespace data-dev`. */
function heading(task: TaskComparison, comparison: EnvironmentComparison, code: (s: string) => string): string {
  const title = `${code(task.name)} (${task.type}, ${code(task.manifest)})`;
  if (task.status === 'only-in-from') return `${title}: only in ${comparison.from}, in namespace ${task.namespace.from}`;
  if (task.status === 'only-in-to') return `${title}: only in ${comparison.to}, in namespace ${task.namespace.to}`;
  return title;
}
