import type { Review } from './model';

/** One JSON object per line and per changed task, in the review's order (for other tools). */
export function reviewJson(review: Review): string {
  return review.changes
    .map((task) => {
      const findings = task.findings.map((f) => ({ kind: f.kind, message: f.message, ...(f.location === undefined ? {} : f.location) }));
      return `${JSON.stringify({ ...(task.environment === undefined ? {} : { environment: task.environment }), namespace: task.namespace, name: task.name, status: task.status, type: task.type, manifest: task.manifest ?? null, findings })}\n`;
    })
    .join('');
}
