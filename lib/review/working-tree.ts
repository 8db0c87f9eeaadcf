import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { LoadedTask } from '../manifest/load';
import type { Settings } from '../settings';
import { readSettings } from '../settings-file';
import { synthesize } from '../synth';

/** What the working tree's tasks render, in memory. */
export interface WorkingTree {
  /** Errors of the settings file and manifests; when any, `files` and `tasks` are empty. */
  readonly errors: readonly Diagnostic[];
  readonly settings?: Settings;
  readonly tasks: readonly LoadedTask[];
  /** Path below the output folder → text. */
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

/**
 * Reads the settings and every manifest, and renders them as synth would,
 * writing nothing. Warnings are left to `synth` and `check`.
 *
 * @param tasksDir the tasks folder (absolute)
 * @param settingsFile the settings file (absolute; a missing one means every default)
 * @param cwd paths in diagnostics are shown relative to it
 */
export function renderWorkingTree(tasksDir: string, settingsFile: string, cwd: string): WorkingTree {
  const { settings, diagnostics } = readSettings(settingsFile, path.relative(cwd, settingsFile));
  if (settings === undefined) return { errors: diagnostics, tasks: [], files: [] };
  const result = synthesize({ tasksDir, settings, cwd });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { errors, settings, tasks: [], files: [] };
  return { errors, settings, tasks: result.tasks, files: result.files.map((f) => ({ path: f.path, content: f.content })) };
}
