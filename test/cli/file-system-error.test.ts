import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExitCode } from '../../lib/errors';
import { fileSystemUserError, mkdirUserError } from '../../lib/file-system-error';

/*
 * Node's recursive mkdirSync reports a parent it may not write (a
 * read-only file system, no permission) as ENOENT of the folder
 * (src/node_file.cc MKDirpSync): `--out /read-only/new` was an internal
 * error with a stack. Reproduced as root with
 * `mount -t tmpfs -o ro tmpfs /tmp/ro` and `synth --out /tmp/ro/dist`.
 */
describe('a folder that cannot be made (ENOENT from a recursive mkdir)', () => {
  const enoent = (folder: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${folder}'`), { code: 'ENOENT', errno: -2, syscall: 'mkdir', path: folder });

  test('is the user\'s error (exit 5, one line, no stack), not an internal one', () => {
    const folder = path.join(os.tmpdir(), `gone-${process.pid}`, 'dist');
    const error = fileSystemUserError(enoent(folder));
    expect(error?.exitCode).toBe(ExitCode.FILE_SYSTEM);
    expect(error?.message).toBe(`cannot create the folder ${folder}: ENOENT: no such file or directory (a folder above it vanished or cannot be made); check the path and run again`);
  });

  test('names the true reason, asked of the nearest existing folder above it: a read-only file system', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ro-'));
    const folder = path.join(parent, 'a', 'dist');
    const readOnly = (p: string): void => {
      throw Object.assign(new Error(`EROFS: read-only file system, access '${p}'`), { code: 'EROFS', syscall: 'access', path: p });
    };
    const error = mkdirUserError(folder, readOnly);
    fs.rmSync(parent, { recursive: true });
    expect(error.exitCode).toBe(ExitCode.FILE_SYSTEM);
    expect(error.message).toBe(`cannot create the folder ${folder}: EROFS: read-only file system (${parent}); the file system is mounted read-only: choose a writable folder and run again`);
  });
});

test('an output folder that is a file (EEXIST from a recursive mkdir): exit 5, one line, not an internal error', () => {
  const file = path.join(os.tmpdir(), `a-file-${process.pid}`);
  fs.writeFileSync(file, '');
  let thrown: unknown;
  try {
    fs.mkdirSync(file, { recursive: true });
  } catch (error) {
    thrown = error;
  }
  fs.rmSync(file);
  const error = fileSystemUserError(thrown);
  expect(error?.exitCode).toBe(ExitCode.FILE_SYSTEM);
  expect(error?.message).toBe(`cannot create the folder ${file}: EEXIST: a file of that name exists; move it away, or choose another folder, and run again`);
});
