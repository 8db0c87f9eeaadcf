/**
 * Settings and loaders for the checks: one ManifestLoader per settings
 * object, settings parsed once per input, and the manifest file name.
 */
import { ManifestLoader } from '../../../lib/manifest/load';
import { settingsSchema } from '../../../lib/settings';
import { type Settings } from '../../../lib/project-settings';

export const MANIFEST_FILE = 'tasks/fuzz/manifest.json';

const loaders = new WeakMap<Settings, ManifestLoader>();
/** One loader per settings object (building the schema is the slow part). */
export function loaderFor(settings: Settings): ManifestLoader {
  let loader = loaders.get(settings);
  if (loader === undefined) loaders.set(settings, (loader = new ManifestLoader(settings)));
  return loader;
}

const parsedSettings = new Map<string, Settings>();
/** Settings as the settings file gives them (every default filled in); the same input gives the same object. */
export function parseSettings(input: Record<string, unknown>): Settings {
  const key = JSON.stringify(input);
  let settings = parsedSettings.get(key);
  if (settings === undefined) {
    if (parsedSettings.size >= 1000) parsedSettings.clear();
    parsedSettings.set(key, (settings = settingsSchema.parse(input)));
  }
  return settings;
}
