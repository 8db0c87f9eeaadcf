import type { Cause, ManifestFields } from './cause';
import { at, changedPaths, isRecord, labelText, sameJson } from './diff';
import { imageChange, imageChangeText } from './image-change';

/** What a pod template's differences mean, and the paths (below the template) nothing described. */
export interface PodTemplateChanges {
  readonly causes: readonly Cause[];
  readonly undescribed: readonly string[];
}

/** Parts of a pod template described in words below; everything else is reported by path. */
const DESCRIBED = [
  'metadata.labels',
  'spec.containers.*.image',
  'spec.containers.*.imagePullPolicy',
  'spec.containers.*.command',
  'spec.containers.*.args',
  'spec.containers.*.env',
  'spec.containers.*.resources',
  'spec.containers.*.ports',
  'spec.containers.*.volumeMounts',
  'spec.volumes',
  'spec.tolerations',
  'spec.nodeSelector',
  'spec.securityContext',
  'spec.automountServiceAccountToken',
  'spec.containers.*.securityContext',
  'spec.containers.*.envFrom',
  'spec.containers.*.readinessProbe',
  'spec.containers.*.livenessProbe',
  'spec.containers.*.startupProbe',
  'spec.serviceAccountName',
  'spec.priorityClassName',
  'spec.imagePullSecrets',
  'metadata.annotations',
];

/**
 * The changes between two pod templates (`spec.template` of a Deployment or
 * Job, `spec.jobTemplate.spec.template` of a CronJob), in words; `objectLabels`
 * are the workload's own labels, before and after. The task's one container
 * (the first) is compared.
 * Environment variable values are never printed (a value may be a
 * credential whatever the variable's name), but those of the variables
 * `showsValue` names (`compare`: the names that do not look like secrets).
 * An image change is said by digest and tag (image-change.ts), but
 * `acrossEnvironments` (compare: two environments, no before and after),
 * where both references are given in full.
 */
export function podTemplateChanges(before: unknown, after: unknown, fields: ManifestFields, objectLabels: readonly [unknown, unknown], showsValue: (name: string) => boolean = () => false, acrossEnvironments = false): PodTemplateChanges {
  const causes: Cause[] = [];
  const change = (aspect: string, message: string, field?: Cause['field']) => causes.push({ kind: 'change', aspect, message, field });

  // The pod's labels are the task's `labels` plus its `pod-labels`: said once when they change alike.
  const labelsBefore = at(before, 'metadata.labels');
  const labelsAfter = at(after, 'metadata.labels');
  if (!sameJson(labelsBefore, labelsAfter)) {
    const alike = sameJson(labelsBefore, objectLabels[0]) && sameJson(labelsAfter, objectLabels[1]);
    change(alike ? 'labels' : 'pod labels', `${alike ? 'labels' : 'pod labels'}: ${labelText(labelsBefore)} → ${labelText(labelsAfter)}`, [alike ? 'labels' : 'pod-labels']);
  }

  const a = container(before);
  const b = container(after);
  // Across environments (compare) there is no before and after to pin, unpin or promote: both references in full.
  const image = acrossEnvironments ? undefined : imageChange(a.image, b.image, b.imagePullPolicy);
  if (image !== undefined) causes.push({ kind: 'change', aspect: 'image', message: imageChangeText(image), field: fields.image(b.image), image });
  else if (a.image !== b.image) change('image', `image: ${text(a.image)} → ${text(b.image)}`, fields.image(b.image));
  if (a.imagePullPolicy !== b.imagePullPolicy) change('image pull policy', `image pull policy: ${text(a.imagePullPolicy)} → ${text(b.imagePullPolicy)}`, ['image-pull-policy']);
  if (!sameJson(a.command, b.command)) change('command', `command: ${commandText(a.command)} → ${commandText(b.command)}`, ['cmd']);
  if (!sameJson(a.args, b.args)) change('args', `args: ${commandText(a.args)} → ${commandText(b.args)}`, ['args']);
  if (!sameJson(a.envFrom, b.envFrom)) change('env from', `env from: ${envFromText(a.envFrom)} → ${envFromText(b.envFrom)}`, ['env-from']);
  causes.push(...envChanges(a.env, b.env, fields, showsValue));
  causes.push(...resourceChanges(a.resources, b.resources, fields));
  if (!sameJson(a.ports, b.ports)) change('container port', `container port: ${portsText(a.ports)} → ${portsText(b.ports)}`, ['container-port']);
  causes.push(...volumeChanges(before, after, fields));

  for (const [key, name] of [['readinessProbe', 'readiness'], ['livenessProbe', 'liveness'], ['startupProbe', 'startup']] as const) {
    const [x, y] = [a[key], b[key]];
    if (sameJson(x, y)) continue;
    const how = x === undefined ? 'added' : y === undefined ? 'removed' : 'changed';
    const what = probeText(x) === probeText(y) ? `${probeText(y)}: ${changedPaths(x, y).join(', ')}` : `${probeText(x)} → ${probeText(y)}`;
    change(`${name} probe`, `${name} probe ${how}: ${what}`, [`${name}-probe`]);
  }
  const accounts = [at(before, 'spec.serviceAccountName'), at(after, 'spec.serviceAccountName')];
  if (accounts[0] !== accounts[1]) change('service account', `service account: ${text(accounts[0] ?? "(the namespace's default)")} → ${text(accounts[1] ?? "(the namespace's default)")}`, ['service-account']);
  const priority = [at(before, 'spec.priorityClassName'), at(after, 'spec.priorityClassName')];
  if (priority[0] !== priority[1]) change('priority class', `priority class: ${text(priority[0] ?? "(the cluster's default)")} → ${text(priority[1] ?? "(the cluster's default)")}`, ['priority-class-name']);
  const pullSecrets = [at(before, 'spec.imagePullSecrets'), at(after, 'spec.imagePullSecrets')];
  if (!sameJson(pullSecrets[0], pullSecrets[1])) change('image pull secrets', `image pull secrets: ${namesText(pullSecrets[0])} → ${namesText(pullSecrets[1])}`, ['image-pull-secrets']);
  const annotations = [at(before, 'metadata.annotations'), at(after, 'metadata.annotations')];
  if (!sameJson(annotations[0], annotations[1])) change('pod annotations', `pod annotations: ${labelText(annotations[0])} → ${labelText(annotations[1])}`, ['pod-annotations']);

  const tolerations = [at(before, 'spec.tolerations'), at(after, 'spec.tolerations')];
  if (!sameJson(tolerations[0], tolerations[1])) change('tolerations', `tolerations: ${tolerationsText(tolerations[0])} → ${tolerationsText(tolerations[1])}`, ['tolerations']);
  const selectors = [at(before, 'spec.nodeSelector'), at(after, 'spec.nodeSelector')];
  if (!sameJson(selectors[0], selectors[1])) change('node selector', `node selector: ${labelText(selectors[0])} → ${labelText(selectors[1])}`, ['node-selector']);

  const securityChanged =
    !sameJson(a.securityContext, b.securityContext) || ['spec.securityContext', 'spec.automountServiceAccountToken'].some((p) => !sameJson(at(before, p), at(after, p)));
  if (securityChanged) {
    const [was, now] = [securityProfile(before), securityProfile(after)];
    change('security context', was === now ? `security context changed (still ${now})` : `security context (the podSecurity setting): ${was} → ${now}`);
  }

  return { causes, undescribed: changedPaths(before, after, DESCRIBED) };
}

interface Container {
  readonly image?: string;
  readonly imagePullPolicy?: string;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly env?: unknown;
  readonly resources?: unknown;
  readonly ports?: unknown;
  readonly volumeMounts?: unknown;
  readonly securityContext?: unknown;
  readonly envFrom?: unknown;
  readonly readinessProbe?: unknown;
  readonly livenessProbe?: unknown;
  readonly startupProbe?: unknown;
}

function container(template: unknown): Container {
  const containers = at(template, 'spec.containers');
  return Array.isArray(containers) && isRecord(containers[0]) ? (containers[0] as Container) : {};
}

/** Added, removed and changed variables, by name; values only of the variables `showsValue` names. */
function envChanges(before: unknown, after: unknown, fields: ManifestFields, showsValue: (name: string) => boolean): Cause[] {
  const a = envMap(before);
  const b = envMap(after);
  const out: Cause[] = [];
  const shown = (name: string, variable: unknown) => (showsValue(name) ? literalText(variable) : undefined);
  for (const [name, value] of b) {
    const now = shown(name, value);
    if (!a.has(name)) out.push({ kind: 'change', aspect: 'env', message: `env ${name} added${now === undefined ? '' : `: ${now}`}`, field: fields.env(name) });
    else if (!sameJson(a.get(name), value)) out.push({ kind: 'change', aspect: 'env', message: `env ${name}: ${envChangeText(a.get(name), value, showsValue(name))}`, field: fields.env(name) });
  }
  for (const [name, value] of a) {
    const was = shown(name, value);
    if (!b.has(name)) out.push({ kind: 'change', aspect: 'env', message: `env ${name} removed${was === undefined ? '' : ` (was ${was})`}`, field: fields.env(name) });
  }
  const order = [[...a.keys()].filter((n) => b.has(n)), [...b.keys()].filter((n) => a.has(n))];
  if (out.length === 0 && !sameJson(order[0], order[1])) {
    out.push({ kind: 'change', aspect: 'env', message: `env order: ${order[0]!.join(', ')} → ${order[1]!.join(', ')}`, field: ['env'] });
  }
  return out;
}

/**
 * A variable's change: a literal value is not shown (unless `showValues`),
 * but where it comes from is no secret (`from Secret db key password`), so
 * a value moved into a Secret, or a reference to another key, is said.
 */
function envChangeText(before: unknown, after: unknown, showValues: boolean): string {
  const literal = (variable: unknown) => (showValues ? literalText(variable) : 'a literal value (not shown)');
  const [was, now] = [envSource(before), envSource(after)];
  if (was === undefined && now === undefined && !showValues) return 'value changed (not shown)';
  return `${was ?? literal(before)} → ${now ?? literal(after)}`;
}

/** A literal value as JSON (`"etl_pipeline"`; `""` for none); `from …` for a reference. */
function literalText(variable: unknown): string {
  return envSource(variable) ?? JSON.stringify(isRecord(variable) && typeof variable.value === 'string' ? variable.value : '');
}

/** `from Secret db key password`, `from pod field metadata.name`, …; undefined for a literal value. */
function envSource(variable: unknown): string | undefined {
  const from = isRecord(variable) && isRecord(variable.valueFrom) ? variable.valueFrom : undefined;
  if (from === undefined) return undefined;
  const key = (kind: string, ref: Record<string, unknown>) => `from ${kind} ${String(ref.name)} key ${String(ref.key)}${ref.optional === true ? ' (optional)' : ''}`;
  if (isRecord(from.secretKeyRef)) return key('Secret', from.secretKeyRef);
  if (isRecord(from.configMapKeyRef)) return key('ConfigMap', from.configMapKeyRef);
  if (isRecord(from.fieldRef)) return `from pod field ${String(from.fieldRef.fieldPath)}`;
  if (isRecord(from.resourceFieldRef)) {
    const divisor = from.resourceFieldRef.divisor;
    return `from container resource ${String(from.resourceFieldRef.resource)}${divisor === undefined ? '' : ` (divisor ${String(divisor)})`}`;
  }
  return `from ${JSON.stringify(from)}`;
}

function envMap(env: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(env)) for (const v of env) if (isRecord(v)) out.set(String(v.name), { value: v.value, valueFrom: v.valueFrom });
  return out;
}

function resourceChanges(before: unknown, after: unknown, fields: ManifestFields): Cause[] {
  const out: Cause[] = [];
  for (const list of ['requests', 'limits'] as const) {
    const names = [...new Set([...Object.keys(record(at(before, list))), ...Object.keys(record(at(after, list)))])].sort();
    for (const resource of names) {
      const a = record(at(before, list))[resource];
      const b = record(at(after, list))[resource];
      if (a === b) continue;
      const what = `${resource} ${list === 'requests' ? 'request' : 'limit'}`;
      const message = a === undefined ? `${what} ${String(b)} added` : b === undefined ? `${what} ${String(a)} removed` : `${what}: ${String(a)} → ${String(b)}`;
      out.push({ kind: 'change', aspect: 'resources', message, field: fields.resource(list, resource) });
    }
  }
  return out;
}

/** Volumes and their mounts, by volume name. */
function volumeChanges(before: unknown, after: unknown, fields: ManifestFields): Cause[] {
  const a = volumes(before);
  const b = volumes(after);
  const out: Cause[] = [];
  const names = [...new Set([...a.keys(), ...b.keys()])];
  for (const name of names) {
    const x = a.get(name);
    const y = b.get(name);
    if (sameJson(x, y)) continue;
    const message =
      x === undefined ? `volume ${name} added: ${volumeText(y!)}`
      : y === undefined ? `volume ${name} removed (was ${volumeText(x)})`
      : volumeText(x) !== volumeText(y) ? `volume ${name}: ${volumeText(x)} → ${volumeText(y)}`
      : `volume ${name} (${volumeText(y)}): ${changedPaths(x, y).join(', ')} changed`;
    out.push({ kind: 'change', aspect: 'volumes', message, field: fields.volume(name) });
  }
  return out;
}

interface VolumeView {
  readonly volume?: Record<string, unknown>;
  readonly mount?: Record<string, unknown>;
}

function volumes(template: unknown): Map<string, VolumeView> {
  const out = new Map<string, { volume?: Record<string, unknown>; mount?: Record<string, unknown> }>();
  const entry = (name: string) => out.get(name) ?? out.set(name, {}).get(name)!;
  const list = at(template, 'spec.volumes');
  if (Array.isArray(list)) for (const v of list) if (isRecord(v)) entry(String(v.name)).volume = v;
  const mounts = (container(template).volumeMounts ?? []) as unknown[];
  if (Array.isArray(mounts)) for (const m of mounts) if (isRecord(m)) entry(String(m.name)).mount = m;
  return out;
}

/** `secret svc-key at /var/secrets/google (read-only)`. */
function volumeText(v: VolumeView): string {
  const source = v.volume === undefined ? 'no volume' : sourceText(v.volume);
  if (v.mount === undefined) return `${source}, not mounted`;
  const sub = typeof v.mount.subPath === 'string' ? ` (subPath ${v.mount.subPath})` : '';
  return `${source} at ${String(v.mount.mountPath)}${sub}${v.mount.readOnly === true ? ', read-only' : ''}`;
}

function sourceText(volume: Record<string, unknown>): string {
  const kind = Object.keys(volume).find((k) => k !== 'name');
  if (kind === undefined) return 'no source';
  const s = record(volume[kind]);
  const name =
    kind === 'configMap' ? s.name
    : kind === 'secret' ? s.secretName
    : kind === 'persistentVolumeClaim' ? s.claimName
    : kind === 'csi' ? s.driver
    : kind === 'nfs' ? `${String(s.server)}:${String(s.path)}`
    : kind === 'emptyDir' && s.medium === 'Memory' ? 'in memory'
    : undefined;
  return `${kind}${name === undefined ? '' : ` ${String(name)}`}`;
}

/**
 * The Pod Security profile a template meets as rendered: `restricted` runs
 * as non-root with seccomp `RuntimeDefault` and no capabilities, without a
 * service-account token; otherwise `baseline`.
 */
function securityProfile(template: unknown): string {
  const restricted = at(container(template).securityContext, 'runAsNonRoot') === true;
  return restricted ? 'restricted (non-root, seccomp RuntimeDefault, all capabilities dropped, no service-account token)' : 'baseline';
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string {
  return value === undefined ? '(none)' : String(value);
}

/** `[python3 etl.py]`, or `(image default)`. */
function commandText(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return '(image default)';
  return `[${value.map((v) => (/^[\w./:=@-]+$/.test(String(v)) ? String(v) : JSON.stringify(v))).join(' ')}]`;
}

function portsText(ports: unknown): string {
  if (!Array.isArray(ports) || ports.length === 0) return '(none)';
  return ports.map((p) => `${String(record(p).name)} ${String(record(p).containerPort)}`).join(', ');
}

/** `configMap settings, secret creds (prefix DB_)`. */
function envFromText(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return '(none)';
  return value
    .map((e) => {
      const r = record(e);
      const source = isRecord(r.configMapRef) ? `configMap ${String(r.configMapRef.name)}` : isRecord(r.secretRef) ? `secret ${String(r.secretRef.name)}` : 'unknown source';
      return `${source}${r.prefix === undefined ? '' : ` (prefix ${String(r.prefix)})`}`;
    })
    .join(', ');
}

/** `HTTP GET /healthz on http` or `exec`, …; `(none)`. */
function probeText(value: unknown): string {
  if (!isRecord(value)) return '(none)';
  if (isRecord(value.httpGet)) return `HTTP GET ${String(value.httpGet.path ?? '/')} on ${String(value.httpGet.port)}`;
  if (isRecord(value.tcpSocket)) return `TCP ${String(value.tcpSocket.port)}`;
  if (isRecord(value.exec)) return `exec ${commandText(value.exec.command)}`;
  if (isRecord(value.grpc)) return `gRPC ${String(value.grpc.port)}`;
  return 'a probe';
}

function namesText(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return '(none)';
  return value.map((v) => String(record(v).name)).join(', ');
}

function tolerationsText(tolerations: unknown): string {
  if (!Array.isArray(tolerations) || tolerations.length === 0) return '(none)';
  return tolerations
    .map((t) => {
      const r = record(t);
      const what = r.operator === 'Exists' ? `${String(r.key ?? '*')} exists` : `${String(r.key)}=${String(r.value ?? '')}`;
      return `${what}${r.effect === undefined ? '' : `:${String(r.effect)}`}`;
    })
    .join(', ');
}
