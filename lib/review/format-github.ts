import type { Diagnostic } from '../diagnostics/diagnostic';
import { githubData, githubProperty, renderDiagnostics } from '../diagnostics/formats';
import { taskOutputPath } from '../output/rendered-file';
import type { FindingLocation, Review } from './model';

/** Image changes a pull request of pins is about: annotated as notices. */
const NOTED_IMAGE_CHANGES: ReadonlySet<string> = new Set(['digest', 'pinned', 'unpinned']);

/**
 * GitHub Actions annotations: an error on the manifest line of each refusal,
 * a warning on each exposure change and replaced Job, a notice on each
 * digest change (a new digest, a first pin, an unpin). A finding without a
 * manifest location (a removed task, a project setting, a pin) is annotated
 * on the task's output file. In a project with environments, the title
 * starts with the environment (`[prod] image-source`).
 */
export function reviewGithub(review: Review): string {
  const out: string[] = [];
  for (const task of review.changes) {
    const environments = task.environment === undefined ? {} : { environments: [task.environment] };
    for (const f of task.findings) {
      const where: FindingLocation = f.location ?? { file: `${review.out}/${taskOutputPath(task.namespace, task.name, task.environment)}`, line: 1, column: 1, path: `${task.namespace}/${task.name}` };
      if (f.kind === 'refusal' || f.kind === 'exposure' || f.kind === 'replacement') {
        const annotation: Diagnostic = { ...where, offset: 0, length: 0, severity: f.kind === 'refusal' ? 'error' : 'warning', message: f.message, ...environments };
        out.push(renderDiagnostics([annotation], 'github'));
      } else if (f.image !== undefined && NOTED_IMAGE_CHANGES.has(f.image.kind)) {
        // Diagnostics are errors or warnings; a notice is written as GitHub's workflow command directly.
        const title = `${task.environment === undefined ? '' : `[${task.environment}] `}${where.path}`;
        out.push(`::notice file=${githubProperty(where.file)},line=${where.line},col=${where.column},title=${githubProperty(title)}::${githubData(f.message)}\n`);
      }
    }
  }
  return out.join('');
}
