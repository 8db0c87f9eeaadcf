import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runReview } from '../../lib/cli/review';
import { service } from '../support/workspace';
import { BASE, writeTasks } from './fixtures';
import { ScratchRepo } from './scratch-repo';

// One scratch repository: the base commit holds the tasks of fixtures.ts and
// their dist/; each test changes the working tree, reviews, and puts it back.
let repo: ScratchRepo;
let short: string;
beforeAll(() => {
  repo = new ScratchRepo();
  writeTasks(repo);
  repo.commitBase();
  short = repo.git('rev-parse', '--short=7', 'base').trim();
});
afterEach(() => repo.reset());
afterAll(() => repo.remove());

const review = (...argv: string[]) => repo.review('--base', 'base', ...argv);
const heading = () => `Review of the tasks in the working tree against dist at base (${short})\n`;

test('a no-op change: nothing to say, exit 0', () => {
  const r = review();
  expect(r).toEqual({ code: 0, stderr: '', stdout: `${heading()}\n0 changed, 0 added, 0 removed, 4 unchanged tasks\n` });
});

test('relabelling a service: the Deployment selector is refused (exit 4), the Service selector is accepted', () => {
  writeTasks(repo, { web: { labels: 'app:web2' } });
  const text = review();
  expect(text.code).toBe(4);
  expect(text.stdout).toBe(
    heading() +
      '\n' +
      'changed default/web (service, tasks/web/manifest.json)\n' +
      "  REFUSED   tasks/web/manifest.json:2:13 labels: the API server will refuse to update Deployment/web in default: spec.selector is immutable (apps/v1) and the labels change it (app=web → app=web2), so Argo CD's sync fails. Delete the Deployment before the sync (kubectl delete deployment web -n default; its pods stop until the new ones run), or give the task a new name so that a new Deployment is created and this one pruned\n" +
      '  change    labels: app=web → app=web2\n' +
      "  change    Service/web in default selector: app=web → app=web2 is accepted (a Service's selector may change), so after the sync it matches none of the running pods, which keep the old labels: the service has no endpoints until its Deployment is recreated\n" +
      '\n' +
      '1 changed, 0 added, 0 removed, 3 unchanged tasks; 1 change the API server will refuse\n',
  );
  const markdown = review('--format', 'markdown');
  expect(markdown.code).toBe(4);
  expect(markdown.stdout).toBe(
    '### datatask-cdk8s review\n' +
      '\n' +
      `${heading()}` +
      '\n' +
      '| task | type | status | refused | exposure | other changes |\n' +
      '|---|---|---|---:|---:|---:|\n' +
      '| `default/web` | service | changed | **1** | 0 | 2 |\n' +
      '\n' +
      '<details open><summary>changed <code>default/web</code> (service, <code>tasks/web/manifest.json</code>): <b>1 refused</b></summary>\n' +
      '\n' +
      "- **REFUSED** `tasks/web/manifest.json:2:13` `labels`: the API server will refuse to update Deployment/web in default: spec.selector is immutable (apps/v1) and the labels change it (app=web → app=web2), so Argo CD's sync fails. Delete the Deployment before the sync (kubectl delete deployment web -n default; its pods stop until the new ones run), or give the task a new name so that a new Deployment is created and this one pruned\n" +
      '- change labels: app=web → app=web2\n' +
      "- change Service/web in default selector: app=web → app=web2 is accepted (a Service's selector may change), so after the sync it matches none of the running pods, which keep the old labels: the service has no endpoints until its Deployment is recreated\n" +
      '\n' +
      '</details>\n' +
      '\n' +
      '**1 changed, 0 added, 0 removed, 3 unchanged tasks; 1 change the API server will refuse**\n',
  );
});
