/**
 * A Mapping `hostname` as Emissary matches it against a request's
 * `:authority` (emissary `python/ambassador/envoy/v3/v3route.py`,
 * `generate_headers` and `hostglob_matches`): "*" matches every host; a
 * leading "*" matches by suffix, a trailing "*" by prefix, anything else
 * exactly. Browsers send host names in lower case, with a port only when it
 * is not the scheme's default, so a name with upper case or spaces never
 * matches.
 */
import { checkDns1123Subdomain } from './kubernetes-names';

/** `undefined` when `hostname` can match requests, else the reason. */
export function checkEmissaryHostname(hostname: string): string | undefined {
  const quoted = JSON.stringify(hostname);
  if (hostname === '*') return undefined;
  const url = /^[a-z]+:\/\/([^/]*)/i.exec(hostname);
  if (url !== null) return `${quoted} is a URL; the setting is a host name: did you mean ${JSON.stringify(url[1].toLowerCase())}?`;
  const port = /:([0-9]+)$/.exec(hostname);
  if (port !== null && (Number(port[1]) < 1 || Number(port[1]) > 65535 || port[1].startsWith('0'))) {
    return `${quoted} has port ${port[1]}; a port is 1-65535`;
  }
  let host = port === null ? hostname : hostname.slice(0, -port[0].length);
  if (host.startsWith('*.')) host = host.slice(2);
  else if (host.endsWith('.*')) host = host.slice(0, -2);
  if (host.includes('*')) {
    return `${quoted} has a "*" that Emissary cannot match: use "*" alone, a leading "*." (any subdomain) or a trailing ".*"`;
  }
  const lower = host.toLowerCase();
  const bad = checkDns1123Subdomain(host);
  if (bad === undefined) return undefined;
  if (checkDns1123Subdomain(lower) === undefined) return `${quoted} must be lower case, as clients send host names; did you mean ${JSON.stringify(hostname.toLowerCase())}?`;
  return `${quoted} is not a host name Emissary can match: it ${bad} (with an optional leading "*." and ":port")`;
}
