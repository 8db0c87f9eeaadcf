/**
 * What the image commands read of the project settings, until the settings
 * schema (lib/settings.ts, the "Environments" work) declares it:
 * - `environments`: the names of the declared environments (keys of the
 *   `environments` setting), empty for a project without environments;
 * - `repository`: the URL of the tasks' source repository, the
 *   `org.opencontainers.image.source` label of every built image.
 *
 * Read loosely (an absent or malformed value reads as absent) so that these
 * commands work with the settings of today and of tomorrow; once the
 * settings schema has both fields, replace the casts by its types.
 */
import * as path from 'node:path';
import type { Settings } from '../project-settings';

/** The declared environments, sorted; empty without environments. */
export function declaredEnvironments(settings: Settings): readonly string[] {
  const environments = (settings as { environments?: unknown }).environments;
  if (typeof environments !== 'object' || environments === null || Array.isArray(environments)) return [];
  return Object.keys(environments).sort();
}

/** The `repository` setting (a URL), if set. */
export function sourceRepository(settings: Settings): string | undefined {
  const repository = (settings as { repository?: unknown }).repository;
  return typeof repository === 'string' && repository !== '' ? repository : undefined;
}

/** The pins file of an environment, relative to the project folder: `pins/<env>.json`, or `pins.json` without environments. */
export function pinsFile(environment: string | undefined): string {
  return environment === undefined ? 'pins.json' : path.posix.join('pins', `${environment}.json`);
}
