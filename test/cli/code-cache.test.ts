import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../support/workspace';

/*
 * bin/datatask.js compiles build/app.js with V8's code cache build/app.jsc,
 * which starts with the SHA-1 of the bundle it was made from: V8's own check
 * compares only the source's length, so a cache of other bytes must be
 * ignored (and replaced), never run.
 */
const root = path.join(__dirname, '../..');

test('a code cache is written at the first run, and one made from other bytes is replaced', () => {
  const ws = new Workspace();
  try {
    // An installed copy of the command: bin/ and the bundle, no sources.
    for (const file of ['bin/datatask.js', 'build/app.js']) {
      fs.mkdirSync(path.dirname(path.join(ws.root, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(ws.root, file));
    }
    const cacheFile = path.join(ws.root, 'build/app.jsc');
    const digest = createHash('sha1').update(fs.readFileSync(path.join(ws.root, 'build/app.js'))).digest();
    const run = () => spawnSync(process.execPath, [path.join(ws.root, 'bin/datatask.js'), 'synth', '--tasks', 'tasks', '--out', path.join(ws.root, 'out')], { cwd: path.join(root, 'test/fixtures/seed'), encoding: 'utf8' });

    expect(run().status).toBe(0);
    const made = fs.readFileSync(cacheFile);
    expect(made.subarray(0, 20)).toEqual(digest);
    expect(made.length).toBeGreaterThan(100_000);

    // The same V8 data under another bundle's SHA-1: V8 would accept it, the launcher must not.
    const other = Buffer.concat([createHash('sha1').update('another bundle').digest(), made.subarray(20)]);
    fs.writeFileSync(cacheFile, other);
    const second = run();
    expect(second.stderr).toMatch(/: 0 written, 5 unchanged, 0 pruned, 2 warning\(s\) in /);
    expect(second.status).toBe(0);
    expect(fs.readFileSync(cacheFile).subarray(0, 20)).toEqual(digest);
  } finally {
    ws.remove();
  }
});
