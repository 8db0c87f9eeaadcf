import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, OptionValues } from '../../lib/cli/command';
import { Workspace } from '../support/workspace';

export const FIXTURES = path.join(__dirname, '../fixtures/images');
export const SEED_TASKS = path.join(__dirname, '../fixtures/seed/tasks');

/** A workspace holding a copy of the seed tasks (three image-destination tasks, two images). */
export function seedWorkspace(): Workspace {
  const ws = new Workspace();
  fs.cpSync(SEED_TASKS, path.join(ws.root, 'tasks'), { recursive: true });
  return ws;
}

/**
 * Runs a command object directly in the workspace (for commands made with
 * declared environments, which the settings schema cannot declare yet);
 * `values` as node's parseArgs would give them.
 */
export function runCommand(ws: Workspace, command: Command, values: Record<string, unknown>): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { cwd: ws.root, env: {}, stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), renderCache: false as const };
  const app = { main: path.join(ws.root, 'main.ts'), customize: [] };
  try {
    const code = command.run(values as OptionValues, io, app);
    return { code, stdout, stderr };
  } catch (error) {
    const e = error as Error & { exitCode?: number };
    if (e.exitCode === undefined) throw error;
    return { code: e.exitCode, stdout, stderr: `${stderr}error: ${e.message}\n` };
  }
}

export const hex = (c: string): string => c.repeat(64);
