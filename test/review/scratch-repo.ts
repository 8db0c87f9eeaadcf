import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../support/workspace';

/** A scratch git repository of tasks: commit a base (with its rendered dist/), change the working tree, review. */
export class ScratchRepo extends Workspace {
  constructor() {
    super();
    this.git('init', '-q', '-b', 'main');
  }

  public git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.root,
      encoding: 'utf8',
    });
  }

  /** Renders dist/ (unless `withDist` is false), commits everything and tags it `base`. */
  public commitBase(withDist = true): this {
    if (withDist) {
      const synth = this.run();
      if (synth.code !== 0) throw new Error(synth.stderr);
    }
    this.git('add', '-A');
    this.git('commit', '-q', '-m', 'base');
    this.git('tag', '-f', 'base');
    return this;
  }

  /** Puts the working tree back as the base commit left it. */
  public reset(): void {
    this.git('checkout', '-q', '--', '.');
    this.git('clean', '-qfd');
  }

  public removeTask(relative: string): this {
    fs.rmSync(path.join(this.root, 'tasks', relative), { recursive: true, force: true });
    return this;
  }

  public review(...argv: string[]): { code: number; stdout: string; stderr: string } {
    return this.run('review', ...argv);
  }

  public routes(...argv: string[]): { code: number; stdout: string; stderr: string } {
    return this.run('routes', ...argv);
  }
}
