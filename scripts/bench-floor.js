#!/usr/bin/env node
/**
 * The floor of `npm run synth`, for `npm run bench` (scripts/bench.ts): the
 * I/O any synthesizer must do, and nothing else. Plain JavaScript with no
 * dependencies, so it loads nothing but node's built-ins.
 *
 *   node scripts/bench-floor.js --tasks DIR --bundle FILE --out DIR [--settings FILE] [--warm]
 *
 * Both modes first read every manifest the way synth finds them (walk the
 * tasks folder, readFile + JSON.parse each `manifest.json`) and read the
 * bundle: the exact bytes synth wrote for these tasks, made by the bench
 * from a reference synth run (one file: a JSON header line
 * `[[path, byteLength], ...]`, then the contents back to back; a path may
 * hold folders, e.g. `prod/data-prod/x.k8s.yaml`).
 *
 * With --settings (environments mode of the bench), it also reads and parses
 * the settings file, and reads + JSON.parses each overlay
 * `manifest.<env>.json` of the environments the settings name.
 *
 * Cold (default): writes every bundled file below --out (mkdir per folder +
 * writeFile), the same bytes synth writes into an empty folder.
 *
 * Warm (--warm): lists --out, reads every existing output file and compares
 * it with the bundled bytes; writes nothing. Exits 1 when anything differs
 * (a missing, changed or extra file), since the run would then not be "warm".
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { values } = parseArgs({
  options: {
    tasks: { type: 'string' },
    bundle: { type: 'string' },
    out: { type: 'string' },
    settings: { type: 'string' },
    warm: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.tasks === undefined || values.bundle === undefined || values.out === undefined) {
  process.stderr.write('usage: node scripts/bench-floor.js --tasks DIR --bundle FILE --out DIR [--settings FILE] [--warm]\n');
  process.exit(2);
}
const tasksDir = path.resolve(values.tasks);
const outDir = path.resolve(values.out);

// 0. The settings: which overlays there are (`manifest.<env>.json` for each environment).
const overlayNames = new Set();
if (values.settings !== undefined) {
  const settings = JSON.parse(fs.readFileSync(path.resolve(values.settings), 'utf8'));
  for (const env of Object.keys(settings.environments ?? {})) overlayNames.add(`manifest.${env}.json`);
}

// 1. Read every manifest and overlay (same discovery rules as lib/manifest/discover.ts).
let manifests = 0;
let overlays = 0;
const walkTasks = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name === 'manifest.json') {
      JSON.parse(fs.readFileSync(full, 'utf8'));
      manifests++;
    } else if (overlayNames.has(entry.name)) {
      JSON.parse(fs.readFileSync(full, 'utf8'));
      overlays++;
    } else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      walkTasks(full);
    }
  }
};
walkTasks(tasksDir);
const read = `${manifests} manifests${values.settings === undefined ? '' : ` and ${overlays} overlays`} read`;

// 2. The expected output bytes.
const bundle = fs.readFileSync(path.resolve(values.bundle));
const headerEnd = bundle.indexOf(10);
const header = JSON.parse(bundle.toString('utf8', 0, headerEnd));
const files = [];
let offset = headerEnd + 1;
for (const [relative, length] of header) {
  files.push({ relative, bytes: bundle.subarray(offset, offset + length) });
  offset += length;
}

if (!values.warm) {
  // 3a. Cold: write every file.
  const folders = new Set();
  for (const { relative, bytes } of files) {
    const target = path.join(outDir, relative);
    const folder = path.dirname(target);
    if (!folders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    fs.writeFileSync(target, bytes);
  }
  process.stderr.write(`floor: ${read}, ${files.length} files written\n`);
} else {
  // 3b. Warm: list the output folder, read and compare every file, write nothing.
  const existing = new Set();
  const walkOut = (relative) => {
    for (const entry of fs.readdirSync(path.join(outDir, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walkOut(child);
      else existing.add(child);
    }
  };
  if (fs.existsSync(outDir)) walkOut('');
  let unchanged = 0;
  const differing = [];
  for (const { relative, bytes } of files) {
    if (existing.delete(relative) && fs.readFileSync(path.join(outDir, relative)).equals(bytes)) unchanged++;
    else differing.push(relative);
  }
  differing.push(...existing);
  process.stderr.write(`floor: ${read}, ${unchanged} unchanged, ${differing.length} differing\n`);
  if (differing.length > 0) {
    process.stderr.write(`floor: not up to date, e.g. ${differing.slice(0, 3).join(', ')}\n`);
    process.exitCode = 1;
  }
}
