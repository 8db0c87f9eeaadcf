/**
 * Property-based fuzzing of the manifest loader and renderer.
 *
 *   npx tsc -p tsconfig.build.json && node build/scripts/fuzz.js [--runs N] [--seed S] [--include-known-bugs] [--no-schema]
 *
 * Two properties, each checked on N generated inputs (10,000 by default):
 *
 * 1. valid manifests: any valid manifest, with any settings, loads without
 *    an error and renders; the YAML reads back (YAML 1.1 and 1.2) as exactly
 *    the objects rendered; every object passes the strict Kubernetes 1.27 /
 *    Mapping schema and the API-server rules below; the manifest's values
 *    read back as given; the Pod Security profile holds.
 * 2. hostile manifests: for any mutation of a valid manifest (or garbage),
 *    `ManifestLoader.load` never throws, and gives either a task (which then
 *    renders into valid objects) or located error diagnostics, never both.
 *
 * The same checks run in jest (test/fuzz/*.test.ts), which import them from
 * scripts/fuzz/valid-check.ts and scripts/fuzz/hostile-check.ts. The schema
 * validator lives in test/support/kube-schema.ts, which is not compiled into
 * build/ (and reads its data files relative to its own folder), so this
 * script transpiles that file on the fly with TypeScript and evaluates it in
 * place (scripts/fuzz/schema-validator.ts); `--no-schema` skips it.
 *
 * The modules of scripts/fuzz/ (under scripts/, so that
 * `tsc -p tsconfig.build.json` compiles them into build/scripts/fuzz/):
 *
 * - generators (fast-check arbitraries): options.ts (options, known bugs),
 *   strings.ts, names.ts, image-references.ts, quantities.ts, cron.ts,
 *   fields.ts, volumes.ts, published.ts, settings.ts, valid-case.ts; for
 *   hostile inputs json-tree.ts, object-mutations.ts, text-mutations.ts,
 *   hostile-case.ts;
 * - checks: violation.ts, loaders.ts, cluster-rules.ts, rendering-check.ts,
 *   valid-check.ts, hostile-check.ts;
 * - this script: cli-args.ts, schema-validator.ts, run-property.ts.
 */
import { parseArgs } from '../test/support/fuzz/cli-args';
import { hostileWithSettingsArbitrary } from '../test/support/fuzz/hostile-case';
import { checkHostileCase } from '../test/support/fuzz/hostile-check';
import { parseSettings } from '../test/support/fuzz/loaders';
import { type FuzzOptions, KNOWN_BUGS } from '../test/support/fuzz/options';
import { toleratedKnownBugs } from '../test/support/fuzz/rendering-check';
import { runProperty } from '../test/support/fuzz/run-property';
import { loadSchemaValidator } from '../test/support/fuzz/schema-validator';
import { validWithSettingsArbitrary } from '../test/support/fuzz/valid-case';
import { checkValidCase } from '../test/support/fuzz/valid-check';

function main(argv: readonly string[]): number {
  const options = parseArgs(argv);
  const fuzz: FuzzOptions = { knownBugs: options.knownBugs };
  const validator = options.schema ? loadSchemaValidator() : 'disabled by --no-schema';
  const validate = typeof validator === 'function' ? validator : undefined;
  process.stdout.write(`schema check: ${validate !== undefined ? 'on (test/support/kube-schema.ts, Kubernetes 1.27 + Mapping CRD)' : `off (${validator as string})`}\n`);
  process.stdout.write(
    options.knownBugs === 'include'
      ? `known bugs: included (${Object.keys(KNOWN_BUGS).length} kinds of input that once broke lib/, all fixed: the valid property reports each as refused)\n`
      : `known bugs: avoided (${Object.keys(KNOWN_BUGS).length} kinds of input not generated; see --include-known-bugs)\n`,
  );
  const started = process.hrtime.bigint();
  const outcomes = [
    runProperty(
      'valid manifests',
      validWithSettingsArbitrary(fuzz),
      ({ settings, case: c }) => checkValidCase(c, parseSettings(settings), validate),
      options,
    ),
    runProperty(
      'hostile manifests',
      hostileWithSettingsArbitrary(fuzz),
      ({ settings, case: c }) => checkHostileCase(c, parseSettings(settings), validate, options.knownBugs),
      options,
    ),
  ];
  if (toleratedKnownBugs.size > 0) {
    process.stdout.write('known bugs met by chance and not counted as failures (--include-known-bugs counts them):\n');
    for (const [bug, count] of toleratedKnownBugs) process.stdout.write(`  ${count} × ${bug}: ${KNOWN_BUGS[bug]}\n`);
  }
  const total = Number(process.hrtime.bigint() - started) / 1e9;
  const failures = outcomes.reduce((n, o) => n + o.failures, 0);
  const runs = outcomes.reduce((n, o) => n + o.runs, 0);
  process.stdout.write(`total: ${runs} runs, ${failures} failure(s), ${total.toFixed(1)} s\n`);
  return failures === 0 ? 0 : 1;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`fuzz: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
