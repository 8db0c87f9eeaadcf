import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RenderedFile } from './rendered-file';

/**
 * The cdk8s CLI's own output folder, as cdk8s.yaml names it (`output:`):
 * `cdk8s synth` empties that folder before running the app, so it cannot
 * be dist/. When the CLI runs the app with this folder, the app writes dist/
 * and a copy here; with any other folder (`cdk8s synth --stdout` passes a
 * temporary one, `--output DIR` the user's), only the copy.
 */
export const CDK8S_CLI_OUTPUT = 'build/cdk8s.out';

/**
 * Writes every file into the cdk8s CLI's output folder (`CDK8S_OUTDIR`), so
 * that its listing, `--stdout` and validation plugins see them.
 */
export function copyForCdk8sCli(dir: string, files: readonly RenderedFile[]): void {
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
}
