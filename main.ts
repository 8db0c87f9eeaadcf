/**
 * The datatask cdk8s app: `npm run synth`, `cdk8s synth` (cdk8s.yaml, through
 * bin/datatask.js and its bundle build/app.js) and `npx ts-node main.ts` run
 * the command line of lib/ (lib/synth.ts holds its stages) with the platform
 * hooks listed here: code run on every task's chart before it is rendered,
 * to add what the manifest format does not cover (README, "Extending").
 */
import { runApp, type Customize } from './lib';   // a team's: from 'datatask-cdk8s'
export const customize: readonly Customize[] = [];
if (require.main === module) process.exitCode = runApp(process.argv.slice(2), { customize, main: __filename });
