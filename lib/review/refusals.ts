import type { Cause } from './cause';
import { at, labelText } from './diff';
import { argoReplaces } from './immutable-fields';
import { describeObject, type KubeObject } from './objects';

/**
 * What the review says when an update touches an immutable field (see
 * immutable-fields.ts for the Kubernetes sources), and what to do about it.
 */

/** apps/v1 refuses a new `spec.selector` (pkg/registry/apps/deployment/strategy.go); the selector is exactly the labels. */
export function deploymentRefusal(before: KubeObject, after: KubeObject): Cause {
  const from = labelText(at(before.body, 'spec.selector.matchLabels'));
  const to = labelText(at(after.body, 'spec.selector.matchLabels'));
  const message =
    `the API server will refuse to update ${describeObject(after)}: spec.selector is immutable (apps/v1) and the labels change it (${from} → ${to}), so Argo CD's sync fails. ` +
    `Delete the Deployment before the sync (kubectl delete deployment ${after.name} -n ${after.namespace}; its pods stop until the new ones run), ` +
    'or give the task a new name so that a new Deployment is created and this one pruned';
  return { kind: 'refusal', aspect: 'refused', message, field: ['labels'] };
}

/** The Service half of a relabelled service: its selector change is accepted while the Deployment's is refused. */
export function strandedService(cause: Cause, before: KubeObject, after: KubeObject): Cause {
  const from = labelText(at(before.body, 'spec.selector'));
  const to = labelText(at(after.body, 'spec.selector'));
  const message =
    `${describeObject(after)} selector: ${from} → ${to} is accepted (a Service's selector may change), so after the sync it matches none of the running pods, ` +
    'which keep the old labels: the service has no endpoints until its Deployment is recreated';
  return { ...cause, message };
}

/**
 * A Job whose immutable fields change: refused, or, when its sync options
 * say `Replace=true` (the `argocd.replaceJobs` setting), replaced by Argo CD
 * and so rerun. Located at the first manifest field among the changes.
 *
 * @param immutable the immutable fields that change (`spec.template`, …)
 * @param changes the Job's changes in words
 */
export function jobRefusal(after: KubeObject, immutable: readonly string[], changes: readonly Cause[]): Cause {
  const causes = changes.filter((c) => !c.aspect.startsWith('annotation '));
  const aspects = [...new Set(causes.map((c) => c.aspect))].join(', ');
  const field = causes.find((c) => c.field !== undefined)?.field;
  const fields = immutable.join(', ');
  const what = `${fields} ${immutable.length === 1 ? 'is' : 'are'} immutable (batch/v1)`;
  if (argoReplaces(after)) {
    const message = `${describeObject(after)} will be replaced and so rerun: Argo CD deletes it and creates it again (sync option Replace=true), because its ${fields} change${immutable.length === 1 ? 's' : ''} (${aspects}); a Job's ${what}`;
    return { kind: 'replacement', aspect: 'replace', message, field };
  }
  const message =
    `the API server will refuse to update ${describeObject(after)}: a Job's ${what} and this change edits ${immutable.length === 1 ? 'it' : 'them'} (${aspects}), so Argo CD's sync fails. ` +
    `Delete the Job before the sync (kubectl delete job ${after.name} -n ${after.namespace}; Argo CD creates it again and it runs again), ` +
    'or turn on the argocd.replaceJobs setting so that Argo CD replaces, and so reruns, a changed Job';
  return { kind: 'refusal', aspect: 'refused', message, field };
}
