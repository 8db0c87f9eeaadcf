import * as path from 'node:path';
import { runCli } from '../../lib/cli/cli';

/** The three-environment fixture of compare and routes (test/fixtures/environments-compare). */
export const COMPARE_FIXTURE = path.join(__dirname, '..', 'fixtures', 'environments-compare');

/** Runs `datatask <command> --tasks tasks --settings datatask.settings.json …argv` in a fixture folder, without a render cache. */
export function runInFixture(root: string, command: string, ...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(
    [command, '--tasks', 'tasks', '--settings', 'datatask.settings.json', ...argv],
    { main: path.join(root, 'main.ts'), customize: [] },
    { cwd: root, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), renderCache: false },
  );
  return { code, stdout, stderr };
}
