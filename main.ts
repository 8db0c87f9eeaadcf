/**
 * The cdk8s app: `npm run synth` and `cdk8s synth` (through cdk8s.yaml) both
 * run this file, compiled to build/main.js. See lib/cli/main.ts.
 */
import { runCli } from './lib/cli/main';

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
