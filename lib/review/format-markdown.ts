import { closingLine, type Review, taskLabel, type TaskChange } from './model';
import { FINDING_TAGS, findingText, header } from './format-text';

/**
 * The review as a pull-request comment: a summary table of the changed
 * tasks, then a collapsible section per task (open when the cluster will
 * refuse something or exposure changes), under a heading per environment
 * in a project with environments. Ordering is stable, so a comment
 * posted again for a new commit diffs cleanly.
 */
export function reviewMarkdown(review: Review): string {
  const out = ['### datatask-cdk8s review', '', escape(header(review)).replace(/\n/g, '  \n'), ''];
  if (review.changes.length > 0) {
    out.push('| task | type | status | refused | exposure | other changes |', '|---|---|---|---:|---:|---:|');
    for (const task of review.changes) {
      const c = counts(task);
      out.push(`| \`${taskLabel(task)}\` | ${task.type} | ${task.status} | ${c.refusal > 0 ? `**${c.refusal}**` : '0'} | ${c.exposure} | ${c.other} |`);
    }
    out.push('');
    // With environments, a section per environment (changes come sorted by environment).
    let environment: string | undefined;
    for (const task of review.changes) {
      if (task.environment !== undefined && task.environment !== environment) out.push(`#### ${escape(task.environment)}`, '');
      environment = task.environment;
      out.push(...section(task), '');
    }
  }
  out.push(`**${escape(closingLine(review))}**`, '');
  return out.join('\n');
}

function section(task: TaskChange): string[] {
  const c = counts(task);
  const open = c.refusal > 0 || c.exposure > 0 ? ' open' : '';
  const manifest = task.manifest === undefined ? '' : `, ${task.status === 'removed' ? 'was ' : ''}<code>${html(task.manifest)}</code>`;
  const notes = [c.refusal > 0 ? `${c.refusal} refused` : '', c.exposure > 0 ? `${c.exposure} exposure` : ''].filter((n) => n !== '');
  return [
    `<details${open}><summary>${task.status} <code>${html(taskLabel(task))}</code> (${html(task.type)}${manifest})${notes.length > 0 ? `: <b>${notes.join(', ')}</b>` : ''}</summary>`,
    '',
    ...task.findings.map((f) => {
      const tag = FINDING_TAGS[f.kind];
      return `- ${tag === tag.toUpperCase() ? `**${tag}**` : tag} ${findingText(f, (s) => `\`${s}\``, escape)}`;
    }),
    '',
    '</details>',
  ];
}

function counts(task: TaskChange): { refusal: number; exposure: number; other: number } {
  const refusal = task.findings.filter((f) => f.kind === 'refusal').length;
  const exposure = task.findings.filter((f) => f.kind === 'exposure').length;
  return { refusal, exposure, other: task.findings.length - refusal - exposure };
}

/** Markdown text: HTML-escaped, and the characters that make emphasis, code, links or tables taken literally. */
export function escape(text: string): string {
  return html(text).replace(/[\\`*_[\]|~#]/g, '\\$&');
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
