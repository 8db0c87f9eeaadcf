/**
 * Loads the schema validator of test/support/kube-schema.ts for the fuzz
 * script: that file is not compiled into build/, and reads its data files
 * relative to its own folder.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { SchemaValidator } from './violation';

/** The project folder: the nearest parent with this project's package.json. */
function projectRoot(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'datatask-cdk8s') return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads test/support/kube-schema.ts from the source tree: transpiled with
 * TypeScript and evaluated with its own file name, so that it finds its data
 * files next to it. Returns the reason when it cannot.
 */
export function loadSchemaValidator(): SchemaValidator | string {
  const root = projectRoot();
  if (root === undefined) return 'the project folder was not found';
  const file = path.join(root, 'test', 'support', 'kube-schema.ts');
  if (!fs.existsSync(file)) return `${path.relative(root, file)} is missing`;
  const req = createRequire(file);
  let ts: typeof import('typescript');
  try {
    ts = req('typescript') as typeof import('typescript');
  } catch {
    return 'the typescript package is not installed';
  }
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const mod = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', 'require', 'module', '__filename', '__dirname', js)(mod.exports, req, mod, file, path.dirname(file));
  const validate = mod.exports.expectValidKubernetesObjects;
  return typeof validate === 'function' ? (validate as SchemaValidator) : `${path.relative(root, file)} has no expectValidKubernetesObjects`;
}
