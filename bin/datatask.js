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
process.exitCode = require(app).cli(process.argv.slice(2));
