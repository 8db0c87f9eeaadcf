import { looksLikeSecret } from '../manifest/secret-name';
import type { Cause, ManifestFields } from './cause';
import { at, changedPaths, isRecord, labelText, sameJson } from './diff';
import { apiGroup, describeObject, type KubeObject } from './objects';
import { podTemplateChanges } from './pod-template';
import { isMapping, routeOf } from './route';
import { ROUTE_FIELDS, routeChanges, type RoutesElsewhere } from './route-changes';

/** A scalar field of a workload's spec, in words, and the manifest field that sets it. */
type SpecField = readonly [path: string, label: string, field: string];

const JOB_CONTROLS = (prefix: string): SpecField[] => [
  [`${prefix}.backoffLimit`, 'backoff limit', 'backoff-limit'],
  [`${prefix}.activeDeadlineSeconds`, 'active deadline (seconds)', 'active-deadline-seconds'],
];

/**
 * The aspects of a Job's changes outside its pod template: `ValidateJobSpecUpdate`
 * (pkg/apis/batch/validation/validation.go) lets `backoffLimit` and
 * `activeDeadlineSeconds` change, so they never cause a refusal.
 */
export const MUTABLE_JOB_ASPECTS: ReadonlySet<string> = new Set(JOB_CONTROLS('spec').map(([, label]) => label));

/** Where each kind keeps its pod template, and its other spec fields described in words. */
const WORKLOADS: Readonly<Record<string, { template: string; fields: readonly SpecField[]; described: readonly string[] }>> = {
  'apps/Deployment': { template: 'spec.template', fields: [['spec.replicas', 'replicas', 'replicas']], described: ['spec.selector'] },
  'batch/Job': { template: 'spec.template', fields: JOB_CONTROLS('spec'), described: [] },
  'batch/CronJob': {
    template: 'spec.jobTemplate.spec.template',
    fields: [
      ['spec.schedule', 'schedule', 'schedule'],
      ['spec.timeZone', 'time zone', 'time-zone'],
      ['spec.concurrencyPolicy', 'concurrency policy', 'concurrency-policy'],
      ['spec.suspend', 'suspend', 'suspend'],
      ['spec.startingDeadlineSeconds', 'starting deadline (seconds)', 'starting-deadline-seconds'],
      ['spec.successfulJobsHistoryLimit', 'successful Jobs kept', 'successful-jobs-history-limit'],
      ['spec.failedJobsHistoryLimit', 'failed Jobs kept', 'failed-jobs-history-limit'],
      ...JOB_CONTROLS('spec.jobTemplate.spec'),
    ],
    described: ['spec.jobTemplate.metadata.labels'],
  },
};

/** What the two versions of an object are. */
export interface Comparison {
  /** review: the other tasks' routes at the base and in the working tree, to say where a route one task gives up goes. */
  readonly elsewhere?: RoutesElsewhere;
  /**
   * compare: the versions are one task's in two environments (two clusters
   * at once), not one cluster's before and after: nothing rolls out,
   * converts or answers 404, the namespace is said once for the task, and
   * the values of environment variables whose names do not look like
   * secrets are shown. @default false
   */
  readonly acrossEnvironments?: boolean;
}

/**
 * The changes between the base's and the working tree's version of one
 * object (same group, kind, namespace and name), or with
 * `acrossEnvironments` between one environment's and another's (same group,
 * kind and name), in words, each with the manifest field that causes it.
 * Whatever is not described in words is still reported, by path, so that no
 * change goes unmentioned. Refusals are not decided here (see immutable-fields.ts).
 */
export function objectChanges(before: KubeObject, after: KubeObject, fields: ManifestFields, comparison: Comparison = {}): Cause[] {
  const across = comparison.acrossEnvironments === true;
  const causes: Cause[] = [];
  const covered: string[] = ['apiVersion', 'metadata.labels', 'metadata.annotations', ...(across ? ['metadata.namespace'] : [])];
  if (before.apiVersion !== after.apiVersion) {
    causes.push({ kind: 'change', aspect: 'apiVersion', message: `${describeObject(after)}: apiVersion ${before.apiVersion} → ${after.apiVersion}${across ? '' : ' (the same object, converted by the API server)'}` });
  }
  const labels = [at(before.body, 'metadata.labels'), at(after.body, 'metadata.labels')];
  if (!sameJson(labels[0], labels[1])) causes.push({ kind: 'change', aspect: 'labels', message: `labels: ${labelText(labels[0])} → ${labelText(labels[1])}`, field: ['labels'] });

  const kind = `${apiGroup(after.apiVersion)}/${after.kind}`;
  const workload = WORKLOADS[kind];
  if (workload !== undefined) {
    covered.push(workload.template, ...workload.described, ...workload.fields.map(([path]) => path));
    causes.push(...specFieldChanges(before, after, workload.fields));
    const showsValue = across ? (name: string) => !looksLikeSecret(name) : undefined;
    const template = podTemplateChanges(at(before.body, workload.template), at(after.body, workload.template), fields, [labels[0], labels[1]], showsValue, across);
    causes.push(...template.causes);
    if (template.undescribed.length > 0) causes.push(undescribed(after, template.undescribed.map((p) => `${workload.template}.${p}`)));
    if (!across && (template.causes.length > 0 || template.undescribed.length > 0)) causes.push(...templateConsequence(after));
  } else if (kind === '/Service') {
    covered.push('spec.selector', 'spec.ports');
    causes.push(...serviceChanges(before, after, across));
  } else if (isMapping(after) && isMapping(before)) {
    covered.push(...ROUTE_FIELDS.map(String));
    causes.push(...routeChanges(routeOf(before), routeOf(after), comparison.elsewhere, across));
  }
  causes.push(...annotationChanges(at(before.body, 'metadata.annotations'), at(after.body, 'metadata.annotations'), after));
  const rest = changedPaths(before.body, after.body, covered);
  if (rest.length > 0) causes.push(undescribed(after, rest));
  return causes;
}

/** `replicas: 1 → 3`, `schedule: "0 5 * * *" → "0 6 * * *"`, `time zone: (none: the controller's, UTC) → Europe/Paris`. */
function specFieldChanges(before: KubeObject, after: KubeObject, fields: readonly SpecField[]): Cause[] {
  const out: Cause[] = [];
  for (const [path, label, field] of fields) {
    const [a, b] = [at(before.body, path), at(after.body, path)];
    if (a === b) continue;
    const text = (v: unknown) => (v === undefined ? (path === 'spec.timeZone' ? "(none: the controller's, UTC)" : '(none)') : typeof v === 'string' ? JSON.stringify(v) : String(v));
    out.push({ kind: 'change', aspect: label, message: `${label}: ${text(a)} → ${text(b)}`, field: [field] });
  }
  return out;
}

/** What a changed pod template does once accepted. */
function templateConsequence(o: KubeObject): Cause[] {
  if (o.kind === 'Deployment') return [{ kind: 'change', aspect: 'rollout', message: `${describeObject(o)} rolls out new pods (its pod template changes)` }];
  if (o.kind === 'CronJob') return [{ kind: 'change', aspect: 'next runs', message: `${describeObject(o)}: the Jobs it creates from now on use the new template; a Job already running keeps the old one` }];
  return [];
}

function serviceChanges(before: KubeObject, after: KubeObject, across: boolean): Cause[] {
  const out: Cause[] = [];
  const selector = [at(before.body, 'spec.selector'), at(after.body, 'spec.selector')];
  if (!sameJson(selector[0], selector[1])) {
    out.push({
      kind: 'change',
      aspect: 'service selector',
      message: `${describeObject(after)} selector: ${labelText(selector[0])} → ${labelText(selector[1])}${across ? '' : " (accepted: a Service's selector may change)"}`,
      field: ['labels'],
    });
  }
  const ports = [at(before.body, 'spec.ports'), at(after.body, 'spec.ports')];
  if (!sameJson(ports[0], ports[1])) {
    out.push({ kind: 'change', aspect: 'service port', message: `${describeObject(after)} ports: ${servicePorts(ports[0])} → ${servicePorts(ports[1])}`, field: ['container-port'] });
  }
  return out;
}

function servicePorts(ports: unknown): string {
  if (!Array.isArray(ports) || ports.length === 0) return '(none)';
  return ports.map((p) => (isRecord(p) ? `${String(p.name)} ${String(p.port)} → ${String(p.targetPort)}` : String(p))).join(', ');
}

/** Each added, removed or changed annotation (portal settings, Argo CD sync options). */
function annotationChanges(before: unknown, after: unknown, o: KubeObject): Cause[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  const out: Cause[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[key] === b[key]) continue;
    const message =
      a[key] === undefined ? `${describeObject(o)}: annotation ${key}: ${quoted(b[key])} added`
      : b[key] === undefined ? `${describeObject(o)}: annotation ${key} removed (was ${quoted(a[key])})`
      : `${describeObject(o)}: annotation ${key}: ${quoted(a[key])} → ${quoted(b[key])}`;
    out.push({ kind: 'change', aspect: `annotation ${key}`, message });
  }
  return out;
}

function undescribed(o: KubeObject, paths: readonly string[]): Cause {
  return { kind: 'change', aspect: paths.join(', '), message: `${describeObject(o)}: also changed: ${paths.join(', ')}` };
}

function quoted(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
