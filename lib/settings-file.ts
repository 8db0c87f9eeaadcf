import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic';
import { parseJsonDocument } from './diagnostics/json-document';
import { issuesToDiagnostics } from './diagnostics/zod-issues';
import type { CustomResourceDefinitions } from './output/custom-resource-definitions';
import { readCustomResourceDefinitions } from './output/custom-resources';
import { compareStrings } from './compare';
import { environmentSettingsSchema, settingsSchema } from './settings';
import { DEFAULT_SETTINGS, type Environment, type Settings } from './project-settings';

/**
 * Reads the project settings file. A missing file means every default; an
 * invalid one gives located diagnostics, like a manifest. The CRD files of
 * its `crds` setting are read too (relative to the file's folder); a
 * problem with one is a diagnostic of the setting.
 */
export function readSettings(file: string, shown: string = file): ReadSettings {
  if (!fs.existsSync(file)) return { settings: DEFAULT_SETTINGS, environments: [], diagnostics: [] };
  const { document, diagnostics } = parseJsonDocument(shown, fs.readFileSync(file, 'utf8'));
  if (document === undefined) return { environments: [], diagnostics };
  const result = settingsSchema.safeParse(document.value, { reportInput: true });
  if (!result.success) return { environments: [], diagnostics: issuesToDiagnostics(document, settingsSchema, result.error.issues).sort(compareDiagnostics) };
  const { environments: declared, ...settings } = result.data;
  const environments = Object.keys(declared ?? {})
    .sort(compareStrings)
    .map((name): Environment => {
      // Each part was validated on its own above; the merge of valid parts is valid (the schema has no rule between settings).
      const raw = document.value as { environments: Record<string, unknown> };
      return { name, settings: environmentSettingsSchema.parse(mergeSettings(withoutEnvironments(document.value), raw.environments[name])) };
    });
  if (settings.crds === undefined) return { settings, environments, diagnostics: [] };
  const crds = readCustomResourceDefinitions(path.dirname(path.resolve(file)), settings.crds, document);
  if (crds.definitions === undefined) return { environments: [], diagnostics: [...crds.diagnostics].sort(compareDiagnostics) };
  return { settings, environments, customResources: crds.definitions, diagnostics: [] };
}

/** The settings file, read: the settings and environments when valid, else located diagnostics. */
export interface ReadSettings {
  /** The top-level settings (of a project without environments, its only ones). */
  readonly settings?: Settings;
  /** The declared environments, sorted by name; none without the `environments` setting. */
  readonly environments: readonly Environment[];
  readonly customResources?: CustomResourceDefinitions;
  readonly diagnostics: readonly Diagnostic[];
}

function withoutEnvironments(value: unknown): Record<string, unknown> {
  const { environments: _environments, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** An environment's settings over the shared ones: objects merge key by key, any other value replaces. */
export function mergeSettings(shared: Readonly<Record<string, unknown>>, own: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...shared };
  for (const [key, value] of Object.entries((own ?? {}) as Record<string, unknown>)) {
    const base = out[key];
    out[key] = isPlainObject(base) && isPlainObject(value) ? mergeSettings(base, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
