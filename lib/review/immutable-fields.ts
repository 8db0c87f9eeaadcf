import { at, sameJson } from './diff';
import { apiGroup, type KubeObject } from './objects';

/**
 * The fields of the objects datatask-cdk8s writes that the API server
 * refuses to change on an existing object ("field is immutable"), as
 * Kubernetes 1.27 validates an update:
 *
 * - apps/v1 Deployment: `spec.selector`. pkg/registry/apps/deployment/strategy.go
 *   `deploymentStrategy.ValidateUpdate` forbids changing it for every
 *   group/version but the removed extensions/v1beta1 and apps/v1beta1. The
 *   pod template, replicas and strategy may change.
 * - batch/v1 Job: `spec.template`, `spec.selector`, `spec.completions`
 *   (except for an elastic Indexed Job), `spec.completionMode` and
 *   `spec.podFailurePolicy`: pkg/apis/batch/validation/validation.go
 *   `ValidateJobSpecUpdate` and `validatePodTemplateUpdate`. The only
 *   template changes it lets through are the scheduling directives of a
 *   suspended Job that never started, which a datatask Job never is. A Job's
 *   own metadata (labels, annotations) may change.
 * - v1 Service: nothing we write. pkg/apis/core/validation
 *   `ValidateServiceUpdate` keeps `spec.clusterIP(s)` and the IP families
 *   (never written here) immutable; `spec.selector`, ports and labels may
 *   change.
 * - batch/v1 CronJob: nothing (`ValidateCronJobUpdate` validates the new
 *   spec only; a changed job template applies to the next Jobs it creates).
 * - getambassador.io Mapping (a CRD): nothing; its schema has no
 *   transition rules.
 *
 * @returns the immutable fields that differ, as dotted paths; empty when the update is accepted
 */
export function immutableFieldChanges(before: KubeObject, after: KubeObject): string[] {
  const fields = IMMUTABLE[`${apiGroup(after.apiVersion)}/${after.kind}`] ?? [];
  return fields.filter((f) => !sameJson(at(before.body, f), at(after.body, f)));
}

const IMMUTABLE: Readonly<Record<string, readonly string[]>> = {
  'apps/Deployment': ['spec.selector'],
  'batch/Job': ['spec.selector', 'spec.template', 'spec.completions', 'spec.completionMode', 'spec.podFailurePolicy'],
};

/** The Argo CD sync option that deletes and recreates an object instead of updating it. */
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/**
 * Whether Argo CD replaces `o` (deletes it and creates it again) rather than
 * updating it: its own `argocd.argoproj.io/sync-options` annotation holds
 * `Replace=true`. gitops-engine's sync context (pkg/sync/sync_context.go,
 * `applyObject`) reads the option from the desired object, so the working
 * tree's version decides; the `argocd.replaceJobs` setting writes it on
 * every Job.
 */
export function argoReplaces(o: KubeObject): boolean {
  const value = at(o.body, `metadata.annotations`);
  const options = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[SYNC_OPTIONS] : undefined;
  return typeof options === 'string' && options.split(',').some((o) => o.trim() === 'Replace=true');
}
