#!/usr/bin/env node
/*
 * The command line of datatask-cdk8s: `npm run synth|check|images|schema`
 * and `cdk8s synth` (cdk8s.yaml) run this file. It starts build/app.js,
 * main.ts bundled with its dependencies by `npm run build` (one file loads
 * faster than the hundreds of modules of cdk8s and zod; see the README,
 * "Performance"). Plain JavaScript, so that it can say what to do when the
 * build is missing, and rebuild when a source is newer than the build.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const app = path.join(root, 'build', 'app.js');

/** A TypeScript source of this checkout newer than the bundle, if any (none in an installed package). */
function staleSource() {
  const built = fs.statSync(app).mtimeMs;
  const sources = [path.join(root, 'main.ts')];
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) sources.push(full);
    }
  };
  walk(path.join(root, 'lib'));
  walk(path.join(root, 'imports'));
  return sources.find((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs > built);
}

function build(why) {
  process.stderr.write(`${why}: running \`npm run build\` first\n`);
  const run = require('node:child_process').spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  return run.status === 0;
}

if (!fs.existsSync(app)) {
  const sources = fs.existsSync(path.join(root, 'main.ts'));
  if (!sources || !build(`${path.relative(process.cwd(), app) || app} is missing (was \`npm ci --ignore-scripts\` used?)`)) {
    process.stderr.write(`error: ${app} is missing: run \`npm run build\` in ${root}\n`);
    process.exit(2);
  }
} else {
  const newer = staleSource();
  if (newer !== undefined && !build(`${path.relative(process.cwd(), newer)} is newer than the build`)) process.exit(1);
}
const bundle = loadApp();
process.exitCode = bundle.runApp(process.argv.slice(2), { customize: bundle.customize, main: app });

/**
 * build/app.js as a CommonJS module, compiled with V8's code cache
 * build/app.jsc when it was made from these exact bytes: node then neither
 * parses the 1.4 MB bundle nor compiles the functions a run uses (see the
 * README, "Performance"). The cache holds compiled program code only, never
 * a manifest or an output; it starts with the SHA-1 of the bundle it was
 * made from, because V8's own check compares only the source's length. A
 * missing or stale cache costs the normal compile, and this run then writes
 * a fresh one at exit (beside, then renamed: a concurrent run never reads
 * half a file); a read-only build folder only means no cache.
 */
function loadApp() {
  const vm = require('node:vm');
  const cacheFile = path.join(root, 'build', 'app.jsc');
  const source = fs.readFileSync(app);
  const digest = bundleDigest(source);
  let cachedData;
  try {
    const cache = fs.readFileSync(cacheFile);
    if (cache.subarray(0, digest.length).equals(digest)) cachedData = cache.subarray(digest.length);
  } catch {
    cachedData = undefined;
  }
  // Node's own CommonJS wrapper (the build writes ASCII, which decodes fastest as Latin-1), on the source's first line: stack traces keep their line numbers.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source.toString(require('node:buffer').isAscii(source) ? 'latin1' : 'utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: app, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => writeCodeCache(script, digest, cacheFile));
  const appModule = { exports: {}, filename: app, id: app, loaded: false };
  script.runInThisContext().call(appModule.exports, appModule.exports, require('node:module').createRequire(app), appModule, app, path.dirname(app));
  return appModule.exports;
}

/**
 * The SHA-1 of the bundle: the one `npm run build` wrote beside it
 * (build/app.js.sha1, also the render cache's code identity), else hashed
 * now. Hashing the 1.4 MB bundle on every run would redo the build's work.
 */
function bundleDigest(source) {
  try {
    const hex = fs.readFileSync(`${app}.sha1`, 'latin1').trim();
    if (/^[0-9a-f]{40}$/.test(hex)) return Buffer.from(hex, 'hex');
  } catch {
    // No hash file (a hand-made build): hash the bytes.
  }
  return require('node:crypto').createHash('sha1').update(source).digest();
}

/** Writes the code V8 has compiled so far (the functions this run used), after the bundle's SHA-1. */
function writeCodeCache(script, digest, cacheFile) {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, Buffer.concat([digest, script.createCachedData()]));
    fs.renameSync(temp, cacheFile);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
