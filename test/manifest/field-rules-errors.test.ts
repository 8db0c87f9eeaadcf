import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { crossTaskDiagnostics } from '../../lib/manifest/cross-task';
import { entryOfTask } from '../../lib/manifest/cross-task-entry';
import { ManifestLoader } from '../../lib/manifest/load';
import { taskWarnings } from '../../lib/manifest/warnings';
import { shortestCronInterval } from '../../lib/validation/cron-interval';
import { checkTimeZone } from '../../lib/validation/time-zone';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { diagnostics, settings } from '../support/render';

/**
 * The rules of the workload fields (issue 11), each a located error with its
 * message pinned. The rules follow kubernetes pkg/apis/core/validation
 * (validateEnvVarValueFrom, validEnvDownwardAPIFieldPathExpressions,
 * validateProbe, validateHandler, validateContainers), pkg/apis/batch/validation
 * (validateJobSpec, validateCronJobSpec, validateTimeZone) and apimachinery
 * ValidateAnnotations.
 */
const JOB = '{"labels": "app:x", "type": "job", "name": "x", "image-source": "a:1", ';
const CRON = '{"labels": "app:x", "type": "job", "name": "x", "image-source": "a:1", "schedule": "*/10 * * * *", ';
const SERVICE = '{"labels": "app:x", "type": "service", "name": "x", "image-source": "a:1", "name-port": "http", "container-port": 80, ';
const DEPLOYMENT = '{"labels": "app:x", "type": "deployment", "name": "x", "image-source": "a:1", ';

/** The diagnostics of `prefix + fields + "}"`, with the column of each relative to where `fields` starts (1 = its first character). */
function relative(prefix: string, fields: string, s = DEFAULT_SETTINGS): string[] {
  return diagnostics(`${prefix}${fields}}`, s).map((d) =>
    d.replace(/^tasks\/t\/manifest\.json:1:(\d+) /, (_, column: string) => `${Number(column) - prefix.length}: `),
  );
}

test('every problem of the workload fields is reported at once, the rules between fields beside the fields\' own', () => {
  const text = [
    '{',
    '  "labels": "app:web",',
    '  "type": "service",',
    '  "name": "web",',
    '  "image-source": "nginx:1.25",',
    '  "name-port": "http",',
    '  "container-port": 80,',
    '  "readiness-probe": {"httpGet": {"path": "/", "port": "web"}, "timeoutSecond": 5},',
    '  "liveness-probe": "healthz",',
    '  "env": [{"name": "X", "valueFrom": {"fieldRef": {"fieldPath": "status.phase"}}}],',
    '  "pod-labels": {"app": "other"},',
    '  "annotations": {"portal.datatask.io/icon": "x"},',
    '  "backoff-limit": 1',
    '}',
  ].join('\n');
  expect(diagnostics(text).map((d) => d.replace(/([:;]) (use one of|keys under) .*$/, '$1 $2 …'))).toEqual([
    'tasks/t/manifest.json:8:56 error: readiness-probe.httpGet.port: no port is named "web": the container declares only "http" (name-port)',
    'tasks/t/manifest.json:8:64 error: readiness-probe.timeoutSecond: unknown field (did you mean "timeoutSeconds"?)',
    'tasks/t/manifest.json:9:21 error: liveness-probe: must be an absolute path starting with "/" (found "healthz")',
    'tasks/t/manifest.json:10:65 error: env[0].valueFrom.fieldRef.fieldPath: "status.phase" is not a pod field an environment variable can read; use one of …',
    'tasks/t/manifest.json:11:25 error: pod-labels.app: "app" is a label of "labels" (the selector) with the value "web"; a pod label cannot give it another value',
    'tasks/t/manifest.json:12:46 error: annotations["portal.datatask.io/icon"]: keys under …',
    'tasks/t/manifest.json:13:20 error: backoff-limit: does not apply to a service (only to: job)',
  ]);
});

describe('env valueFrom and env-from', () => {
  test.each([
    ['{"name": "A"}', '9: error: env[0].value: is required (or "valueFrom", to read the value from a Secret, a ConfigMap or the pod)'],
    ['{"name": "A", "value": "x", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}', '50: error: env[0].valueFrom: cannot be set together with "value"; set exactly one of them'],
    ['{"name": "A", "valueFrom": {}}', '36: error: env[0].valueFrom: has no source; set exactly one of secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef'],
    ['{"name": "A", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}, "fieldRef": {"fieldPath": "metadata.name"}}}', '92: error: env[0].valueFrom.fieldRef: has 2 sources (secretKeyRef, fieldRef); set exactly one of secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef'],
    ['{"name": "A", "valueFrom": {"secretKeyRef": {"name": "S", "key": "a/b"}}}', "62: error: env[0].valueFrom.secretKeyRef.name: \"S\" must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit\n74: error: env[0].valueFrom.secretKeyRef.key: \"a/b\" must consist of letters, digits, '-', '_' and '.'"],
    ['{"name": "A", "valueFrom": {"configMapKeyRef": {"name": "c", "key": ".."}}}', '77: error: env[0].valueFrom.configMapKeyRef.key: ".." must not be "." or ".." or start with ".."'],
    ['{"name": "A", "valueFrom": {"fieldRef": {"fieldPath": "status.podIp"}}}', "63: error: env[0].valueFrom.fieldRef.fieldPath: \"status.podIp\" is not a pod field an environment variable can read; use one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs, metadata.labels['<key>'], metadata.annotations['<key>'] (did you mean \"status.podIP\"?)"],
    ['{"name": "A", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels[\'a b\']"}}}', "63: error: env[0].valueFrom.fieldRef.fieldPath: \"metadata.labels['a b']\": the key \"a b\" must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit (with an optional DNS prefix and '/')"],
    ['{"name": "A", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name", "apiVersion": "v2"}}}', '94: error: env[0].valueFrom.fieldRef.apiVersion: expected "v1", found "v2" (did you mean "v1"?)'],
    ['{"name": "A", "valueFrom": {"resourceFieldRef": {"resource": "limit.cpu"}}}', '70: error: env[0].valueFrom.resourceFieldRef.resource: "limit.cpu" is not a container resource; use one of limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage (did you mean "limits.cpu"?)'],
    ['{"name": "A", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory", "divisor": "1m"}}}', '98: error: env[0].valueFrom.resourceFieldRef.divisor: "1m" is not a divisor of limits.memory; use one of 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei'],
    ['{"name": "A", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "containerName": "main"}}}', '101: error: env[0].valueFrom.resourceFieldRef.containerName: "main" is not a container of this task; its only container is named "x" (or leave containerName out)'],
  ])('env entry %s', (entry, expected) => {
    expect(relative(JOB, `"env": [${entry}]`)).toEqual(expected.split('\n'));
  });

  test.each([
    ['[{"prefix": "P_"}]', '14: error: env-from[0]: has no source; set exactly one of configMapRef, secretRef'],
    ['[{"secretRef": {"name": "s"}, "configMapRef": {"name": "c"}}]', '28: error: env-from[0].secretRef: has 2 sources (configMapRef, secretRef); set exactly one of configMapRef, secretRef'],
    ['[{"secretRef": {"name": "s"}, "prefix": "1_"}]', "53: error: env-from[0].prefix: \"1_\" must consist of letters, digits, '_', '-' and '.', and must not start with a digit"],
  ])('env-from %s', (value, expected) => {
    expect(relative(JOB, `"env-from": ${value}`)).toEqual([expected]);
  });
});

describe('identity, metadata and pod labels', () => {
  test.each([
    ['"service-account": "Etl_Runner"', "20: error: service-account: \"Etl_Runner\" must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit"],
    // ValidatePodSpec: ValidatePriorityClassName (a DNS-1123 subdomain) on a non-empty priorityClassName.
    ['"priority-class-name": "Batch_Low"', "24: error: priority-class-name: \"Batch_Low\" must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit"],
    ['"image-pull-secrets": ["a", "a"]', '29: error: image-pull-secrets[1]: duplicate Secret "a" (also at [0])'],
    ['"image-pull-secrets": ["a", "a", ""]', '29: error: image-pull-secrets[1]: duplicate Secret "a" (also at [0])\n34: error: image-pull-secrets[2]: "" must consist of lower-case letters, digits, \'-\' and \'.\', and start and end with a letter or digit'],
    ['"args": "--x"', '9: error: args: expected a list, found "--x" (write the list of arguments: ["--x"])'],
    ['"annotations": {"portal.datatask.io/icon": "x"}', '44: error: annotations["portal.datatask.io/icon"]: keys under "portal.datatask.io/" are the portal\'s, set from "published"; choose another key'],
    ['"annotations": {"bad key": "x"}', '17: error: annotations["bad key"]: key "bad key" must consist of letters, digits, \'-\', \'_\' and \'.\', and start and end with a letter or digit (with an optional DNS prefix and \'/\')'],
    ['"pod-annotations": {"a": 1}', '26: error: pod-annotations.a: expected a string, found 1 (write "1" in quotes)'],
    ['"pod-labels": {"app": "y"}', '23: error: pod-labels.app: "app" is a label of "labels" (the selector) with the value "x"; a pod label cannot give it another value'],
    ['"pod-labels": {"v": "1.0-"}', "21: error: pod-labels.v: \"1.0-\" must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit"],
  ])('%s', (fields, expected) => {
    expect(relative(JOB, fields)).toEqual(expected.split('\n'));
  });

  test('annotations may take at most 256 KiB, keys and values together', () => {
    expect(relative(JOB, `"annotations": {"a": "${'x'.repeat(256 * 1024)}"}`)).toEqual([
      '16: error: annotations: take 262145 bytes; the API server allows at most 262144 (256 KiB) of annotations per object',
    ]);
    expect(relative(JOB, `"annotations": {"a": "${'x'.repeat(256 * 1024 - 1)}"}`)).toEqual([]);
  });

  test('the 256 KiB are shared with the Mapping\'s portal annotations and a Job\'s Argo CD sync options', () => {
    const big = `"annotations": {"a": "${'x'.repeat(256 * 1024 - 51)}"}`;
    expect(relative(`${SERVICE}"published": {"access": "dev", "prefix": "/x/"}, `, big)).toEqual([
      '16: error: annotations: take 262094 bytes, 262196 with the 102 bytes of the Mapping\'s portal annotations; the API server allows at most 262144 (256 KiB) of annotations per object',
    ]);
    expect(relative(SERVICE, big)).toEqual([]);
    expect(relative(JOB, big, settings({ argocd: { replaceJobs: true } }))).toEqual([
      '16: error: annotations: take 262094 bytes, 262148 with the 54 bytes of the Job\'s Argo CD sync options; the API server allows at most 262144 (256 KiB) of annotations per object',
    ]);
  });

  test('with argocd.replaceJobs, a Job\'s annotations may not set its sync options', () => {
    expect(relative(JOB, '"annotations": {"argocd.argoproj.io/sync-options": "Prune=false"}', settings({ argocd: { replaceJobs: true } }))).toEqual([
      '52: error: annotations["argocd.argoproj.io/sync-options"]: is set on Jobs by the argocd.replaceJobs setting; remove it here',
    ]);
  });

  test('pod-labels that make another task\'s selector match its pods are a cross-task error', () => {
    const loader = new ManifestLoader(DEFAULT_SETTINGS);
    const load = (file: string, text: string) => {
      const loaded = loader.load(file, text);
      if (loaded.task === undefined) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
      return loaded.task;
    };
    const web = load('tasks/web/manifest.json', `${SERVICE.replace('"app:x"', '"app:web"').replace('"name": "x"', '"name": "web"')}"replicas": 1}`);
    const worker = load('tasks/worker/manifest.json', `${JOB.replace('"app:x"', '"tier:batch"')}"pod-labels": {"app": "web"}}`);
    const found = crossTaskDiagnostics([entryOfTask(web), entryOfTask(worker)], DEFAULT_SETTINGS);
    expect(found.map(formatDiagnostic)).toEqual([
      'tasks/web/manifest.json:1:12 error: labels: selector app=web also matches the pods of task "x"; add a label that tells them apart',
    ]);
    // The related location is the other task's pod-labels.
    expect(found[0].related?.map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`)).toEqual(['tasks/worker/manifest.json:1:91 the pod-labels of task "x"']);
  });
});

describe('probes', () => {
  test.each([
    [SERVICE, '"readiness-probe": "healthz"', '20: error: readiness-probe: must be an absolute path starting with "/" (found "healthz")'],
    [SERVICE, '"readiness-probe": 5', '20: error: readiness-probe: expected a string or an object, found 5'],
    [SERVICE, '"readiness-probe": {"periodSeconds": 10}', '20: error: readiness-probe: has no handler; set exactly one of httpGet, tcpSocket, exec, grpc'],
    [SERVICE, '"readiness-probe": {"tcpSocket": {"port": 80}, "exec": {"command": ["true"]}}', '56: error: readiness-probe.exec: has 2 handlers (tcpSocket, exec); set exactly one of httpGet, tcpSocket, exec, grpc'],
    [SERVICE, '"readiness-probe": {"httpGet": {"port": "web"}}', '41: error: readiness-probe.httpGet.port: no port is named "web": the container declares only "http" (name-port)'],
    [SERVICE, '"readiness-probe": {"httpGet": {"path": "/x", "port": 70000}}', '55: error: readiness-probe.httpGet.port: expected an integer ≤ 65535, found 70000'],
    [SERVICE, '"readiness-probe": {"httpGet": {"path": "x", "port": 80}}', '41: error: readiness-probe.httpGet.path: must be an absolute path starting with "/" (found "x")'],
    [SERVICE, '"readiness-probe": {"httpGet": {"port": 80}, "periodSecond": 5}', '46: error: readiness-probe.periodSecond: unknown field (did you mean "periodSeconds"?)'],
    [SERVICE, '"readiness-probe": {"exec": {"command": []}}', '41: error: readiness-probe.exec.command: must not be empty (a list of at least one item)'],
    [SERVICE, '"readiness-probe": {"exec": {"command": ["true"]}, "timeoutSeconds": 0}', '70: error: readiness-probe.timeoutSeconds: expected an integer ≥ 1, found 0'],
    [SERVICE, '"readiness-probe": {"exec": {"command": ["true"]}, "terminationGracePeriodSeconds": 5}', '85: error: readiness-probe.terminationGracePeriodSeconds: applies only to liveness and startup probes (a failed readiness probe does not restart the container)'],
    [SERVICE, '"liveness-probe": {"tcpSocket": {"port": "http"}, "successThreshold": 2}', '71: error: liveness-probe.successThreshold: must be 1 for a liveness probe, found 2'],
    [SERVICE, '"startup-probe": {"grpc": {"port": "http"}}', '36: error: startup-probe.grpc.port: expected a number, found "http"'],
    [DEPLOYMENT, '"readiness-probe": "/healthz"', '20: error: readiness-probe: the "/path" shorthand is for a service (it probes "name-port"); on a deployment write a Probe object, such as {"httpGet": {"path": "/healthz", "port": 8080}}'],
    [DEPLOYMENT, '"liveness-probe": {"tcpSocket": {"port": "http"}}', '42: error: liveness-probe.tcpSocket.port: no port is named "http": the container declares no named port; use a port number'],
    [JOB, '"readiness-probe": "/healthz"', '20: error: readiness-probe: does not apply to a job (only to: deployment, service)'],
  ])('%s%s', (prefix, fields, expected) => {
    expect(relative(prefix, fields)).toEqual([expected]);
  });
});

describe('job and cron job fields', () => {
  test.each([
    [JOB, '"backoff-limit": -1', '18: error: backoff-limit: expected an integer ≥ 0, found -1'],
    [JOB, '"active-deadline-seconds": 0', '28: error: active-deadline-seconds: expected an integer ≥ 1, found 0'],
    // z.int() has its own safe-integer maximum: a huge number breaks both bounds, and only the tightest is said.
    [JOB, '"backoff-limit": 1e20', '18: error: backoff-limit: expected an integer ≤ 2147483647, found 100000000000000000000'],
    [JOB, '"active-deadline-seconds": 1e20', '28: error: active-deadline-seconds: expected an integer ≤ 9007199254740991, found 100000000000000000000'],
    [JOB, '"concurrency-policy": "Forbid"', '23: error: concurrency-policy: applies only to a cron job (a job with a "schedule")'],
    [JOB, '"suspend": true', '12: error: suspend: applies only to a cron job (a job with a "schedule")'],
    [SERVICE, '"backoff-limit": 1', '18: error: backoff-limit: does not apply to a service (only to: job)'],
    [CRON, '"concurrency-policy": "forbid"', '23: error: concurrency-policy: expected "Allow", "Forbid" or "Replace", found "forbid" (did you mean "Forbid"?)'],
    [CRON, '"suspend": "true"', '12: error: suspend: expected true or false, found "true" (write true without quotes)'],
    [CRON, '"starting-deadline-seconds": -5', '30: error: starting-deadline-seconds: expected an integer ≥ 0, found -5'],
    [CRON, '"successful-jobs-history-limit": 1.5', '34: error: successful-jobs-history-limit: expected an integer, found 1.5'],
    [CRON, '"time-zone": "Local"', '14: error: time-zone: "Local" is not allowed: the API server wants an explicit IANA time zone such as "Europe/Paris" or "UTC"'],
    [CRON, '"time-zone": "europe/paris"', '14: error: time-zone: "europe/paris" is not an IANA time zone name (did you mean "Europe/Paris"?)'],
    [CRON, '"time-zone": "Europe/Pariss"', '14: error: time-zone: "Europe/Pariss" is not an IANA time zone name (did you mean "Europe/Paris"?)'],
    // pkg/registry/batch/job/strategy.go generateSelector: the selector is the Job's uid under these keys.
    [JOB, '"pod-labels": {"controller-uid": "1"}', '34: error: pod-labels.controller-uid: "controller-uid" is the label a Job selects its pods by: the API server sets it to the Job\'s uid, which no value written here matches, so the API server refuses the Job (its selector does not match its pod labels); remove it'],
    [CRON, '"pod-labels": {"batch.kubernetes.io/controller-uid": "1"}', '54: error: pod-labels["batch.kubernetes.io/controller-uid"]: "batch.kubernetes.io/controller-uid" is the label a Job selects its pods by: the API server sets it to the Job\'s uid, which no value written here matches, so the API server refuses every Job the CronJob creates (its selector does not match its pod labels); remove it'],
    [CRON, '"time-zone": "PST"', '14: error: time-zone: "PST" is not an IANA time zone name (did you mean "America/Los_Angeles"?)'],
  ])('%s%s', (prefix, fields, expected) => {
    expect(relative(prefix, fields)).toEqual([expected]);
  });
});

describe('warnings', () => {
  const warnings = (text: string): string[] => {
    const loaded = new ManifestLoader(DEFAULT_SETTINGS).load('tasks/t/manifest.json', text);
    if (loaded.task === undefined) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
    return taskWarnings(loaded.task, 'tasks/t', 'tasks/t').map(formatDiagnostic);
  };

  test('a published service without a readiness probe', () => {
    const published = `${SERVICE}"published": {"access": "dev", "prefix": "/x/"}`;
    expect(warnings(`${published}}`)).toEqual([
      `tasks/t/manifest.json:1:${SERVICE.length + 14} warning: published: a published service without a readiness-probe gets requests as soon as its container starts, before the application listens; add "readiness-probe": "/healthz" (a path your application answers with a 2xx or 3xx status)`,
    ]);
    expect(warnings(`${published}, "readiness-probe": "/healthz"}`)).toEqual([]);
    expect(warnings(`${SERVICE}"container-port": 81}`.replace('"container-port": 80, ', ''))).toEqual([]);
  });

  test('a secret-like literal env value says how to use valueFrom; a valueFrom does not warn', () => {
    expect(warnings(`${JOB}"env": [{"name": "API_TOKEN", "value": "abc"}]}`)).toEqual([
      `tasks/t/manifest.json:1:${JOB.length + 40} warning: env[0].value: API_TOKEN looks like a secret, and its value is written in plain text into git and the cluster; keep secrets in a Secret and read it with "valueFrom": {"secretKeyRef": {"name": "<secret>", "key": "<key>"}} instead of "value"`,
    ]);
    expect(warnings(`${JOB}"env": [{"name": "API_TOKEN", "valueFrom": {"secretKeyRef": {"name": "api", "key": "token"}}}]}`)).toEqual([]);
  });

  test('a cron job deadline longer than the schedule\'s shortest interval while runs may overlap', () => {
    const message = (policy: string) =>
      `tasks/t/manifest.json:1:${CRON.length + 28} warning: active-deadline-seconds: 900 seconds is longer than the 600 seconds between runs of "*/10 * * * *", and concurrency-policy ${policy}, so runs may overlap; set "concurrency-policy": "Forbid" (or "Replace"), or a deadline of at most 600`;
    expect(warnings(`${CRON}"active-deadline-seconds": 900}`)).toEqual([message('is not set (Allow)')]);
    expect(warnings(`${CRON}"active-deadline-seconds": 900, "concurrency-policy": "Allow"}`)).toEqual([message('is "Allow"')]);
    expect(warnings(`${CRON}"active-deadline-seconds": 900, "concurrency-policy": "Forbid"}`)).toEqual([]);
    expect(warnings(`${CRON}"active-deadline-seconds": 600}`)).toEqual([]);
    expect(warnings(`${CRON.replace('*/10 * * * *', '@every 1h')}"active-deadline-seconds": 7200}`).map((w) => w.replace(/^.* warning: /, ''))).toEqual([
      'active-deadline-seconds: 7200 seconds is longer than the 3600 seconds between runs of "@every 1h", and concurrency-policy is not set (Allow), so runs may overlap; set "concurrency-policy": "Forbid" (or "Replace"), or a deadline of at most 3600',
    ]);
  });

  test('$(NAME) in args, which Kubernetes expands as in cmd', () => {
    expect(warnings(`${JOB}"env": [{"name": "A", "value": "1"}], "args": ["--a=$(A)"]}`)).toEqual([
      `tasks/t/manifest.json:1:${JOB.length + 48} warning: args[0]: "--a=$(A)" contains "$(A)", which Kubernetes replaces with the value of A; write "$$(A)" to keep it literally`,
    ]);
  });

  test('a starting deadline under the controller\'s 10-second period', () => {
    expect(warnings(`${CRON}"starting-deadline-seconds": 5}`)).toEqual([
      `tasks/t/manifest.json:1:${CRON.length + 30} warning: starting-deadline-seconds: 5 seconds is shorter than the CronJob controller's 10-second check, so runs may be skipped; use at least 10`,
    ]);
  });
});

describe('validation helpers', () => {
  test.each([
    ['*/10 * * * *', 600],
    ['@hourly', 3600],
    ['0 5 * * *', 86400],
    ['0,30 9-17 * * 1-5', 1800],
    ['0 22 * * 1-5', 86400],
    ['0 0 * * 0', 7 * 86400],
    ['0 0 1 1 *', 365 * 86400],
    ['0 0 1,15 * 1', 86400], // day-of-month OR day-of-week when both are restricted (robfig/cron)
    ['59 23 31 12 *', 365 * 86400],
    ['0 0 29 2 *', 4 * 365 * 86400 + 86400],
    ['@every 1h30m', 5400],
    ['@every 500ms', 1],
  ])('shortest interval of %s is %i s', (schedule, seconds) => {
    expect(shortestCronInterval(schedule)).toBe(seconds);
  });

  test.each(['UTC', 'Etc/UTC', 'Europe/Paris', 'US/Eastern', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'EST5EDT'])('%s is a time zone', (zone) => {
    expect(checkTimeZone(zone)).toBeUndefined();
  });

  test('a 100,000-character zone is refused at once (the "did you mean" skips names that cannot be close)', () => {
    const start = performance.now();
    expect(checkTimeZone('x'.repeat(100_000))).toMatch(/is not an IANA time zone name \(such as "Europe\/Paris" or "UTC"\)$/);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  test.each(['', 'local', 'IST', 'Europe/Paris ', 'Mars/Olympus', '+01:00'])('%j is not', (zone) => {
    expect(checkTimeZone(zone)).toEqual(expect.any(String));
  });
});
