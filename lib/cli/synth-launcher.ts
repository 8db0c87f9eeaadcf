/**
 * The entry point of build/synth.js, the command `npm run synth` and
 * `cdk8s synth` run. Bundled on its own (a few kilobytes), it starts the app
 * beside it from V8's code cache: see ./launch.ts.
 */
import * as path from 'node:path';
import { SYNTH_BUNDLE, SYNTH_CODE_CACHE } from './build-files';
import { launchApp } from './launch';

// Bundled into build/synth.js: __dirname is build/.
launchApp(path.join(__dirname, path.basename(SYNTH_BUNDLE)), path.join(__dirname, path.basename(SYNTH_CODE_CACHE)));
