import { diagnostics, settings } from '../support/render';

/** Each error names file, line, column, field, what was expected, what was found. Messages are pinned. */
describe('diagnostics of one manifest', () => {
  test('every problem of a file is reported at once, in position order', () => {
    const text = [
      '{',
      '    "labels": "app:etl",',
      '    "type": "job",',
      '    "name": "etl",',
      '    "imagesource": "x",',
      '    "image-destination": "gcr.io/x/etl:1",',
      '    "memory-limit": "200MB",',
      '    "cpu-request": 0.5,',
      '    "env": [{"name": "A", "value": 5}, {"name": "1B", "value": "x"}],',
      '    "replicas": 2,',
      '    "image-pull-policy": "always",',
      '    "schedule": "0 25 * * *"',
      '}',
    ].join('\n');
    expect(diagnostics(text)).toEqual([
      'tasks/t/manifest.json:5:5 error: imagesource: unknown field (did you mean "image-source"?)',
      'tasks/t/manifest.json:7:21 error: memory-limit: "200MB" is not a Kubernetes quantity (did you mean "200M" or "200Mi"?)',
      'tasks/t/manifest.json:8:20 error: cpu-request: expected a string, found 0.5 (a quantity is a string: write "0.5" for 0.5 cores (the same as "500m"))',
      'tasks/t/manifest.json:9:36 error: env[0].value: expected a string, found 5 (write "5" in quotes)',
      "tasks/t/manifest.json:9:49 error: env[1].name: \"1B\" must consist of letters, digits, '_', '-' and '.', and must not start with a digit",
      'tasks/t/manifest.json:10:17 error: replicas: does not apply to a job (only to: deployment, service)',
      'tasks/t/manifest.json:11:26 error: image-pull-policy: expected "Always", "IfNotPresent" or "Never", found "always" (did you mean "Always"?)',
      'tasks/t/manifest.json:12:17 error: schedule: "0 25 * * *": hour "25" is out of range 0-23',
    ]);
  });

  test('a number or boolean written as a JSON string gets "without quotes"; a number written where a string goes gets "in quotes"', () => {
    const text = '{"labels": "app:x", "type": "service", "name": "x", "image-source": "a:1", "name-port": "http", "container-port": "8080", "replicas": " 2 ", "published": {"prefix": "/x/", "access": "g", "visible": "false", "timeout_ms": "6s"}}';
    expect(diagnostics(text)).toEqual([
      'tasks/t/manifest.json:1:115 error: container-port: expected a number, found "8080" (write 8080 without quotes)',
      'tasks/t/manifest.json:1:135 error: replicas: expected a number, found " 2 " (write 2 without quotes)',
      'tasks/t/manifest.json:1:199 error: published.visible: expected true or false, found "false" (write false without quotes)',
      'tasks/t/manifest.json:1:222 error: published.timeout_ms: expected a number, found "6s"',
    ]);
  });

  const one = (fields: string) => diagnostics(`{"labels": "app:x", "type": "job", "name": "x", ${fields}}`);
  const service = (fields: string) => diagnostics(`{"labels": "app:x", "type": "service", "name": "x", "image-source": "a:1", ${fields}}`);

  test.each([
    ['"image-source": "a:1", "image-destination": "b:1"', '1:93 error: image-destination: cannot be set together with "image-source"; set exactly one of them'],
    ['"cmd": []', '1:1 error: image-source: is required (or "image-destination", for an image built from the task folder)'],
    ['"image-source": "Quay.io/Gilles/Flask"', '1:65 error: image-source: "Quay.io/Gilles/Flask" is not a valid image reference: repository path must be lower case'],
    ['"image-source": "a:1", "cpu-request": "2", "cpu-limit": "1500m"', '1:87 error: cpu-request: 2 is more than cpu-limit 1500m; a request must not exceed its limit'],
    ['"image-source": "a:1", "env": [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}]', '1:118 error: env[1].name: duplicate environment variable "A" (also at [0]); Kubernetes would keep only the last value, and server-side apply refuses two entries of one name, so this tool refuses it'],
    ['"image-source": "a:1", "cmd": "python3 x.py"', '1:79 error: cmd: expected a list, found "python3 x.py" (write the list of arguments: ["python3", "x.py"])'],
    ['"image-source": "a:1", "schedule": "TZ=Europe/Paris 0 5 * * *"', '1:84 error: schedule: "TZ=Europe/Paris 0 5 * * *": a time zone inside the schedule is not allowed; write "0 5 * * *" and set "time-zone" (or the project\'s cronJob.timeZone setting) instead'],
    ['"image-source": "a:1", "published": {"prefix": "/x", "access": "a"}', '1:85 error: published: does not apply to a job (only to: service)'],
    ['"image-source": "a:1", "node-selector": {"bad key!": "v"}', '1:90 error: node-selector["bad key!"]: key "bad key!" must consist of letters, digits, \'-\', \'_\' and \'.\', and start and end with a letter or digit (with an optional DNS prefix and \'/\')'],
    ['"image-source": "a:1", "volumes": [{"name": "v", "mountPath": "/v", "hostPath": {"path": "/"}}]', '1:129 error: volumes[0].hostPath: volume source "hostPath" is not supported by this tool (a data task gets no access to its node); use one of configMap, secret, persistentVolumeClaim, emptyDir, csi, nfs'],
    ['"image-source": "a:1", "volumes": [{"name": "v", "mountPath": "/v", "emptyDir": {}, "secret": {"secretName": "s"}}]', '1:129 error: volumes[0].emptyDir: has 2 sources (secret, emptyDir); set exactly one of configMap, secret, persistentVolumeClaim, emptyDir, csi, nfs'],
    ['"image-source": "a:1", "tolerations": [{"operator": "Exists", "value": "x"}]', '1:120 error: tolerations[0].value: must be empty when "operator" is "Exists"'],
  ])('job with %s', (fields, expected) => {
    expect(one(fields)).toEqual([`tasks/t/manifest.json:${expected}`]);
  });

  test('a cron job name is at most 52 characters', () => {
    expect(diagnostics(`{"labels": "app:x", "type": "job", "name": "${'a'.repeat(53)}", "image-source": "a:1", "schedule": "@daily"}`)).toEqual([
      `tasks/t/manifest.json:1:44 error: name: "${'a'.repeat(53)}" is not valid as a cron job name: it must be at most 52 characters (it has 53)`,
    ]);
  });

  test.each([
    ['"name-port": "HTTP_PORT", "container-port": 70000', [
      "1:89 error: name-port: \"HTTP_PORT\" must consist of lower-case letters, digits and '-'",
      '1:120 error: container-port: expected an integer ≤ 65535, found 70000',
    ]],
    ['"published": {"prefix": "/x"}', ['1:1 error: container-port: is required for a service', '1:1 error: name-port: is required for a service', '1:89 error: published.access: is required unless "bypass_auth" is true (the group given access to the service)']],
    ['"name-port": "http", "container-port": 80, "published": {"prefix": "app", "timeout_ms": "6000", "visible": "yes", "acess": "dev"}', [
      // "access" is required (the misspelt "acess" does not count) in the same run as the other errors.
      '1:132 error: published.access: is required unless "bypass_auth" is true (the group given access to the service)',
      '1:143 error: published.prefix: must start with "/" (found "app")',
      '1:164 error: published.timeout_ms: expected a number, found "6000" (write 6000 without quotes)',
      '1:183 error: published.visible: expected true or false, found "yes"',
      '1:190 error: published.acess: unknown field (did you mean "access"?)',
    ]],
  ])('service with %s', (fields, expected) => {
    expect(service(fields)).toEqual(expected.map((e) => `tasks/t/manifest.json:${e}`));
  });

  test('a service name is a DNS-1035 label', () => {
    expect(diagnostics('{"labels": "app:x", "type": "service", "name": "1app", "image-source": "a:1", "name-port": "http", "container-port": 80}')).toEqual([
      "tasks/t/manifest.json:1:48 error: name: \"1app\" is not valid as a service name: it must consist of lower-case letters, digits and '-', start with a letter and end with a letter or digit",
    ]);
  });

  test.each([
    ['"app=x"', 'labels: "app=x" is not a list of labels: pair "app=x" has no ":" (write key:value)'],
    ['"app:x,app:y"', 'labels: "app:x,app:y" is not a list of labels: key "app" is given twice'],
    ['"app:x,"', 'labels: "app:x," is not a list of labels: has an empty pair (a stray ",")'],
    ['null', 'labels: expected a string, found null'],
  ])('labels %s', (labels, expected) => {
    expect(diagnostics(`{"labels": ${labels}, "type": "job", "name": "x", "image-source": "a:1"}`)).toEqual([`tasks/t/manifest.json:1:12 error: ${expected}`]);
  });

  test('svc-account-secret reserves its volume, mount path and variable', () => {
    expect(one('"image-source": "a:1", "svc-account-secret": "s", "env": [{"name": "GOOGLE_APPLICATION_CREDENTIALS", "value": "x"}], "volumes": [{"name": "google-cloud-key", "mountPath": "/var/secrets/google", "secret": {"secretName": "x"}}]')).toEqual([
      'tasks/t/manifest.json:1:116 error: env[0].name: GOOGLE_APPLICATION_CREDENTIALS is set from svc-account-secret; remove it from env',
      'tasks/t/manifest.json:1:187 error: volumes[0].name: "google-cloud-key" is the volume that mounts svc-account-secret; choose another name',
      'tasks/t/manifest.json:1:220 error: volumes[0].mountPath: "/var/secrets/google" is where svc-account-secret is mounted; choose another path',
    ]);
  });

  test.each([
    ['', '1:1 error: the file is empty; a manifest is a JSON object'],
    ['\ufeff{}', '1:1 error: the file starts with a byte order mark (BOM); save it as UTF-8 without BOM'],
    ['[1, 2]', '1:1 error: a manifest is a JSON object, found a list'],
    ['{"labels": "app:x", "type": "job",}', '1:35 error: invalid JSON: expected a property name in double quotes'],
    ['{"type": "job" "name": "x"}', '1:16 error: invalid JSON: expected ","'],
    ['{"name": "a",\n "name": "b"}', '2:2 error: duplicate key "name" (first at 1:2); JSON readers would silently keep only the last one'],
    ['{"name": "\\ud800"}', '1:10 error: the string contains an unpaired UTF-16 surrogate escape (such as "\\ud800"), which no YAML file can hold'],
    ['{"type": "cronjob"}', '1:1 error: labels: is required'],
  ])('file %j', (text, first) => {
    expect(diagnostics(text)[0]).toBe(`tasks/t/manifest.json:${first}`);
  });

  test('duplicate keys are found at any depth; strings holding quotes and colons are not keys', () => {
    expect(diagnostics('{"type": "job", "name": "x", "labels": "a:b", "image-source": "a:1", "env": [{"name": "A", "value": "1", "value": "2"}]}')).toEqual([
      'tasks/t/manifest.json:1:106 error: duplicate key "value" (first at 1:92); JSON readers would silently keep only the last one',
    ]);
    expect(diagnostics('{"type": "job", "name": "x", "labels": "a:b", "image-source": "a:1", "cmd": ["say \\"a\\": b", "\\\\", ":"]}')).toEqual([]);
  });

  test('"__proto__" is refused as a key at any depth (schema libraries drop it silently)', () => {
    expect(diagnostics('{"__proto__": {"x": 1}, "type": "job", "name": "x", "labels": "a:b", "image-source": "a:1"}')).toEqual([
      'tasks/t/manifest.json:1:2 error: the key "__proto__" is not allowed',
    ]);
    expect(diagnostics('{"type": "job", "name": "x", "labels": "a:b", "image-source": "a:1", "node-selector": {"__proto__": "x"}}')).toEqual([
      'tasks/t/manifest.json:1:88 error: the key "__proto__" is not allowed',
    ]);
  });

  test.each([
    ['"labels": "constructor:x"', '1:63 error: labels: "constructor:x" is not a list of labels: key "constructor" is a key that cdk8s cannot render; choose another name'],
    ['"labels": "a:b", "node-selector": {"constructor": "x"}', '1:88 error: node-selector.constructor: key "constructor" is a key that cdk8s cannot render; choose another name'],
    ['"labels": "a:b", "env": [{"name": "..x", "value": "v"}]', '1:87 error: env[0].name: "..x" must not be "." or start with ".."'],
    ['"labels": "a:b", "volumes": [{"name": "d", "mountPath": "/d", "nfs": {"server": "s", "path": "rel"}}]', '1:146 error: volumes[0].nfs.path: must be an absolute path (found "rel")'],
    ['"labels": "a:b", "volumes": [{"name": "d", "mountPath": "/d", "csi": {"driver": "' + 'a'.repeat(64) + '"}}]', `1:133 error: volumes[0].csi.driver: "${'a'.repeat(64)}" must be at most 63 characters (it has 64)`],
    ['"labels": "a:b", "volumes": [{"name": "d", "mountPath": "/d", "configMap": {"name": "c", "items": [{"key": "k", "path": "..data"}]}}]', '1:173 error: volumes[0].configMap.items[0].path: must be a relative path that does not start with ".." or contain ".."'],
    ['"labels": "a:b", "imag-source": ""', '1:70 error: imag-source: unknown field (did you mean "image-source"?)'],
  ])('refused because the API server or cdk8s would fail: %s', (fields, expected) => {
    expect(diagnostics(`{"type": "job", "name": "x", "image-source": "a:1", ${fields}}`)).toEqual([`tasks/t/manifest.json:${expected}`]);
  });

  test('nfs volumes are refused under the restricted profile', () => {
    const text = '{"type": "job", "name": "x", "image-source": "a:1", "labels": "a:b", "volumes": [{"name": "d", "mountPath": "/d", "nfs": {"server": "s", "path": "/e"}}]}';
    expect(diagnostics(text)).toEqual([]);
    expect(diagnostics(text, settings({ podSecurity: 'restricted' }))).toEqual([
      'tasks/t/manifest.json:1:122 error: volumes[0].nfs: is not allowed by the restricted Pod Security profile (the podSecurity setting); use a persistentVolumeClaim',
    ]);
  });

  test('JSON nested deeper than 64 levels is refused before parsing', () => {
    expect(diagnostics(`${'['.repeat(50000)}${']'.repeat(50000)}`)).toEqual(['tasks/t/manifest.json:1:65 error: the JSON nests deeper than 64 levels; a manifest is a small object']);
  });

  test('a missing or invalid type', () => {
    expect(diagnostics('{"type": "cronjob", "name": "x", "labels": "a:b", "image-source": "a:1"}')).toEqual([
      'tasks/t/manifest.json:1:10 error: type: expected "job", "deployment" or "service", found "cronjob" (a scheduled job is "type": "job" with a "schedule")',
    ]);
    expect(diagnostics('{"name": "x", "labels": "a:b", "image-source": "a:1"}')).toEqual(['tasks/t/manifest.json:1:1 error: type: is required']);
  });

  test('empty top-level values mean absent: "" [] {}', () => {
    expect(diagnostics('{"type": "job", "name": "x", "labels": "a:b", "image-source": "", "image-destination": "a:1", "schedule": "", "published": {}, "env": [], "replicas": 1}')).toEqual([
      'tasks/t/manifest.json:1:151 error: replicas: does not apply to a job (only to: deployment, service)',
    ]);
  });

  test('$schema is allowed and ignored', () => {
    expect(diagnostics('{"$schema": "../manifest.schema.json", "type": "job", "name": "x", "labels": "a:b", "image-source": "a:1"}')).toEqual([]);
  });
});
