import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { DEFAULT_SETTINGS, type Environment } from '../../lib/project-settings';
import { synthesize } from '../support/render-stage';

/*
 * No field can be dropped silently (issue 15). This goes over the
 * manifest.schema.json the repository ships, as an editor sees it: every
 * top-level field has an example that differs from its default, and each
 * example, on the minimal manifest of every task kind, either changes the
 * rendered output or is refused with a located error at that field. A
 * field added to the schema without a translation and a construct line
 * renders nothing new, and fails here.
 */
const ROOT = path.resolve(__dirname, '../..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.schema.json'), 'utf8'));
const properties: Record<string, { examples?: unknown[]; default?: unknown }> = schema.properties;

/** The smallest valid manifest of each kind; its values differ from every example. */
const MINIMAL: Record<string, Record<string, unknown>> = {
  job: { type: 'job', name: 't', labels: 'app:t', 'image-source': 'busybox:1.36' },
  'cron-job': { type: 'job', name: 't', labels: 'app:t', 'image-source': 'busybox:1.36', schedule: '@daily' },
  deployment: { type: 'deployment', name: 't', labels: 'app:t', 'image-source': 'busybox:1.36' },
  service: { type: 'service', name: 't', labels: 'app:t', 'image-source': 'busybox:1.36', 'name-port': 'web', 'container-port': 5000 },
};

/** `$schema` is for editors only: the format says it is ignored when deploying, and so it must render nothing. */
const IGNORED = new Set(['$schema']);
/** A field given instead of another (exactly one image); `type` picks the kind, so it is tried on the minimal job. */
const INSTEAD_OF: Record<string, string> = { 'image-destination': 'image-source' };
const KINDS_OF: Record<string, readonly string[]> = { type: ['job'] };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'no-field-dropped-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let runs = 0;

/**
 * One manifest through the render stage main.ts runs (test/support/render-stage.ts
 * `synthesize`: load, cross-task rules, charts, render): the errors,
 * formatted as the command line prints them, and every output file.
 */
function renderManifest(manifest: Record<string, unknown>, environments: readonly Environment[] = []): { errors: string[]; output: string } {
  const tasksDir = path.join(work, String(runs++), 'tasks');
  fs.mkdirSync(path.join(tasksDir, 't'), { recursive: true });
  fs.writeFileSync(path.join(tasksDir, 't', 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const result = synthesize({ tasksDir, settings: DEFAULT_SETTINGS, cwd: path.dirname(tasksDir), environments });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  return { errors, output: JSON.stringify(result.files.map((f) => [f.path, f.content])) };
}

/** A field that means something only in a project with environments is tried in one (dev, prod, staging). */
const THREE_ENVIRONMENTS: readonly Environment[] = ['dev', 'prod', 'staging'].map((name) => ({ name, settings: DEFAULT_SETTINGS }));
const ENVIRONMENTS_OF: Record<string, readonly Environment[]> = { environments: THREE_ENVIRONMENTS };

const baselines = new Map<readonly Environment[], Record<string, { errors: string[]; output: string }>>();
const baselineOf = (environments: readonly Environment[] = []) => {
  if (!baselines.has(environments)) baselines.set(environments, Object.fromEntries(Object.entries(MINIMAL).map(([kind, m]) => [kind, renderManifest(m, environments)])));
  return baselines.get(environments)!;
};
const baseline = baselineOf();

test('the minimal manifests render', () => {
  for (const kind of Object.keys(MINIMAL)) expect(baseline[kind].errors).toEqual([]);
});

describe.each(Object.keys(properties))('%s', (field) => {
  const examples = properties[field].examples ?? [];

  test('has an example that differs from its default', () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(example).not.toEqual(properties[field].default);
  });

  test.each(examples.map((example) => [JSON.stringify(example), example]))('example %s changes the output of a kind it applies to, and is refused at the field on the others', (_, example) => {
    const changed: string[] = [];
    for (const kind of KINDS_OF[field] ?? Object.keys(MINIMAL)) {
      const manifest = { ...MINIMAL[kind], [field]: example };
      if (INSTEAD_OF[field] !== undefined) delete manifest[INSTEAD_OF[field]];
      const { errors, output } = renderManifest(manifest, ENVIRONMENTS_OF[field]);
      if (errors.length > 0) {
        // Refused: located (file:line:col) and at the field itself.
        expect({ kind, errors: errors.filter((e) => e.startsWith(`tasks/t/manifest.json:`) && new RegExp(`^\\S+:\\d+:\\d+ error: ${field.replace('$', '\\$')}(?:[.[:]|$)`).test(e)).length > 0 ? 'at the field' : errors }).toEqual({ kind, errors: 'at the field' });
      } else if (output !== baselineOf(ENVIRONMENTS_OF[field])[kind].output) {
        changed.push(kind);
      } else {
        expect({ kind, output: IGNORED.has(field) ? 'unchanged, as documented' : 'unchanged: the field is dropped' }).toEqual({ kind, output: IGNORED.has(field) ? 'unchanged, as documented' : 'changed' });
      }
    }
    if (!IGNORED.has(field)) expect(changed.length).toBeGreaterThan(0);
  });
});
