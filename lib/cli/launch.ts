import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Starts the bundled app (build/synth-app.js) from V8's code cache
 * (build/synth-app.jsc): the bytecode of the functions a synthesis runs, so
 * that node does not parse and compile the app's 1.2 MB again on every run
 * (~30 ms of a one-task run's ~0.24 s, measured with `npm run bench`).
 *
 * The cache is made by `npm run build` (scripts/build.ts): it holds compiled
 * program code only, never a manifest or an output. V8 checks that it
 * matches the source, the V8 version and the flags; a cache it rejects (or a
 * missing one) costs the normal compile, and the run then writes a fresh one
 * (beside, then renamed: concurrent runs never see half a file). A read-only
 * build folder only means no cache.
 *
 * @param app the bundled CommonJS app
 * @param cacheFile where its code cache is kept
 */
export function launchApp(app: string, cacheFile: string): void {
  const { script, accepted } = compileApp(app, cacheFile);
  if (!accepted) process.once('exit', () => writeCodeCache(script, cacheFile));
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {}, filename: app, id: app, loaded: false };
  run.call(module.exports, module.exports, createRequire(app), module, app, path.dirname(app));
  process.once('exit', exitWithoutTeardown);
}

/**
 * Once the app is done (node emits 'exit' when nothing is left to do),
 * leaves at once: node would otherwise dispose of the whole heap first,
 * ~50 ms at 1000 tasks. Not while output is still buffered (a pipe is
 * asynchronous on some systems): node then drains it as usual.
 */
function exitWithoutTeardown(code: number): void {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
}

/** The app compiled as a CommonJS module, and whether V8 took its code cache. */
export function compileApp(app: string, cacheFile: string): { readonly script: vm.Script; readonly accepted: boolean } {
  const cachedData = readIfPresent(cacheFile);
  // Node's own CommonJS wrapper, on the source's first line: stack traces keep their line numbers.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${readSource(app)}\n})`;
  const script = new vm.Script(wrapped, { filename: app, cachedData });
  return { script, accepted: cachedData !== undefined && script.cachedDataRejected !== true };
}

/** Writes the code V8 has compiled so far (the functions this run used). */
function writeCodeCache(script: vm.Script, cacheFile: string): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * The app's text. The build writes it in ASCII (scripts/build.ts), which
 * decodes as Latin-1 byte for byte, a copy ~4 ms faster for 1.2 MB than
 * decoding UTF-8; any other text is decoded as UTF-8.
 */
function readSource(file: string): string {
  const bytes = fs.readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
