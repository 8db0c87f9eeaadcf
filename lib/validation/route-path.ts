/**
 * URL paths as an Emissary Mapping's `prefix` and `rewrite` use them.
 *
 * Emissary hands `prefix` to Envoy as a route `match.prefix` (a plain string
 * prefix of the request's `:path`, compared byte for byte, case-sensitive) and
 * `rewrite` as `route.prefix_rewrite`, which replaces exactly the matched
 * prefix (emissary `python/ambassador/envoy/v3/v3route.py`; Envoy
 * `config.route.v3.RouteMatch.prefix`, `RouteAction.prefix_rewrite`).
 * Requests carry their path percent-encoded (RFC 3986 section 3.3), and
 * Envoy's HTTP/1 codec refuses a request line with spaces, controls or
 * non-ASCII bytes, so a prefix holding such a character never matches.
 */

/** RFC 3986 `pchar` plus "/" and "?" (a `:path` holds the query too). */
const PATH_CHARACTER = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;

/**
 * `undefined` when `path` can be matched literally against a request's
 * path, else the reason with the likely intended value.
 */
export function checkRoutePath(path: string): string | undefined {
  for (const ch of path) {
    if (PATH_CHARACTER.test(ch)) continue;
    const encoded = encodeURIComponent(ch);
    const what = ch === '#' ? '"#" (a fragment, which browsers never send)' : /^[\x21-\x7e]$/.test(ch) ? `"${ch}"` : `${JSON.stringify(ch)} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
    const fixed = [...path].map((c) => (PATH_CHARACTER.test(c) ? c : encodeURIComponent(c))).join('');
    return `${JSON.stringify(path)} contains ${what}, which a request path never holds as such (clients send it percent-encoded as "${encoded}"); did you mean ${JSON.stringify(fixed)}?`;
  }
  const bad = /%(?![0-9A-Fa-f]{2})/.exec(path);
  if (bad !== null) return `${JSON.stringify(path)} has a "%" that does not start a percent-encoded byte (%XX); write "%25" for a literal "%"`;
  return undefined;
}

/**
 * `undefined` unless `prefix` holds a "." or ".." segment. Clients remove
 * dot segments before they send a request (RFC 3986 section 5.2.4; the
 * WHATWG URL parser of browsers; curl without --path-as-is), so a request
 * path never holds one and such a prefix never matches. The likely intended
 * value is the prefix with its dot segments removed.
 */
export function checkPrefixDotSegments(prefix: string): string | undefined {
  const segments = prefix.split('/');
  if (!segments.some((s) => s === '.' || s === '..')) return undefined;
  const kept: string[] = [];
  segments.forEach((s, i) => {
    const last = i === segments.length - 1;
    if (s === '.' || s === '..') {
      if (s === '..' && kept.length > 1) kept.pop();
      if (last) kept.push('');
    } else kept.push(s);
  });
  const removed = kept.join('/');
  return `${JSON.stringify(prefix)} has a "." or ".." segment, which clients remove before they send a request (RFC 3986 section 5.2.4), so no request path holds it and the prefix never matches; did you mean ${JSON.stringify(removed.startsWith('/') ? removed : `/${removed}`)}?`;
}
