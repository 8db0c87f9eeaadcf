import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeIdentity, moduleGraph } from '../../lib/output/code-identity';
import { Workspace } from '../support/workspace';

/*
 * The render cache's code identity over a team main.ts's module graph
 * (issue 17): node's module cache is given as data, as node fills it (a
 * module is among the children of every module that requires it).
 */
let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => ws.remove());

/** A module cache: each file with the files it required. */
function modules(graph: Record<string, readonly string[]>): NodeJS.Dict<NodeJS.Module> {
  const made: Record<string, NodeJS.Module> = {};
  for (const file of Object.keys(graph)) made[file] = { filename: file, children: [] as NodeJS.Module[] } as NodeJS.Module;
  for (const [file, children] of Object.entries(graph)) made[file]!.children.push(...children.map((child) => made[child]!));
  return made;
}

test('the module graph: main and what it requires transitively, outside node_modules, sorted; a package is not followed', () => {
  const at = (relative: string) => path.join(ws.root, relative);
  const cache = modules({
    [at('team/main.ts')]: [at('team/node_modules/datatask-cdk8s/build/lib/index.js'), at('team/hooks/label.ts')],
    [at('team/hooks/label.ts')]: [at('shared/helpers.ts'), at('team/hooks/label.ts')],
    [at('shared/helpers.ts')]: [],
    [at('team/node_modules/datatask-cdk8s/build/lib/index.js')]: [at('team/node_modules/cdk8s/lib/index.js'), at('elsewhere.js')],
    [at('team/node_modules/cdk8s/lib/index.js')]: [],
    [at('elsewhere.js')]: [],
  });
  expect(moduleGraph(at('team/main.ts'), cache)).toEqual([at('shared/helpers.ts'), at('team/hooks/label.ts'), at('team/main.ts')]);
  expect(moduleGraph(at('team/absent.ts'), cache)).toEqual([]);
});

test('editing a helper a hook imports, even outside the project folder, is another code; the same files are the same code', () => {
  ws.write('team/main.ts', "import './hooks/label';\n").write('team/hooks/label.ts', "import '../../shared/helpers';\n").write('shared/helpers.ts', "export const TEAM = 'data';\n");
  const main = path.join(ws.root, 'team/main.ts');
  const cache = modules({ [main]: [path.join(ws.root, 'team/hooks/label.ts')], [path.join(ws.root, 'team/hooks/label.ts')]: [path.join(ws.root, 'shared/helpers.ts')], [path.join(ws.root, 'shared/helpers.ts')]: [] });
  const first = codeIdentity(main, cache);
  expect(codeIdentity(main, cache)).toBe(first);
  ws.write('shared/helpers.ts', "export const TEAM = 'ml';\n");
  expect(codeIdentity(main, cache)).not.toBe(first);
  // Without the graph (a cache that ignores hook code) the edit would go unseen: only main.ts is hashed.
  const withoutGraph = codeIdentity(main, {});
  ws.write('shared/helpers.ts', "export const TEAM = 'data';\n");
  expect(codeIdentity(main, {})).toBe(withoutGraph);
});

test('a plain JavaScript main.js that node loaded is hashed with its graph, not as a bundle', () => {
  ws.write('main.js', "require('./hooks/label');\n").write('hooks/label.js', "exports.team = 'data';\n");
  const main = path.join(ws.root, 'main.js');
  const cache = modules({ [main]: [path.join(ws.root, 'hooks/label.js')], [path.join(ws.root, 'hooks/label.js')]: [] });
  const first = codeIdentity(main, cache);
  fs.writeFileSync(path.join(ws.root, 'hooks/label.js'), "exports.team = 'ml';\n");
  expect(codeIdentity(main, cache)).not.toBe(first);
  // Not loaded as a module (bin/datatask.js compiles the bundle itself): the bundle's bytes.
  expect(codeIdentity(main, {})).toMatch(/^[0-9a-f]{40}$/);
});
