import type { Diagnostic } from '../diagnostics/diagnostic';
import { renderDiagnostics } from '../diagnostics/formats';
import type { Review } from './model';

/**
 * GitHub Actions annotations: an error on the manifest line of each refusal,
 * a warning on each exposure change and replaced Job. A finding without a
 * manifest (a removed task, a project setting) is annotated on the task's
 * output file.
 */
export function reviewGithub(review: Review): string {
  const annotations: Diagnostic[] = [];
  for (const task of review.changes) {
    for (const f of task.findings) {
      if (f.kind !== 'refusal' && f.kind !== 'exposure' && f.kind !== 'replacement') continue;
      const where = f.location ?? { file: `${review.out}/${task.namespace}/${task.name}.k8s.yaml`, line: 1, column: 1, path: `${task.namespace}/${task.name}` };
      annotations.push({ ...where, offset: 0, length: 0, severity: f.kind === 'refusal' ? 'error' : 'warning', message: f.message });
    }
  }
  return renderDiagnostics(annotations, 'github');
}
