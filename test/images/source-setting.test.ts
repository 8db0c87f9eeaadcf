import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../lib/settings-file';
import { settingsDiagnostics } from '../support/settings';
import type { Workspace } from '../support/workspace';
import { seedWorkspace } from './support';

/*
 * The `images.source` setting: the URL of the source repository, the
 * `org.opencontainers.image.source` label (OCI image spec, annotations.md,
 * "Pre-Defined Annotation Keys": "URL to get source code for building the
 * image") of every target of `images --format bake`.
 */

describe('images.source in the settings', () => {
  test.each([
    ['https://github.com/acme/data-tasks'],
    ['http://git.internal.example.com/data/tasks'],
    ['HTTPS://github.com/acme/data-tasks'],
  ])('%s is accepted, and read as written', (url) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-settings-'));
    fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify({ images: { source: url }, environments: { dev: {} } }));
    const read = readSettings(path.join(dir, 's.json'));
    expect(read.diagnostics).toEqual([]);
    expect(read.settings!.images).toEqual({ source: url });
    expect(read.environments[0]!.settings.images).toEqual({ source: url });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['{"images": {"source": "git@github.com:acme/data-tasks.git"}}', '1:23 error: images.source: "git@github.com:acme/data-tasks.git" is a git address, not a URL (did you mean "https://github.com/acme/data-tasks"?)'],
    ['{"images": {"source": "ssh://git@github.com/acme/data-tasks"}}', '1:23 error: images.source: must be an http:// or https:// URL (the repository\'s web address), found the scheme "ssh"'],
    ['{"images": {"source": "github.com/acme/data-tasks"}}', '1:23 error: images.source: "github.com/acme/data-tasks" is not a URL; expected an http(s) URL such as "https://github.com/acme/data-tasks"'],
    ['{"images": {"source": "https://x-token:ghp_secret@github.com/acme/data-tasks"}}', '1:23 error: images.source: "https://x-token:…@github.com" holds credentials, which every image built would carry in a label anyone who pulls it can read; remove them'],
    ['{"images": {"source": "https://github.com/acme/data tasks"}}', '1:23 error: images.source: "https://github.com/acme/data tasks" holds white space; expected an http(s) URL such as "https://github.com/acme/data-tasks"'],
    ['{"images": {"source": 5}}', '1:23 error: images.source: expected a string, found 5 (write \"5\" in quotes)'],
    ['{"images": {"sources": "https://github.com/acme/data-tasks"}}', '1:13 error: images.sources: unknown field (did you mean "source"?)'],
    // An image is built once and promoted by its digest: its label cannot differ per environment.
    ['{"environments": {"prod": {"images": {"source": "https://github.com/acme/prod"}}}}', '1:38 error: environments.prod.images: is the whole project\'s: an image is built once, with one source label, and promoted between environments by its digest; set it at the top level of the settings file'],
  ])('%s', (text, expected) => {
    expect(settingsDiagnostics(text)).toEqual([`datatask.settings.json:${expected}`]);
  });
});

describe('the bake label comes from the setting', () => {
  let ws: Workspace;
  beforeEach(() => (ws = seedWorkspace()));
  afterEach(() => ws.remove());

  test('every target has org.opencontainers.image.source, exactly as the setting writes it', () => {
    ws.write('datatask.settings.json', JSON.stringify({ images: { source: 'https://github.com/acme/data-tasks' } }));
    const { code, stdout } = ws.run('images', '--format', 'bake', '--tag', '3f2c1d0');
    expect(code).toBe(0);
    const targets = Object.values<{ labels?: Record<string, string> }>(JSON.parse(stdout).target);
    expect(targets.length).toBe(2);
    for (const target of targets) expect(target.labels).toEqual({ 'org.opencontainers.image.source': 'https://github.com/acme/data-tasks' });
  });

  test('without it, no labels; a bad URL stops images with the located error (exit 1)', () => {
    expect(Object.values<{ labels?: unknown }>(JSON.parse(ws.run('images', '--format', 'bake').stdout).target).map((t) => t.labels)).toEqual([undefined, undefined]);
    ws.write('datatask.settings.json', '{\n  "images": { "source": "ftp://example.com/tasks" }\n}\n');
    const { code, stdout, stderr } = ws.run('images', '--format', 'bake');
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('datatask.settings.json:2:25 error: images.source: must be an http:// or https:// URL (the repository\'s web address), found the scheme "ftp"');
  });
});
