import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * The output folder as a transaction (issue 18): through the real command
 * (bin/datatask.js, the bundle npm run synth runs), on a few hundred tasks
 * whose every file changes between the "before" and "after" trees. Each
 * test compares the output folder byte for byte with one of the two.
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'datatask.js');
const N = 300;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-txn-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function writeTasks(dir: string, image: string): void {
  for (let i = 0; i < N; i++) {
    const file = path.join(dir, `t${String(i).padStart(3, '0')}`, 'manifest.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ type: 'job', name: `t${String(i).padStart(3, '0')}`, labels: `app:t${i}`, 'image-source': image }, null, 2));
  }
}
const before = path.join(work, 'before');
const after = path.join(work, 'after');
writeTasks(before, 'busybox:1.35');
writeTasks(after, 'busybox:1.36');

function synth(tasks: string, out: string, env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, 'synth', '--tasks', tasks, '--out', out], { cwd: work, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: run.status, signal: run.signal, stderr: run.stderr };
}

/** Every file below `dir` (the tool's bookkeeping included) with its bytes. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else out[child] = fs.readFileSync(path.join(dir, child), 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}

let n = 0;
/** A fresh output folder holding the "before" output; with the trees of both states. */
function outputBefore(): { out: string; beforeTree: Record<string, string>; afterTree: Record<string, string> } {
  const out = path.join(work, `out${n++}`);
  expect(synth(before, out).code).toBe(0);
  const beforeTree = tree(out);
  const reference = path.join(work, `ref${n++}`);
  expect(synth(after, reference).code).toBe(0);
  return { out, beforeTree, afterTree: tree(reference) };
}

test('a full disk while staging (ENOSPC) leaves every file as it was: one error line naming the path, the operation and the reason, exit 5', () => {
  const { out, beforeTree } = outputBefore();
  const run = synth(after, out, { DATATASK_TEST_FAIL_AT_STAGED_FILE: '150:ENOSPC' });
  expect(run.code).toBe(5);
  expect(run.stderr).toBe(`error: cannot open ${path.join(out, '.datatask-staging', '150')}: ENOSPC: no space left on device; free some space on that file system and run again\n`);
  expect(tree(out)).toEqual(beforeTree);
});

// Injected, since the tests may run as root (where chmod denies nothing).
test('permission denied while staging (EACCES) leaves every file as it was: one error line, exit 5', () => {
  const { out, beforeTree } = outputBefore();
  const run = synth(after, out, { DATATASK_TEST_FAIL_AT_STAGED_FILE: '10:EACCES' });
  expect(run.code).toBe(5);
  expect(run.stderr).toBe(`error: cannot open ${path.join(out, '.datatask-staging', '10')}: EACCES: permission denied; give this user the permission, or choose another folder, and run again\n`);
  expect(tree(out)).toEqual(beforeTree);
});

test('a real file system refusal is the user\'s error too: an output path that is a file below a file (ENOTDIR), exit 5, no stack', () => {
  const blocker = path.join(work, `blocker${n++}`);
  fs.writeFileSync(blocker, 'not a folder');
  const run = synth(after, path.join(blocker, 'dist'));
  expect(run.code).toBe(5);
  expect(run.stderr).toMatch(/^error: cannot create the folder .*blocker\d+\/dist: ENOTDIR: not a directory; a part of the path is a file, not a folder: move it away and run again\n$/);
});

test('kill -9 between two renames of the commit: the next run finishes it, every file as it is after, no bookkeeping left', () => {
  const { out, afterTree } = outputBefore();
  const killed = synth(after, out, { DATATASK_TEST_SIGNAL_AFTER_RENAMES: '100:SIGKILL' });
  expect(killed.signal).toBe('SIGKILL');
  expect(fs.existsSync(path.join(out, '.datatask-journal'))).toBe(true);
  const rerun = synth(after, out);
  expect(rerun.code).toBe(0);
  expect(rerun.stderr).toContain('0 written, 300 unchanged, 0 pruned');
  expect(tree(out)).toEqual(afterTree);
});

test('a lock of a live run refuses a second run (exit 6, naming the pid); a dead run\'s lock is taken over', () => {
  const { out, beforeTree, afterTree } = outputBefore();
  fs.writeFileSync(path.join(out, '.datatask-lock'), JSON.stringify({ pid: process.pid, host: os.hostname() }));
  const busy = synth(after, out);
  expect(busy.code).toBe(6);
  expect(busy.stderr).toContain(`is being written by another datatask run (pid ${process.pid} on ${os.hostname()}`);
  fs.rmSync(path.join(out, '.datatask-lock'));
  expect(tree(out)).toEqual(beforeTree);
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  fs.writeFileSync(path.join(out, '.datatask-lock'), JSON.stringify({ pid: Number(dead), host: os.hostname() }));
  expect(synth(after, out).code).toBe(0);
  expect(tree(out)).toEqual(afterTree);
});

test('an empty lock (an older version\'s, cut by a full disk) is stale: the run takes it over, and leaves no lock', () => {
  const { out, afterTree } = outputBefore();
  fs.writeFileSync(path.join(out, '.datatask-lock'), '');
  const run = synth(after, out);
  expect(run.code).toBe(0);
  expect(tree(out)).toEqual(afterTree);
  expect(fs.readdirSync(out).filter((name) => name.startsWith('.datatask-lock'))).toEqual([]);
});

test('three runs at once into one folder: each writes all or is refused, and the folder ends as it is after', async () => {
  const { out, afterTree } = outputBefore();
  const runs = await Promise.all([0, 1, 2].map(() => new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'synth', '--tasks', after, '--out', out], { cwd: work });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  })));
  for (const run of runs) expect([0, 6]).toContain(run.code);
  expect(runs.some((r) => r.code === 0)).toBe(true);
  // A run reports only what it did: "pruned" nothing (no run prunes another's files).
  for (const run of runs.filter((r) => r.code === 0)) expect(run.stderr).toMatch(/ 0 pruned/);
  expect(tree(out)).toEqual(afterTree);
});

test.each(['SIGINT', 'SIGTERM'])('%s in the middle of the commit (after 100 of 300 renames): the commit finishes, every file as it is after, then exit 128 + the signal, saying so', (signal) => {
  const { out, afterTree } = outputBefore();
  const run = synth(after, out, { DATATASK_TEST_SIGNAL_AFTER_RENAMES: `100:${signal}` });
  expect(run.code).toBe(signal === 'SIGINT' ? 130 : 143);
  expect(run.stderr).toContain(`stopped by ${signal} once the run was over: the output folder holds every file of this run`);
  expect(tree(out)).toEqual(afterTree);
});

// At any moment, from outside.
test.each([50, 150, 250])('SIGINT %i ms after the start: every file as it was, or as it is after', async (delay) => {
  const { out, beforeTree, afterTree } = outputBefore();
  const child = spawn(process.execPath, [BIN, 'synth', '--tasks', after, '--out', out], { cwd: work });
  setTimeout(() => child.kill('SIGINT'), delay);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  // Killed by the signal: before the handlers were installed (nothing changed) or while node was already exiting
  // (the run over, every file written); else the run ended itself, with or without having seen the signal.
  const state = tree(out);
  if (signal === 'SIGINT') expect([beforeTree, afterTree]).toContainEqual(state);
  else {
    expect([0, 130]).toContain(code);
    expect(state).toEqual(afterTree);
  }
});

test('an output folder inside another (synth --out dist/dev) is not pruned by the outer run', () => {
  const out = path.join(work, `nested${n++}`);
  expect(synth(before, path.join(out, 'dev')).code).toBe(0);
  const dev = tree(path.join(out, 'dev'));
  const outer = synth(after, out);
  expect(outer.code).toBe(0);
  expect(outer.stderr).toContain('300 written, 0 unchanged, 0 pruned');
  expect(tree(path.join(out, 'dev'))).toEqual(dev);
});
