/**
 * Ctrl-C (SIGINT) and SIGTERM during a run. A run is one synchronous pass
 * (render, then the output folder's commit), so node could only stop it
 * between two system calls, leaving a state no run produced. With a handler
 * installed, node delivers the signal when the pass is over: the run has
 * then written all of its files or none (lib/output/transaction.ts), and
 * the process ends with 128 + the signal's number, saying so.
 *
 * @param run the whole run; its exit code unless a signal came
 * @param stderr where the closing line goes
 */
export function runToCompletion(run: () => number, stderr: (text: string) => void): number {
  let stoppedBy: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    stoppedBy = signal;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = run();
  // A signal that came during the run is read in the event loop's poll phase, which comes before its check phase
  // (setImmediate; a timer could run first). The handlers stay until the process exits: one that comes later
  // still finds the run over, and must not kill the process as it ends.
  setImmediate(() => {
    if (stoppedBy === undefined) return;
    stderr(`stopped by ${stoppedBy} once the run was over: the output folder holds every file of this run, or, if it stopped at an error, every file as it was\n`);
    process.exitCode = stoppedBy === 'SIGINT' ? 130 : 143;
  });
  return code;
}
