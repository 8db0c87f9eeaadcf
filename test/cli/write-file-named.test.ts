import { fileSystemUserError, writeFileNamed } from '../../lib/file-system-error';

/*
 * A write(2) that fails (a full disk: ENOSPC) gets no `path` from Node, so
 * the user's one line said only "cannot write"; writeFileNamed names the
 * file. /dev/full refuses every write with ENOSPC (Linux's full(4)).
 */
test('a write to a full device names the file in the error line (exit 5)', () => {
  let thrown: unknown;
  try {
    writeFileNamed('/dev/full', 'kind: Job\n');
  } catch (error) {
    thrown = error;
  }
  expect((thrown as NodeJS.ErrnoException).code).toBe('ENOSPC');
  const user = fileSystemUserError(thrown)!;
  expect(user.message).toBe('cannot write /dev/full: ENOSPC: no space left on device; free some space on that file system and run again');
  expect(user.exitCode).toBe(5);
});
