/**
 * What the image commands read of the project settings, and where a
 * project's pins files are:
 * - `environments`: the names of the declared environments (keys of the
 *   `environments` setting), empty for a project without environments
 *   (read loosely, for the commands' tests: the settings file's reader
 *   gives them as a list of its own);
 * - `images.source`: the URL of the tasks' source repository, the
 *   `org.opencontainers.image.source` label of every built image
 *   (validated by the settings schema, lib/settings.ts).
 */
import * as path from 'node:path';
import type { Settings } from '../project-settings';

/** The declared environments, sorted; empty without environments. */
export function declaredEnvironments(settings: Settings): readonly string[] {
  const environments = (settings as { environments?: unknown }).environments;
  if (typeof environments !== 'object' || environments === null || Array.isArray(environments)) return [];
  return Object.keys(environments).sort();
}

/** The `images.source` setting (an http(s) URL), if set. */
export function sourceRepository(settings: Settings): string | undefined {
  return settings.images?.source;
}

/** The pins file of an environment, relative to the project folder: `pins/<env>.json`, or `pins.json` without environments. */
export function pinsFile(environment: string | undefined): string {
  return environment === undefined ? 'pins.json' : path.posix.join('pins', `${environment}.json`);
}
