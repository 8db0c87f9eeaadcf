// Command-line options of `npm run bench` (documented in scripts/bench.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run bench -- [--sizes 100,1000,10000] [--runs K] [--one-task-runs K] [--environments K] [--tmp DIR] [--keep] [--json FILE] [--root DIR]`;

export interface Options {
  readonly sizes: number[];
  readonly runs: number | undefined;
  readonly oneTaskRuns: number;
  /** Environments of the generated trees (0: none, the plain run). */
  readonly environments: number;
  readonly tmp: string;
  readonly keep: boolean;
  readonly json: string | undefined;
  readonly root: string;
}

function packageFolder(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '100,1000,10000' },
      runs: { type: 'string' },
      'one-task-runs': { type: 'string', default: '7' },
      environments: { type: 'string', default: '0' },
      tmp: { type: 'string', default: os.tmpdir() },
      keep: { type: 'boolean', default: false },
      json: { type: 'string' },
      // The package folder: the nearest above this file with a package.json (under ts-node or compiled).
      root: { type: 'string', default: packageFolder(__dirname) },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const count = (text: string, what: string, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`${what}: expected an integer >= ${min}, found ${JSON.stringify(text)}\n${USAGE}`);
    return n;
  };
  return {
    sizes: values.sizes.split(',').map((s) => count(s.trim(), '--sizes', 1)),
    runs: values.runs === undefined ? undefined : count(values.runs, '--runs', 1),
    oneTaskRuns: count(values['one-task-runs'], '--one-task-runs', 0),
    environments: count(values.environments, '--environments', 0),
    tmp: path.resolve(values.tmp),
    keep: values.keep,
    json: values.json,
    root: path.resolve(values.root),
  };
}
