import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExitCode, UserError } from '../../errors';
import { scaffoldFiles } from '../../init/scaffold';
import type { Command } from '../command';

/**
 * `datatask init [DIR]`: scaffolds a team's tasks repository (lib/init/scaffold.ts)
 * in DIR (default: the working directory). Writes nothing when any of its
 * files exists.
 */
export const initCommand: Command = {
  name: 'init',
  summary: 'scaffold a team repository: package.json, main.ts (the hooks), cdk8s.yaml, settings, an example task, a CI workflow',
  positional: 'dir',
  options: {},
  optionHelp: '  DIR               the repository folder (default: the working directory; made if missing)',
  notes: 'Exit 2, writing nothing, when any file it would write exists.',
  run(values, io) {
    const dir = path.resolve(io.cwd, typeof values.dir === 'string' ? values.dir : '.');
    const own = JSON.parse(fs.readFileSync(path.join(__dirname, ...packageRootFrom(__dirname), 'package.json'), 'utf8'));
    const files = scaffoldFiles({
      name: path.basename(dir).toLowerCase().replace(/[^a-z0-9-._~]/g, '-'),
      version: own.version,
      dependencies: { cdk8s: own.dependencies.cdk8s, constructs: own.dependencies.constructs, 'ts-node': own.devDependencies['ts-node'], typescript: own.devDependencies.typescript, '@types/node': own.devDependencies['@types/node'] },
    });
    const existing = [...files.keys()].filter((file) => fs.existsSync(path.join(dir, file)));
    if (existing.length > 0) {
      const shown = path.relative(io.cwd, dir) || '.';
      throw new UserError(`${shown}/ already has ${existing.length === 1 ? 'a file' : 'files'} that init would write, so nothing was written:\n${existing.map((f) => `  ${path.join(shown, f)}`).join('\n')}\nMove them away, or run init in an empty folder.`, ExitCode.USAGE);
    }
    for (const [file, content] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content, { flag: 'wx' });
    }
    io.stdout([...files.keys()].map((f) => `created ${f}\n`).join(''));
    io.stderr(`next: cd ${path.relative(io.cwd, dir) || '.'} && npm install && npm run synth\n`);
    return ExitCode.OK;
  },
};

/** From this module to the package folder: lib/cli/commands/ in source, build/lib/cli/commands/ or build/ (the bundle) when built. */
function packageRootFrom(dir: string): string[] {
  for (let up = 0; up < 5; up++) {
    const candidate = path.join(dir, ...Array(up).fill('..'));
    if (fs.existsSync(path.join(candidate, 'package.json'))) return Array(up).fill('..');
  }
  throw new Error(`no package.json above ${dir}`);
}
