/** The command-line options of the fuzz script (scripts/fuzz.ts). */

export interface ScriptOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly knownBugs: 'avoid' | 'include';
  readonly schema: boolean;
}

export function parseArgs(argv: readonly string[]): ScriptOptions {
  let runs = 10_000;
  let seed: number | undefined;
  let knownBugs: 'avoid' | 'include' = 'avoid';
  let schema = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n)) throw new Error(`${arg} needs an integer`);
      return n;
    };
    if (arg === '--runs') runs = value();
    else if (arg === '--seed') seed = value();
    else if (arg === '--include-known-bugs') knownBugs = 'include';
    else if (arg === '--no-schema') schema = false;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write('Usage: node build/scripts/fuzz.js [--runs N] [--seed S] [--include-known-bugs] [--no-schema]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${JSON.stringify(arg)} (see --help)`);
  }
  if (runs < 1) throw new Error('--runs must be at least 1');
  return { runs, seed, knownBugs, schema };
}
