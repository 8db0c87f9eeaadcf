import * as fs from 'node:fs';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic';
import { parseJsonDocument } from './diagnostics/json-document';
import { issuesToDiagnostics } from './diagnostics/zod-issues';
import { settingsSchema } from './settings';
import { DEFAULT_SETTINGS, type Settings } from './project-settings';

/**
 * Reads the project settings file. A missing file means every default; an
 * invalid one gives located diagnostics, like a manifest.
 */
export function readSettings(file: string, shown: string = file): { settings?: Settings; diagnostics: readonly Diagnostic[] } {
  if (!fs.existsSync(file)) return { settings: DEFAULT_SETTINGS, diagnostics: [] };
  const { document, diagnostics } = parseJsonDocument(shown, fs.readFileSync(file, 'utf8'));
  if (document === undefined) return { diagnostics };
  const result = settingsSchema.safeParse(document.value, { reportInput: true });
  if (!result.success) return { diagnostics: issuesToDiagnostics(document, settingsSchema, result.error.issues).sort(compareDiagnostics) };
  return { settings: result.data, diagnostics: [] };
}
