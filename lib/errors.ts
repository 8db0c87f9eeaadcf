/**
 * A mistake the user can fix: bad input, a bad command line, an unreadable
 * file. Printed without a stack trace. Anything else that is thrown is a bug
 * in datatask-cdk8s and keeps its stack.
 */
export class UserError extends Error {
  /**
   * @param message what went wrong, in plain language
   * @param exitCode the process exit code to end with
   */
  constructor(message: string, public readonly exitCode: number = ExitCode.INVALID_INPUT) {
    super(message);
    this.name = 'UserError';
  }
}

/** The process exit codes, documented in the README. */
export const ExitCode = {
  OK: 0,
  /** One or more manifests (or the settings file) are invalid. */
  INVALID_INPUT: 1,
  /** The command line itself is wrong. */
  USAGE: 2,
  /** `--check`: the output folder is not what synth would write. */
  DRIFT: 3,
  /** `review`: the API server would refuse a change (an immutable field). */
  REFUSED: 4,
  /** The file system refused an operation (a full disk, no permission, a read-only file system, an I/O error). */
  FILE_SYSTEM: 5,
  /** Another datatask run is writing the same output folder. */
  BUSY: 6,
  /** A bug in datatask-cdk8s (an unexpected exception). */
  INTERNAL: 70,
} as const;
