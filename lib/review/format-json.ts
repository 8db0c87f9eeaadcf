import type { ImageChange, ImageSide } from './image-change';
import type { Review } from './model';

/**
 * One JSON object per line and per changed task, in the review's order (for
 * other tools). A changed image's finding has `image`: `change` (`digest`,
 * `pinned`, `unpinned`, `retagged`, `tag`, `repository` or `other`),
 * `repository` (when both sides are of one repository; else null), `old`
 * and `new` (`reference`, `repository`, `tag`, `digest`; null where absent),
 * `promotedFrom` and `alsoNewIn` (environments, sorted).
 */
export function reviewJson(review: Review): string {
  return review.changes
    .map((task) => {
      const findings = task.findings.map((f) => ({ kind: f.kind, message: f.message, ...(f.location === undefined ? {} : f.location), ...(f.image === undefined ? {} : { image: imageJson(f.image) }) }));
      return `${JSON.stringify({ ...(task.environment === undefined ? {} : { environment: task.environment }), namespace: task.namespace, name: task.name, status: task.status, type: task.type, manifest: task.manifest ?? null, findings })}\n`;
    })
    .join('');
}

function imageJson(image: ImageChange): Record<string, unknown> {
  const sameRepository = image.kind !== 'repository' && image.kind !== 'other';
  return {
    change: image.kind,
    repository: sameRepository ? (image.new.repository ?? null) : null,
    old: sideJson(image.old),
    new: sideJson(image.new),
    promotedFrom: image.promotedFrom,
    alsoNewIn: image.alsoNewIn,
  };
}

function sideJson(side: ImageSide): Record<string, string | null> {
  return { reference: side.reference ?? null, repository: side.repository ?? null, tag: side.tag ?? null, digest: side.digest ?? null };
}
