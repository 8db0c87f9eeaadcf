/**
 * Property 1, valid manifests: {@link checkValidCase}, and the check that
 * the manifest's values read back from the rendered objects.
 */
import { formatDiagnostic } from '../../../lib/diagnostics/diagnostic';
import type { Settings } from '../../../lib/project-settings';
import { checkWorkloadFieldsReadBack } from './workload-fields-check';
import { checkWarnings } from './hostile-check';
import { loaderFor, MANIFEST_FILE } from './loaders';
import { quantityNanos } from './quantities';
import { checkRendering, firstDifference } from './rendering-check';
import type { ValidCase } from './valid-case';
import { type SchemaValidator, violation } from './violation';

const KINDS: Record<ValidCase['shape'], readonly string[]> = {
  job: ['Job'],
  'cron-job': ['CronJob'],
  deployment: ['Deployment'],
  service: ['Service', 'Deployment'],
  'published-service': ['Service', 'Deployment', 'Mapping'],
};

const expectEqual = (what: string, actual: unknown, expected: unknown): void => {
  const d = firstDifference(actual, expected);
  if (d !== undefined) violation(`${what} does not read back as given: ${d} (output vs manifest)`);
};

/**
 * A volume source as the API server stores it: without `items: []`,
 * `medium: ""`, non-pointer `readOnly: false` (persistentVolumeClaim, nfs)
 * and an empty `volumeAttributes`.
 */
function withoutZeroValues(source: Record<string, any>): Record<string, any> {
  const [[kind, spec]] = Object.entries(source);
  const kept = Object.entries(spec as Record<string, unknown>).filter(([k, v]) => {
    if (Array.isArray(v) && v.length === 0) return false;
    if (k === 'medium' && v === '') return false;
    if (k === 'readOnly' && v === false && kind !== 'csi') return false;
    return !(k === 'volumeAttributes' && Object.keys(v as object).length === 0);
  });
  return { [kind]: Object.fromEntries(kept) };
}

/** The manifest's values, read back from the rendered objects. */
function checkReadBack(c: ValidCase, settings: Settings, objects: any[]): void {
  // What the file says, as plain JSON data (the generators may build null-prototype objects).
  const m = JSON.parse(c.text) as Record<string, any>;
  const kinds = objects.map((o) => o.kind);
  expectEqual('the kinds', kinds, KINDS[c.shape]);
  const namespace = m.namespace === undefined || m.namespace === '' ? settings.namespace : m.namespace;
  for (const o of objects) {
    expectEqual(`${o.kind} metadata.name`, o.metadata.name, m.name);
    expectEqual(`${o.kind} metadata.namespace`, o.metadata.namespace, namespace);
    expectEqual(`${o.kind} metadata.labels`, o.metadata.labels, c.labels);
  }
  const secret = m['svc-account-secret'] === '' ? undefined : m['svc-account-secret'];
  for (const o of objects) {
    const template = o.spec?.template ?? o.spec?.jobTemplate?.spec?.template;
    if (template === undefined) continue;
    expectEqual(`${o.kind} pod template labels`, template.metadata.labels, { ...(m['pod-labels'] ?? {}), ...c.labels });
    if (o.kind === 'Deployment') {
      expectEqual('Deployment selector', o.spec.selector.matchLabels, c.labels);
      expectEqual('Deployment replicas', o.spec.replicas, m.replicas ?? 1);
    }
    const pod = template.spec;
    const container = pod.containers[0];
    expectEqual('container name', container.name, m.name);
    expectEqual('image', container.image, m['image-source'] || m['image-destination']);
    expectEqual('image-pull-policy', container.imagePullPolicy, m['image-pull-policy'] ?? 'Always');
    // The API server drops omitempty zero values, so the file must not hold them (stored-object-rules.ts).
    const env = (m.env ?? []).map((e: any) => (e.value === '' ? { name: e.name } : e));
    if (secret !== undefined) env.push({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: `${settings.gcpCredentials.mountPath}/${settings.gcpCredentials.keyFile}` });
    expectEqual('env', container.env ?? [], env);
    expectEqual('cmd', container.command ?? [], m.cmd ?? []);
    expectEqual('node-selector', pod.nodeSelector ?? {}, m['node-selector'] ?? {});
    const tolerations = (m.tolerations ?? []).map((t: any) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== '')));
    expectEqual('tolerations', pod.tolerations ?? [], tolerations);
    for (const [resource, list] of [['cpu', 'requests'], ['memory', 'requests'], ['cpu', 'limits'], ['memory', 'limits']] as const) {
      const given = m[`${resource}-${list === 'requests' ? 'request' : 'limit'}`];
      const out = container.resources?.[list]?.[resource];
      if ((given === undefined || given === '') !== (out === undefined)) violation(`${resource} ${list}: given ${JSON.stringify(given)}, rendered ${JSON.stringify(out)}`);
      if (out !== undefined && quantityNanos(String(out)) !== quantityNanos(given)) {
        violation(`${resource} ${list}: ${JSON.stringify(given)} was rendered as ${JSON.stringify(out)}, a different value`);
      }
    }
    const volumes = (m.volumes ?? []).map((v: any) => {
      const { name, mountPath, readOnly, subPath, ...source } = v;
      return { mount: { name, mountPath, readOnly: readOnly || undefined, subPath: subPath || undefined }, volume: { name, ...withoutZeroValues(source) } };
    });
    const mounts = volumes.map((v: any) => JSON.parse(JSON.stringify(v.mount)));
    const podVolumes = volumes.map((v: any) => v.volume);
    if (secret !== undefined) {
      mounts.push({ name: settings.gcpCredentials.volumeName, mountPath: settings.gcpCredentials.mountPath, readOnly: true });
      podVolumes.push({ name: settings.gcpCredentials.volumeName, secret: { secretName: secret } });
    }
    expectEqual('volume mounts', container.volumeMounts ?? [], mounts);
    // emptyDir.sizeLimit is canonicalized: compare its value.
    const outVolumes = (pod.volumes ?? []).map((v: any) => {
      if (v.emptyDir?.sizeLimit === undefined) return v;
      return { ...v, emptyDir: { ...v.emptyDir, sizeLimit: String(quantityNanos(String(v.emptyDir.sizeLimit))) } };
    });
    const givenVolumes = podVolumes.map((v: any) => {
      if (v.emptyDir?.sizeLimit === undefined) return v;
      return { ...v, emptyDir: { ...v.emptyDir, sizeLimit: String(quantityNanos(v.emptyDir.sizeLimit)) } };
    });
    expectEqual('volumes', outVolumes, givenVolumes);
    if (o.kind === 'CronJob') {
      expectEqual('schedule', o.spec.schedule, m.schedule);
    }
  }
  if (m.type === 'service') {
    const service = objects.find((o) => o.kind === 'Service');
    expectEqual('Service port', service.spec.ports, [{ name: m['name-port'], port: m['container-port'], targetPort: m['name-port'] }]);
    expectEqual('Service selector', service.spec.selector, c.labels);
  }
  checkWorkloadFieldsReadBack(m, objects, settings, expectEqual);
  const mapping = objects.find((o) => o.kind === 'Mapping');
  if (mapping !== undefined) {
    const p = m.published;
    const prefix = settings.mapping.portalAnnotationPrefix;
    expectEqual('Mapping prefix', mapping.spec.prefix, p.prefix);
    expectEqual('Mapping rewrite', mapping.spec.rewrite, p.rewrite);
    expectEqual('Mapping timeout_ms', mapping.spec.timeout_ms, p.timeout_ms ?? 6000);
    expectEqual('Mapping access', mapping.spec.auth_context_extensions?.access, p.bypass_auth === true ? undefined : p.access);
    expectEqual('Mapping service', mapping.spec.service, `${m.name}.${namespace}:${m['container-port']}`);
    expectEqual('portal annotations', mapping.metadata.annotations, {
      ...(m.annotations ?? {}),
      [`${prefix}displayed-name`]: p.displayed_name ?? m.name,
      [`${prefix}icon`]: p.icon ?? 'import_contacts',
      [`${prefix}visible`]: String(p.visible ?? true),
    });
  }
}

/**
 * Property 1: a valid manifest, with any settings, loads with no error
 * diagnostic, renders into objects that pass every check, and its values
 * read back as given.
 */
export function checkValidCase(c: ValidCase, settings: Settings, validate?: SchemaValidator): void {
  let result;
  try {
    result = loaderFor(settings).load(MANIFEST_FILE, c.text);
  } catch (e) {
    return violation(`ManifestLoader.load threw on a valid manifest: ${(e as Error).stack ?? String(e)}`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.task === undefined) {
    violation(`a valid manifest was refused:\n  ${errors.map(formatDiagnostic).join('\n  ') || '(no diagnostic)'}`);
  }
  checkWarnings(result.task!, 'a valid manifest');
  const objects = checkRendering(result.task!.task, settings, validate);
  checkReadBack(c, settings, objects);
}
