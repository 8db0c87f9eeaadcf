import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic';
import { parseJsonDocument } from './diagnostics/json-document';
import { issuesToDiagnostics } from './diagnostics/zod-issues';
import type { CustomResourceDefinitions } from './output/custom-resource-definitions';
import { readCustomResourceDefinitions } from './output/custom-resources';
import { settingsSchema } from './settings';
import { DEFAULT_SETTINGS, type Settings } from './project-settings';

/**
 * Reads the project settings file. A missing file means every default; an
 * invalid one gives located diagnostics, like a manifest. The CRD files of
 * its `crds` setting are read too (relative to the file's folder); a
 * problem with one is a diagnostic of the setting.
 */
export function readSettings(file: string, shown: string = file): { settings?: Settings; customResources?: CustomResourceDefinitions; diagnostics: readonly Diagnostic[] } {
  if (!fs.existsSync(file)) return { settings: DEFAULT_SETTINGS, diagnostics: [] };
  const { document, diagnostics } = parseJsonDocument(shown, fs.readFileSync(file, 'utf8'));
  if (document === undefined) return { diagnostics };
  const result = settingsSchema.safeParse(document.value, { reportInput: true });
  if (!result.success) return { diagnostics: issuesToDiagnostics(document, settingsSchema, result.error.issues).sort(compareDiagnostics) };
  if (result.data.crds === undefined) return { settings: result.data, diagnostics: [] };
  const crds = readCustomResourceDefinitions(path.dirname(path.resolve(file)), result.data.crds, document);
  if (crds.definitions === undefined) return { diagnostics: [...crds.diagnostics].sort(compareDiagnostics) };
  return { settings: result.data, customResources: crds.definitions, diagnostics: [] };
}
