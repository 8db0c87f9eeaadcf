import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../support/workspace';

/* `datatask init [DIR]` (issue 17): the scaffold of a team repository, and its refusal to overwrite. */
test('init writes the team repository: package.json, main.ts with its customize line, settings, an example task, CI', () => {
  const ws = new Workspace();
  const { code, stdout } = ws.run('init', 'team-tasks');
  expect(code).toBe(0);
  expect(stdout.split('\n').filter(Boolean)).toEqual([
    'created .github/workflows/datatask.yml',
    'created .gitignore',
    'created .vscode/settings.json',
    'created cdk8s.yaml',
    'created datatask.settings.json',
    'created main.ts',
    'created package.json',
    'created tasks/example/manifest.json',
    'created tsconfig.json',
  ]);
  const dir = path.join(ws.root, 'team-tasks');
  expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toContain('\nexport const customize: readonly Customize[] = [];\n');
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  expect(Object.keys(pkg.dependencies)).toEqual(['cdk8s', 'constructs', 'datatask-cdk8s']);
  expect(Object.keys(pkg.devDependencies)).toEqual(['@types/node', 'ts-node', 'typescript']);
  expect(Object.keys(pkg.scripts)).toEqual(['synth', 'check', 'review', 'routes', 'images', 'test']);
  // The example task is valid: synth from the scaffold's own settings writes it.
  const synth = ws.run('synth', '--tasks', 'team-tasks/tasks', '--out', 'team-tasks/dist', '--settings', 'team-tasks/datatask.settings.json');
  expect(synth.code).toBe(0);
  ws.remove();
});

test('init refuses to overwrite: every existing file listed, nothing written, exit 2', () => {
  const ws = new Workspace();
  ws.write('repo/main.ts', '// ours\n').write('repo/package.json', '{}\n');
  const { code, stderr } = ws.run('init', 'repo');
  expect(code).toBe(2);
  expect(stderr).toBe('error: repo/ already has files that init would write, so nothing was written:\n  repo/main.ts\n  repo/package.json\nMove them away, or run init in an empty folder.\n');
  expect(fs.readdirSync(path.join(ws.root, 'repo')).sort()).toEqual(['main.ts', 'package.json']);
  ws.remove();
});

// The render cache's code identity under ts-node covers the modules a team's main.ts loads (its hooks' files).
test('editing a module that main.ts loaded changes the code identity (a cache ignoring hook code would reuse stale files)', () => {
  const ws = new Workspace();
  ws.write('main.ts', '// main\n').write('hooks/label.js', 'exports.team = "data";\n');
  const identity = (): string =>
    spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(ws.root, 'hooks/label.js'))}); const { codeIdentity } = require(${JSON.stringify(path.resolve(__dirname, '../../build/lib/output/code-identity.js'))}); process.stdout.write(codeIdentity(${JSON.stringify(path.join(ws.root, 'main.ts'))}))`], { encoding: 'utf8' }).stdout;
  const before = identity();
  expect(before).toMatch(/^[0-9a-f]{40}$/);
  expect(identity()).toBe(before);
  ws.write('hooks/label.js', 'exports.team = "ml";\n');
  expect(identity()).not.toBe(before);
  ws.remove();
});

test('settings.schema.json is the generated one (npm run schema), and the scaffold\'s settings name it', () => {
  const ws = new Workspace();
  const root = path.resolve(__dirname, '../..');
  const { settingsJsonSchemaText } = require('../../lib/settings-json-schema') as typeof import('../../lib/settings-json-schema');
  expect(fs.readFileSync(path.join(root, 'settings.schema.json'), 'utf8')).toBe(settingsJsonSchemaText());
  expect(ws.run('init', 'repo').code).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(ws.root, 'repo', 'datatask.settings.json'), 'utf8')).$schema).toBe('./node_modules/datatask-cdk8s/settings.schema.json');
  ws.remove();
});

test('init --help prints its usage; a second folder or an unknown option is bad usage (exit 2) and writes nothing', () => {
  const ws = new Workspace();
  const help = ws.run('init', '--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: datatask init \[DIR\] \[options\]/);
  const two = ws.run('init', 'a', 'b');
  expect({ code: two.code, first: two.stderr.split('\n')[0] }).toEqual({ code: 2, first: 'error: unexpected argument "b"' });
  const unknown = ws.run('init', '--force');
  expect({ code: unknown.code, first: unknown.stderr.split('\n')[0] }).toEqual({ code: 2, first: 'error: unknown option --force for `datatask init`' });
  expect(fs.readdirSync(ws.root)).toEqual([]);
  ws.remove();
});

test('the scaffold\'s CI workflow checks, then posts the markdown review as a PR comment; .gitignore keeps cdk8s synth\'s scratch folder out', () => {
  const ws = new Workspace();
  expect(ws.run('init', 'repo').code).toBe(0);
  const { parse } = require('yaml') as typeof import('yaml');
  const workflow = parse(fs.readFileSync(path.join(ws.root, 'repo', '.github/workflows/datatask.yml'), 'utf8'));
  expect(Object.keys(workflow.on)).toEqual(['pull_request']);
  expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  const runs = workflow.jobs['check-and-review'].steps.map((step: { run?: string }) => step.run).filter(Boolean);
  expect(runs[0]).toBe('npm ci');
  expect(runs[1]).toBe('npm run --silent check');
  expect(runs[2]).toContain('npm run --silent review -- --base "origin/$GITHUB_BASE_REF" --format markdown > review.md');
  expect(runs[2]).toContain('gh pr comment "$PR" --body-file review.md');
  const gitignore = fs.readFileSync(path.join(ws.root, 'repo', '.gitignore'), 'utf8').split('\n');
  expect(gitignore).toEqual(expect.arrayContaining(['node_modules/', 'build/cdk8s.out/']));
  ws.remove();
});
