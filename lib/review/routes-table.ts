import { compareStrings } from '../compare';
import { readOutputFile } from './objects';
import { compareRoutes, isMapping, type Route, routeOf, rewriteText, timeoutText } from './route';

/** A published route, and the environment whose output publishes it (absent in a project without environments). */
export interface PublishedRoute extends Route {
  readonly environment?: string;
}

/**
 * Every route the rendered files publish, sorted by environment, hostname
 * and prefix. With `environments`, a file's first folder is its environment.
 */
export function publishedRoutes(files: readonly { readonly path: string; readonly content: string }[], out: string, environments = false): PublishedRoute[] {
  return files
    .flatMap((f) => {
      const environment = environments ? f.path.slice(0, f.path.indexOf('/')) : undefined;
      return readOutputFile(f.path, f.content, `${out}/${f.path}`)
        .objects.filter(isMapping)
        .map((o): PublishedRoute => (environment === undefined ? routeOf(o) : { environment, ...routeOf(o) }));
    })
    .sort((a, b) => compareStrings(a.environment ?? '', b.environment ?? '') || compareRoutes(a, b));
}

const COLUMNS = ['hostname', 'prefix', 'service', 'rewrite', 'timeout', 'access', 'sticky', 'task'] as const;

function cells(r: Route): string[] {
  return [r.hostname, r.prefix, r.service, rewriteText(r.rewrite), timeoutText(r.timeoutMs), r.public ? 'PUBLIC' : (r.access ?? '(none)'), r.sticky ? 'yes' : 'no', `${r.namespace}/${r.name}`];
}

/**
 * An aligned table for a terminal, and a count line; with `environments`
 * (those rendered, in name order), a section of each under `Environment
 * <name>`, an environment without routes included, the columns aligned
 * across sections.
 */
export function routesText(routes: readonly PublishedRoute[], environments: readonly string[] = []): string {
  const header = COLUMNS.map((c) => c.toUpperCase());
  const widths = COLUMNS.map((_, i) => Math.max(...[header, ...routes.map(cells)].map((r) => r[i]!.length)));
  const table = (some: readonly Route[]) => {
    const lines = [header, ...some.map(cells)].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
    return `${lines.join('\n')}\n\n${countLine(some)}\n`;
  };
  if (environments.length === 0) return table(routes);
  return environments.map((name) => `Environment ${name}\n\n${table(routes.filter((r) => r.environment === name))}`).join('\n');
}

/** A Markdown table (for a pull-request comment or a wiki page); with `environments`, one under a heading per environment. */
export function routesMarkdown(routes: readonly PublishedRoute[], environments: readonly string[] = []): string {
  const escape = (s: string) => s.replace(/[\\`*_[\]|<>]/g, '\\$&');
  const table = (some: readonly Route[]) => {
    const rows = some.map((r) => `| ${cells(r).map((c, i) => (i === 1 || i === 2 || i === 7 ? `\`${c.replace(/`/g, '')}\`` : escape(c))).join(' | ')} |`);
    return [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`, ...rows, '', `${countLine(some)}`, ''].join('\n');
  };
  if (environments.length === 0) return table(routes);
  return environments.map((name) => `### Environment ${escape(name)}\n\n${table(routes.filter((r) => r.environment === name))}`).join('\n');
}

/** One JSON object per line and per route; with environments, each names its `environment`. */
export function routesJson(routes: readonly PublishedRoute[]): string {
  return routes
    .map((r) =>
      JSON.stringify({
        ...(r.environment === undefined ? {} : { environment: r.environment }),
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
