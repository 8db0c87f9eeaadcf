import { settingsDiagnostics } from './support/settings';

describe('settings are checked as strictly as the field they land in', () => {
  test.each([
    // pkg/apis/batch/validation validateTimeZone: "Local" is refused, and time.LoadLocation must find the name (case-sensitive).
    ['{"cronJob": {"timeZone": "Local"}}', '1:26 error: cronJob.timeZone: "Local" is not allowed: the API server wants an explicit IANA time zone such as "Europe/Paris" or "UTC"'],
    ['{"cronJob": {"timeZone": "europe/paris"}}', '1:26 error: cronJob.timeZone: "europe/paris" is not an IANA time zone name (did you mean "Europe/Paris"?)'],
    ['{"cronJob": {"timeZone": "Europe/Pariss"}}', '1:26 error: cronJob.timeZone: "Europe/Pariss" is not an IANA time zone name (did you mean "Europe/Paris"?)'],
    ['{"cronJob": {"timeZone": "UTC+2"}}', '1:26 error: cronJob.timeZone: "UTC+2" is not an IANA time zone name (such as "Europe/Paris" or "UTC")'],
    ['{"mapping": {"hostname": "Data.Example.com"}}', '1:26 error: mapping.hostname: "Data.Example.com" must be lower case, as clients send host names; did you mean "data.example.com"?'],
    ['{"mapping": {"hostname": "data.*.com"}}', '1:26 error: mapping.hostname: "data.*.com" has a "*" that Emissary cannot match: use "*" alone, a leading "*." (any subdomain) or a trailing ".*"'],
    ['{"mapping": {"hostname": "https://data.example.com"}}', '1:26 error: mapping.hostname: "https://data.example.com" is a URL; the setting is a host name: did you mean "data.example.com"?'],
    ['{"mapping": {"stickySessionResolver": "My Resolver"}}', '1:39 error: mapping.stickySessionResolver: "My Resolver" must consist of lower-case letters, digits, \'-\' and \'.\', and start and end with a letter or digit'],
    ['{"gcpCredentials": {"keyFile": "keys/key.json"}}', '1:32 error: gcpCredentials.keyFile: "keys/key.json" must consist of letters, digits, \'-\', \'_\' and \'.\' (a Secret key, which is also the file name)'],
    ['{"gcpCredentials": {"mountPath": "/var/secrets/"}}', '1:34 error: gcpCredentials.mountPath: "/var/secrets/" has a trailing or doubled "/"; did you mean "/var/secrets"?'],
    ['{"gcpCredentials": {"mountPath": "/"}}', '1:34 error: gcpCredentials.mountPath: must not be "/": a volume mounted over the root folder hides the whole image'],
  ])('%s', (text, expected) => {
    expect(settingsDiagnostics(text)).toEqual([`datatask.settings.json:${expected}`]);
  });

  test.each(['Europe/Paris', 'UTC', 'America/Argentina/ComodRivadavia', 'US/Eastern', 'Etc/GMT+5'])('time zone %s is accepted', (zone) => {
    expect(settingsDiagnostics(JSON.stringify({ cronJob: { timeZone: zone } }))).toEqual([]);
  });

  test.each(['*', 'data.example.com', '*.example.com', 'data.example.com:8443', 'data.*'])('hostname %s is accepted', (hostname) => {
    expect(settingsDiagnostics(JSON.stringify({ mapping: { hostname } }))).toEqual([]);
  });

  test('diagnostics come in line order', () => {
    expect(settingsDiagnostics('{\n  "podSecurity": "strict",\n  "namespace": "Data"\n}').map((d) => d.slice(0, 27))).toEqual([
      'datatask.settings.json:2:18',
      'datatask.settings.json:3:16',
    ]);
  });
});
