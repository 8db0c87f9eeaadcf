/** The workload fields (issue 11), read back from the rendered objects of a valid manifest. */
import type { Settings } from '../../../lib/project-settings';

/** Compares one value; `expectEqual` of valid-check.ts. */
type ExpectEqual = (what: string, actual: unknown, expected: unknown) => void;

const given = (value: unknown): unknown => (value === '' || (Array.isArray(value) && value.length === 0) ? undefined : value);
const map = (value: unknown): Record<string, string> => (value ?? {}) as Record<string, string>;

/**
 * `m` is the manifest as JSON data; `objects` its rendered objects. Checks
 * what the workload fields become, and that nothing is rendered when they are
 * absent.
 */
export function checkWorkloadFieldsReadBack(m: Record<string, any>, objects: any[], settings: Settings, expectEqual: ExpectEqual): void {
  for (const o of objects) {
    const own: Record<string, string> = {};
    if (o.kind === 'Job' && settings.argocd.replaceJobs) own['argocd.argoproj.io/sync-options'] = 'Force=true,Replace=true';
    if (o.kind === 'Mapping') for (const [k, v] of Object.entries(map(o.metadata.annotations))) if (k.startsWith(settings.mapping.portalAnnotationPrefix)) own[k] = v;
    expectEqual(`${o.kind} metadata.annotations`, map(o.metadata.annotations), { ...map(m.annotations), ...own });
    const jobSpec = o.kind === 'Job' ? o.spec : o.kind === 'CronJob' ? o.spec.jobTemplate.spec : undefined;
    if (jobSpec !== undefined) {
      expectEqual('backoff-limit', jobSpec.backoffLimit, m['backoff-limit']);
      expectEqual('active-deadline-seconds', jobSpec.activeDeadlineSeconds, m['active-deadline-seconds']);
    }
    if (o.kind === 'CronJob') {
      expectEqual('concurrency-policy', o.spec.concurrencyPolicy, m['concurrency-policy']);
      expectEqual('suspend', o.spec.suspend, m.suspend);
      expectEqual('starting-deadline-seconds', o.spec.startingDeadlineSeconds, m['starting-deadline-seconds']);
      expectEqual('successful-jobs-history-limit', o.spec.successfulJobsHistoryLimit, m['successful-jobs-history-limit']);
      expectEqual('failed-jobs-history-limit', o.spec.failedJobsHistoryLimit, m['failed-jobs-history-limit']);
      expectEqual('time-zone', o.spec.timeZone, given(m['time-zone']) ?? settings.cronJob.timeZone);
    }
    const template = o.spec?.template ?? o.spec?.jobTemplate?.spec?.template;
    if (template === undefined) continue;
    const pod = template.spec;
    const container = pod.containers[0];
    expectEqual('pod-annotations', map(template.metadata.annotations), map(m['pod-annotations']));
    expectEqual('service-account', pod.serviceAccountName, given(m['service-account']));
    expectEqual('priority-class-name', pod.priorityClassName, given(m['priority-class-name']));
    expectEqual('image-pull-secrets', pod.imagePullSecrets, (given(m['image-pull-secrets']) as string[] | undefined)?.map((name) => ({ name })));
    expectEqual('args', container.args, given(m.args));
    expectEqual('env-from', container.envFrom, given(m['env-from']));
    for (const kind of ['readiness', 'liveness', 'startup']) {
      const probe = given(m[`${kind}-probe`]);
      const expected = typeof probe === 'string' ? { httpGet: { path: probe, port: m['name-port'] } } : probe !== undefined && Object.keys(probe as object).length === 0 ? undefined : storedProbe(probe);
      expectEqual(`${kind}-probe`, container[`${kind}Probe`], expected);
    }
  }
}

/** A probe as the API server stores it: without the omitempty zero values (`initialDelaySeconds: 0`, `httpHeaders: []`). */
function storedProbe(probe: any): unknown {
  if (probe === undefined) return undefined;
  const { initialDelaySeconds, httpGet, ...rest } = probe;
  const headers = httpGet?.httpHeaders;
  return {
    ...rest,
    ...(initialDelaySeconds === undefined || initialDelaySeconds === 0 ? {} : { initialDelaySeconds }),
    ...(httpGet === undefined ? {} : { httpGet: headers !== undefined && headers.length === 0 ? (({ httpHeaders, ...h }) => h)(httpGet) : httpGet }),
  };
}
