/**
 * `npm run build` (after `tsc`, which type-checks, compiles this file and
 * emits lib/'s declarations): bundles main.ts with its dependencies into
 * build/app.js, which bin/datatask.js starts (the bundle exports main.ts's
 * `customize` and lib's `runApp`, which bin/datatask.js calls with them), and writes the SHA-1 of the
 * bundle beside it (build/app.js.sha1): the identity of the rendering code
 * in the render cache's key (lib/output/code-identity.ts).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { CODE_ID_SUFFIX } from '../lib/output/code-identity';
import { APP_BUNDLE } from './build-files';

// The package folder: the nearest above this file with a package.json (scripts/ under ts-node, build/scripts/ compiled).
let root = __dirname;
while (!fs.existsSync(path.join(root, 'package.json'))) root = path.dirname(root);

/**
 * Bundles main.ts into build/app.js, in ASCII only. esbuild escapes
 * non-ASCII characters in code but keeps those of the comments it preserves:
 * one such character makes node decode the whole file as UTF-8 into a
 * two-byte string, which is slower to read (README, "Performance"). In a
 * comment the escape changes nothing; in a string or regular expression
 * literal `\uXXXX` means the same character.
 */
function bundle(entry: string, outfile: string): void {
  const [output] = buildSync({
    stdin: { contents: `export { customize } from './${entry}';\nexport { runApp } from './lib';\n`, resolveDir: root, sourcefile: 'app-entry.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // cdk8s and constructs ship CommonJS; zod's ES modules let esbuild drop what is not imported.
    mainFields: ['module', 'main'],
    // cdk8s ships its own copy of yaml (the same version): one copy, not two, for node to parse.
    alias: { yaml: './node_modules/yaml' },
    logLevel: 'warning',
    absWorkingDir: root,
    write: false,
  }).outputFiles;
  const text = output!.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  fs.mkdirSync(path.dirname(output!.path), { recursive: true });
  fs.writeFileSync(output!.path, text);
  fs.writeFileSync(output!.path + CODE_ID_SUFFIX, `${crypto.createHash('sha1').update(text, 'latin1').digest('hex')}\n`);
}

bundle('main.ts', APP_BUNDLE);
