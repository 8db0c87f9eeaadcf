import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { readSettings } from '../../lib/settings-file';

/** The diagnostics of a settings file with `text`, as synth reports them. */
export function settingsDiagnostics(text: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-settings-'));
  try {
    fs.writeFileSync(path.join(dir, 'datatask.settings.json'), text);
    return readSettings(path.join(dir, 'datatask.settings.json'), 'datatask.settings.json').diagnostics.map(formatDiagnostic);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
