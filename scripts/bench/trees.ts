// Output folders: reading and comparing them with the reference run, and the floor's bundle file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INTERNAL_PREFIX } from '../../lib/output/transaction';

/** Every file below `root` (relative, `/`-separated) with its bytes, sorted by path. */
export function readTree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      // The tool's own bookkeeping (the output marker, lib/output/transaction.ts) is no output file.
      if (entry.name.startsWith(INTERNAL_PREFIX)) continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(path.join(root, child)));
    }
  };
  if (fs.existsSync(root)) walk('');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Throws unless `dir` holds exactly the reference files, byte for byte. */
export function assertSameTree(dir: string, reference: Map<string, Buffer>, what: string): void {
  const actual = readTree(dir);
  const problems: string[] = [];
  for (const [file, bytes] of reference) {
    const other = actual.get(file);
    if (other === undefined) problems.push(`missing ${file}`);
    else if (!other.equals(bytes)) problems.push(`different ${file}`);
  }
  for (const file of actual.keys()) if (!reference.has(file)) problems.push(`extra ${file}`);
  if (problems.length > 0) throw new Error(`${what}: output differs from the reference run (${problems.length} problem(s)): ${problems.slice(0, 5).join(', ')}`);
}

/** The floor's input: a JSON header line `[[path, byteLength], ...]`, then the contents back to back. */
export function writeBundle(file: string, reference: Map<string, Buffer>): void {
  const header = JSON.stringify([...reference].map(([p, bytes]) => [p, bytes.length]));
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`${header}\n`), ...reference.values()]));
}
