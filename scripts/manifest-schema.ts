/**
 * Writes manifest.schema.json, the JSON Schema of manifest.json that editors
 * use, at the repository root: `node build/scripts/manifest-schema.js`.
 * With `--check`, writes nothing and exits 1 if the file is missing or out
 * of date (for CI).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchemaText } from '../lib/manifest/json-schema';

const USAGE = 'usage: manifest-schema [--check]';

/** What a run did: the exit code and the line to print (on stderr when the code is not 0). */
export interface SchemaRun {
  readonly code: number;
  readonly message: string;
}

/** Writes, or with `--check` compares, `root`/manifest.schema.json. */
export function runManifestSchema(args: readonly string[], root: string): SchemaRun {
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) return { code: 2, message: `unknown argument ${JSON.stringify(unknown[0])}\n${USAGE}` };
  const file = path.join(root, MANIFEST_SCHEMA_FILE);
  const expected = manifestJsonSchemaText();
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;

  if (args.includes('--check')) {
    if (current === expected) return { code: 0, message: `${MANIFEST_SCHEMA_FILE} is up to date` };
    const why = current === undefined ? 'is missing' : 'is out of date';
    return { code: 1, message: `${MANIFEST_SCHEMA_FILE} ${why}: run \`npm run schema\` and commit the result` };
  }
  if (current === expected) return { code: 0, message: `${MANIFEST_SCHEMA_FILE} is up to date` };
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, expected);
  renameSync(temporary, file);
  return { code: 0, message: `wrote ${MANIFEST_SCHEMA_FILE}` };
}

/** The nearest folder at or above `from` that holds package.json. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

if (require.main === module) {
  const { code, message } = runManifestSchema(process.argv.slice(2), packageRoot(__dirname));
  (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
  process.exitCode = code;
}
