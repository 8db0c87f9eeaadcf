// The files `npm run build` makes and the command that starts them, relative to the package folder.

/** What `npm run synth` and `cdk8s synth` run: starts the bundle (plain JavaScript, committed). */
export const CLI_ENTRY = 'bin/datatask.js';

/** The app: main.ts bundled with its dependencies (scripts/build.ts). */
export const APP_BUNDLE = 'build/app.js';
