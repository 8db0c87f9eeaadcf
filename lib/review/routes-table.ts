import { readOutputFile } from './objects';
import { compareRoutes, isMapping, type Route, routeOf, rewriteText, timeoutText } from './route';

/** Every route the rendered files publish, sorted by hostname and prefix. */
export function publishedRoutes(files: readonly { readonly path: string; readonly content: string }[], out: string): Route[] {
  return files
    .flatMap((f) => readOutputFile(f.path, f.content, `${out}/${f.path}`).objects)
    .filter(isMapping)
    .map(routeOf)
    .sort(compareRoutes);
}

const COLUMNS = ['hostname', 'prefix', 'service', 'rewrite', 'timeout', 'access', 'sticky', 'task'] as const;

function cells(r: Route): string[] {
  return [r.hostname, r.prefix, r.service, rewriteText(r.rewrite), timeoutText(r.timeoutMs), r.public ? 'PUBLIC' : (r.access ?? '(none)'), r.sticky ? 'yes' : 'no', `${r.namespace}/${r.name}`];
}

/** An aligned table for a terminal, and a count line. */
export function routesText(routes: readonly Route[]): string {
  const rows = [COLUMNS.map((c) => c.toUpperCase()), ...routes.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  return `${lines.join('\n')}\n\n${countLine(routes)}\n`;
}

/** A Markdown table (for a pull-request comment or a wiki page). */
export function routesMarkdown(routes: readonly Route[]): string {
  const escape = (s: string) => s.replace(/[\\`*_[\]|<>]/g, '\\$&');
  const rows = routes.map((r) => `| ${cells(r).map((c, i) => (i === 1 || i === 2 || i === 7 ? `\`${c.replace(/`/g, '')}\`` : escape(c))).join(' | ')} |`);
  return [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`, ...rows, '', `${countLine(routes)}`, ''].join('\n');
}

/** One JSON object per line and per route. */
export function routesJson(routes: readonly Route[]): string {
  return routes
    .map((r) =>
      JSON.stringify({
        hostname: r.hostname,
        prefix: r.prefix,
        service: r.service,
        rewrite: r.rewrite ?? null,
        timeout_ms: r.timeoutMs ?? null,
        public: r.public,
        access: r.access ?? null,
        sticky_sessions: r.sticky,
        namespace: r.namespace,
        name: r.name,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

function countLine(routes: readonly Route[]): string {
  const open = routes.filter((r) => r.public).length;
  return `${routes.length} published route${routes.length === 1 ? '' : 's'}, ${open} PUBLIC`;
}
