import * as path from 'node:path';

// The files `npm run build` makes (scripts/build.ts), relative to the package folder.

/** What `npm run synth` and `cdk8s synth` run: the launcher of the app (lib/cli/launch.ts). */
export const SYNTH_ENTRY = path.join('build', 'synth.js');

/** The app: main.ts bundled with its dependencies. lib/ must not be newer than it (lib/cli/freshness.ts). */
export const SYNTH_BUNDLE = path.join('build', 'synth-app.js');

/** V8's code cache of the app, which the launcher starts it from. */
export const SYNTH_CODE_CACHE = path.join('build', 'synth-app.jsc');
