/**
 * `npm run review` and `npm run routes` (`node build/scripts/review-commands.js
 * review|routes …`), until they join the one CLI.
 */
import { runReview } from '../lib/cli/review';
import { runRoutes } from '../lib/cli/routes';

const [command, ...argv] = process.argv.slice(2);
const run = command === 'routes' ? runRoutes : runReview;
process.exitCode = run(argv, {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
