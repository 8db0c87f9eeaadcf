import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { ManifestLoader } from '../../lib/manifest/load';
import { taskWarnings } from '../../lib/manifest/warnings';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { diagnostics } from '../support/render';

/** Errors, or when there are none the warnings, of one manifest (image-source tasks: no Dockerfile check). */
function findings(text: string): string[] {
  const loaded = new ManifestLoader(DEFAULT_SETTINGS).load('tasks/t/manifest.json', text);
  if (loaded.task === undefined) return loaded.diagnostics.map(formatDiagnostic);
  return taskWarnings(loaded.task, '/nonexistent', 'tasks/t').map(formatDiagnostic);
}

const job = (fields: string) => `{"labels": "app:x", "type": "job", "name": "x", "image-source": "a:1", ${fields}}`;
// With a readiness probe, after "published" so that positions stay: a published service without one gets a warning of its own.
const service = (published: string) =>
  `{"labels": "app:x", "type": "service", "name": "x", "image-source": "a:1", "name-port": "http", "container-port": 80, "published": {"access": "dev", ${published}}, "readiness-probe": "/healthz"}`;
const at = (position: string, rest: string) => `tasks/t/manifest.json:${position} ${rest}`;

describe('published keys as Emissary and Envoy read them', () => {
  test.each([
    // Envoy's HTTP/1 codec refuses raw spaces and non-ASCII in a request line: such a prefix never matches.
    ['"prefix": "/my app/"', '1:160', 'error: published.prefix: "/my app/" contains " " (U+0020), which a request path never holds as such (clients send it percent-encoded as "%20"); did you mean "/my%20app/"?'],
    ['"prefix": "/café/"', '1:160', 'error: published.prefix: "/café/" contains "é" (U+00E9), which a request path never holds as such (clients send it percent-encoded as "%C3%A9"); did you mean "/caf%C3%A9/"?'],
    ['"prefix": "/a/#top"', '1:160', 'error: published.prefix: "/a/#top" contains "#" (a fragment, which browsers never send), which a request path never holds as such (clients send it percent-encoded as "%23"); did you mean "/a/%23top"?'],
    // RFC 3986 5.2.4 remove_dot_segments: clients never send a "." or ".." segment.
    ['"prefix": "/a/./b/"', '1:160', 'error: published.prefix: "/a/./b/" has a "." or ".." segment, which clients remove before they send a request (RFC 3986 section 5.2.4), so no request path holds it and the prefix never matches; did you mean "/a/b/"?'],
    ['"prefix": "/a/b/.."', '1:160', 'error: published.prefix: "/a/b/.." has a "." or ".." segment, which clients remove before they send a request (RFC 3986 section 5.2.4), so no request path holds it and the prefix never matches; did you mean "/a/"?'],
    ['"prefix": "/a%2/"', '1:160', 'error: published.prefix: "/a%2/" has a "%" that does not start a percent-encoded byte (%XX); write "%25" for a literal "%"'],
    // prefix_rewrite replaces the matched prefix: a rewrite without "/" makes an invalid path.
    ['"prefix": "/a/", "rewrite": "api/"', '1:178', 'error: published.rewrite: must be "" (no rewrite) or start with "/" (found "api/"): it replaces the matched prefix, so the service would receive paths such as "api/page"; did you mean "/api/"?'],
    // Envoy reads a 0 route timeout as "no timeout": the tool's rule, and said so.
    ['"prefix": "/a/", "timeout_ms": 0', '1:181', 'error: published.timeout_ms: is 0, which turns the gateway\'s timeout off (Envoy reads a 0 route timeout as "never time out"); this tool requires a timeout: give milliseconds, e.g. 6000 (the default)'],
  ])('%s is refused', (published, position, message) => {
    expect(findings(service(published))).toEqual([at(position, message)]);
  });

  test.each([
    ['"prefix": "/shop"', '1:160', 'warning: published.prefix: "/shop" is matched as a plain string prefix, so it also matches "/shops", and the rewrite "/" (Emissary\'s default) turns "/shop/page" into "//page"; did you mean "/shop/"?'],
    ['"prefix": "/api/v1", "rewrite": ""', '1:160', 'warning: published.prefix: "/api/v1" is matched as a plain string prefix, so it also matches "/api/v10"; did you mean "/api/v1/"?'],
    ['"prefix": "/app/", "rewrite": "/api"', '1:180', 'warning: published.rewrite: "/api" replaces the prefix "/app/" including its final "/", so "/app/page" reaches the service as "/apipage"; did you mean "/api/"?'],
    ['"prefix": "/app/", "timeout_ms": 30', '1:183', 'warning: published.timeout_ms: 30 is in milliseconds: requests through the gateway fail after 30 ms, less than a second; if you meant 30 seconds, write 30000'],
    // Envoy's HttpConnectionManager stream_idle_timeout (5 min default, unchanged by Emissary's listener) resets a silent stream first.
    ['"prefix": "/app/", "timeout_ms": 900000', '1:183', "warning: published.timeout_ms: 900000 ms is longer than Envoy's stream idle timeout, 300000 ms (the HTTP connection manager's stream_idle_timeout, which Emissary's listener leaves at its default): a response that sends nothing for 5 minutes is cut then, not after 15 minutes; keep the response sending within 5 minutes, or give the Mapping an idle_timeout_ms of at least 900000 with a platform hook (see emissary-ingress/emissary#4789)"],
  ])('%s gets a warning with the likely value', (published, position, message) => {
    expect(findings(service(published))).toEqual([at(position, message)]);
  });

  test('"/app/" with the default rewrite, and "/app/" → "/api/", are fine', () => {
    expect(findings(service('"prefix": "/app/"'))).toEqual([]);
    expect(findings(service('"prefix": "/app/", "rewrite": "/api/", "timeout_ms": 1000'))).toEqual([]);
  });
});

describe('resources: what the API server stores, and likely mistakes', () => {
  test.each([
    // pkg/apis/core/v1 SetDefaults_ResourceList: val.RoundUp(-3).
    ['"cpu-request": "100u"', '1:87', 'error: cpu-request: "100u" is finer than a thousandth; the API server rounds resource amounts up to milli units and would store "1m" (so the cluster would never match the file); write "1m"'],
    ['"cpu-limit": "1.0005"', '1:85', 'error: cpu-limit: "1.0005" is finer than a thousandth; the API server rounds resource amounts up to milli units and would store "1001m" (so the cluster would never match the file); write "1001m"'],
    ['"memory-request": "1.5Ki", "cpu-limit": "2e-4"', '1:112', 'error: cpu-limit: "2e-4" is finer than a thousandth; the API server rounds resource amounts up to milli units and would store "1e-3" (so the cluster would never match the file); write "1e-3"'],
    ['"memory-limit": "500m"', '1:88', 'error: memory-limit: "500m" is less than one byte, so no container could run under it ("m" means milli, a thousandth); did you mean "500Mi" or "500M"?'],
  ])('%s', (fields, position, message) => {
    expect(findings(job(fields))).toEqual([at(position, message)]);
  });

  test.each([
    ['"memory-request": "500m"', '1:90', 'warning: memory-request: "500m" is not a whole number of bytes (the API server accepts it with a "fractional byte value" warning) ("m" means milli, a thousandth); did you mean "500Mi" or "500M"?'],
    // 0.1Gi is 107374182.4 bytes: stored as "107374182400m" (quantity.go CanonicalizeBytes keeps a fraction in DecimalSI).
    ['"memory-request": "0.1Gi"', '1:90', 'warning: memory-request: "107374182400m" is not a whole number of bytes (the API server accepts it with a "fractional byte value" warning); did you mean "107374183" (rounded up to whole bytes) or "103Mi"?'],
    ['"memory-limit": "512"', '1:88', 'warning: memory-limit: "512" is 512 bytes, less than 1Mi; did you mean "512Mi"?'],
    ['"cpu-request": "500"', '1:87', 'warning: cpu-request: "500" is 500 CPU cores, more than a node is likely to have; did you mean "500m" (0.5 of a core)?'],
    ['"cpu-limit": "1Gi"', '1:85', 'warning: cpu-limit: "1Gi" is 1073741824 CPU cores (Ki, Mi, Gi are byte units), more than a node is likely to have; did you mean "1" (1 core)?'],
    ['"cpu-request": "1E"', '1:87', 'warning: cpu-request: "1E" is 1000000000000000000 CPU cores, more than a node is likely to have'],
  ])('%s', (fields, position, message) => {
    expect(findings(job(fields))).toEqual([at(position, message)]);
  });
});

describe('a cron step beyond its field', () => {
  // robfig/cron getRange: a step walks the field's own range, so */90 in minutes keeps minute 0 only (the API server accepts it).
  test.each([
    ['*/90 * * * *', 'warning: schedule: "*/90 * * * *": the step 90 in "*/90" goes beyond the minute range 0-59, so it matches minute 0 only (once per hour at most), not every 90 minutes; for every 90 minutes, write "@every 90m" (counted from the CronJob\'s creation or last run)'],
    ['0 */36 * * *', 'warning: schedule: "0 */36 * * *": the step 36 in "*/36" goes beyond the hour range 0-23, so it matches hour 0 only (once per day at most), not every 36 hours; for every 36 hours, write "@every 36h" (counted from the CronJob\'s creation or last run)'],
  ])('%s', (schedule, message) => {
    expect(findings(job(`"schedule": "${schedule}"`))).toEqual([at('1:84', message)]);
  });

  test('a step within the range is not warned', () => {
    expect(findings(job('"schedule": "*/30 */12 */15 * *"'))).toEqual([]);
  });
});

describe('refused by the tool, and said so', () => {
  // The API server accepts HugePages; kubelet then fails the volume without hugepages-<size> resources, which the format cannot set.
  test('a csi fsType of ""', () => {
    expect(findings(job('"volumes": [{"name": "v", "mountPath": "/v", "csi": {"driver": "d.example.com", "fsType": ""}}]'))).toEqual([
      at('1:162', 'error: volumes[0].csi.fsType: must not be empty (this tool\'s rule: Kubernetes accepts "" and the driver reads it as no file system type; leave fsType out for the driver\'s default)'),
    ]);
  });

  test('an emptyDir of medium HugePages', () => {
    expect(findings(job('"volumes": [{"name": "v", "mountPath": "/v", "emptyDir": {"medium": "HugePages-2Mi"}}]'))).toEqual([
      at('1:140', 'error: volumes[0].emptyDir.medium: "HugePages-2Mi" is refused by this tool: a HugePages volume needs hugepages-<size> requests and limits on the container, which a manifest cannot set (the pod would never start); use "" (node disk) or "Memory"'),
    ]);
  });
});

describe('other likely mistakes', () => {
  test('an emptyDir sizeLimit under 1Mi: warned as plain bytes, not with a unit, and not as a container', () => {
    expect(findings(job('"volumes": [{"name": "v", "mountPath": "/v", "emptyDir": {"sizeLimit": "512"}}]'))).toEqual([
      at('1:143', 'warning: volumes[0].emptyDir.sizeLimit: "512" is 512 bytes, less than 1Mi; did you mean "512Mi"?'),
    ]);
    expect(findings(job('"volumes": [{"name": "v", "mountPath": "/v", "emptyDir": {"sizeLimit": "1000Ki"}}]'))).toEqual([]);
  });

  test('an emptyDir sizeLimit in milli-bytes', () => {
    expect(findings(job('"volumes": [{"name": "v", "mountPath": "/v", "emptyDir": {"sizeLimit": "100m"}}]'))).toEqual([
      at('1:143', 'warning: volumes[0].emptyDir.sizeLimit: "100m" is not a whole number of bytes ("m" means milli, a thousandth); did you mean "100Mi" or "100M"?'),
    ]);
  });

  test('file modes written in octal', () => {
    const volume = (mode: string) => job(`"volumes": [{"name": "v", "mountPath": "/v", "secret": {"secretName": "s", ${mode}}}]`);
    expect(findings(volume('"defaultMode": 644'))).toEqual([at('1:162', 'error: volumes[0].secret.defaultMode: expected a file mode ≤ 511 (0777), found 644: JSON numbers are decimal, so 0644 is written 420; did you mean 420 (0644)?')]);
    expect(findings(volume('"defaultMode": 400'))).toEqual([at('1:162', 'warning: volumes[0].secret.defaultMode: 400 is the file mode 0620 (JSON numbers are decimal); did you mean 256 (0400)?')]);
    expect(findings(volume('"defaultMode": 420, "items": [{"key": "k", "path": "p", "mode": 440}]'))).toEqual([
      at('1:211', 'warning: volumes[0].secret.items[0].mode: 440 is the file mode 0670 (JSON numbers are decimal); did you mean 288 (0440)?'),
    ]);
  });

  test('@every shorter than a minute', () => {
    expect(findings(job('"schedule": "@every 30s"'))).toEqual([
      at('1:84', 'warning: schedule: "@every 30s" starts a new Job every 30 seconds; did you mean minutes or hours, such as "@every 30m"?'),
    ]);
    expect(findings(job('"schedule": "@every 48h"'))).toEqual([]);
  });

  test('$(NAME) and $$ in env values and commands, which Kubernetes expands ($$(NAME) is the escape)', () => {
    expect(findings(job('"env": [{"name": "A", "value": "1"}, {"name": "B", "value": "x$(A)"}, {"name": "C", "value": "pa$$word"}, {"name": "D", "value": "$(D) $(Z)"}], "cmd": ["echo", "$(B)", "$$(A)"]'))).toEqual([
      at('1:132', 'warning: env[1].value: "x$(A)" contains "$(A)", which Kubernetes replaces with the value of A; write "$$(A)" to keep it literally'),
      at('1:165', 'warning: env[2].value: "pa$$word" contains "$$", which Kubernetes turns into "$" (it expands $(NAME) references); write "$$$$" for a literal "$$"'),
      at('1:232', 'warning: cmd[1]: "$(B)" contains "$(B)", which Kubernetes replaces with the value of B; write "$$(B)" to keep it literally'),
    ]);
  });

  test('day-of-month and day-of-week both set: either matches (Friday or the 13th, not Friday the 13th)', () => {
    expect(findings(job('"schedule": "0 0 13 * 5"'))).toEqual([
      at('1:84', 'warning: schedule: "0 0 13 * 5" runs on day-of-month 13 and also on every day-of-week 5: when both are set, cron matches a day that fits either, not both; set one of them to "*" if only one is meant'),
    ]);
    expect(findings(job('"schedule": "0 0 13 * *"'))).toEqual([]);
  });

  test('a program with a space, a built image never pulled, a published service without pods', () => {
    expect(findings(job('"cmd": ["python3 app.py", "--x"]'))).toEqual([
      at('1:80', 'warning: cmd[0]: "python3 app.py" is one argument, so the container would run a program of that whole name; did you mean ["python3","app.py","--x"]?'),
    ]);
    expect(findings('{"labels": "app:x", "type": "job", "name": "x", "image-destination": "a:1", "image-pull-policy": "Never"}').filter((w) => w.includes('pull'))).toEqual([
      at('1:98', 'warning: image-pull-policy: "Never" makes nodes use only an image they already have, but an image-destination is built and pushed to a registry; did you mean "IfNotPresent" or "Always"?'),
    ]);
    expect(findings(service('"prefix": "/a/"').replace('"name-port"', '"replicas": 0, "name-port"'))).toEqual([
      at('1:88', 'warning: replicas: is 0, so the published service has no pod and the gateway answers 503 (no healthy upstream); give at least 1 replica, or remove "published" while it is scaled down'),
    ]);
  });

  test('a negative tolerationSeconds', () => {
    expect(findings(job('"tolerations": [{"key": "k", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": -5}]'))).toEqual([
      at('1:167', 'warning: tolerations[0].tolerationSeconds: -5 is negative, which Kubernetes reads as 0: the pod is evicted as soon as the taint appears; write 0 if that is meant'),
    ]);
  });
});

test('rules that run on invalid values read them defensively', () => {
  expect(diagnostics(job('"volumes": [[]], "tolerations": [{"key": null}]'))).toEqual([
    at('1:84', 'error: volumes[0]: expected an object, found a list'),
    at('1:113', 'error: tolerations[0].key: expected a string, found null'),
  ]);
  expect(
    diagnostics('{"labels": "app:x", "type": "service", "name": "x", "image-source": "a:1", "name-port": "http", "container-port": 80, "published": [null]}'),
  ).toEqual([at('1:132', 'error: published: expected an object, found a list')]);
});

test('rules between fields and list rules come in the same run as field errors', () => {
  expect(
    diagnostics(job('"cpu-request": "2", "cpu-limit": "1", "memory-limit": "5MB", "env": [{"name": "A", "value": 1}, {"name": "A", "value": "2"}], "volumes": [{"name": "v", "mountPath": "/v", "emptyDir": {}, "readOnly": "x"}, {"name": "v", "mountPath": "/w"}], "tolerations": [{"operator": "Exists", "value": "x", "effect": "Bad"}]')),
  ).toEqual([
    at('1:87', 'error: cpu-request: 2 is more than cpu-limit 1; a request must not exceed its limit'),
    at('1:126', 'error: memory-limit: "5MB" is not a Kubernetes quantity (did you mean "5M" or "5Mi"?)'),
    at('1:164', 'error: env[0].value: expected a string, found 1 (write "1" in quotes)'),
    at('1:177', 'error: env[1].name: duplicate environment variable "A" (also at [0]); Kubernetes would keep only the last value, and server-side apply refuses two entries of one name, so this tool refuses it'),
    at('1:271', 'error: volumes[0].readOnly: expected true or false, found "x"'),
    at('1:277', 'error: volumes[1]: has no source; set exactly one of configMap, secret, persistentVolumeClaim, emptyDir, csi, nfs'),
    at('1:286', 'error: volumes[1].name: duplicate volume name "v" (also at [0])'),
    at('1:360', 'error: tolerations[0].value: must be empty when "operator" is "Exists"'),
    at('1:375', 'error: tolerations[0].effect: expected "", "NoSchedule", "PreferNoSchedule" or "NoExecute", found "Bad"'),
  ]);
});
