import { renderDiagnostics } from '../diagnostics/formats';
import { ExitCode, UserError } from '../errors';
import { reviewGithub } from '../review/format-github';
import { reviewJson } from '../review/format-json';
import { reviewMarkdown } from '../review/format-markdown';
import { reviewText } from '../review/format-text';
import { readFolderAtRef } from '../review/git-tree';
import { closingLine, type Review } from '../review/model';
import { reviewChanges } from '../review/review';
import { renderWorkingTree } from '../review/working-tree';
import type { CliIo } from './main';
import { parseCommandArgs } from './review-args';

export const REVIEW_FORMATS = ['text', 'markdown', 'json', 'github'] as const;
type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export const REVIEW_USAGE = `Usage: npm run review -- --base REF [options]

Renders the working tree's tasks (writing nothing), reads the output folder
as it is at the git ref REF, and says what merging will do to the cluster,
task by task: objects created and deleted, changes the API server will
refuse (immutable fields), routes whose exposure changes, and every other
change in words. Environment variable values are never printed.

Options:
  --base REF        git commit, branch or tag to compare with (required),
                    e.g. origin/main; a ref without the output folder is a
                    first deploy
  --tasks DIR       folder searched for manifest.json files (default: tasks)
  --out DIR         output folder, as committed (default: dist)
  --settings FILE   project settings (default: datatask.settings.json, optional)
  --format FORMAT   text (default), markdown (a pull-request comment), json
                    (one object per changed task) or github (annotations)
  -h, --help        show this help

Exit codes: 0 nothing refused, 1 invalid manifests or settings, 2 bad usage
(or a bad ref), 4 the API server would refuse a change, 70 internal error.`;

/** `review`: what a change will do to the cluster; returns the exit code. */
export function runReview(argv: readonly string[], io: CliIo): number {
  return guarded(io, () => {
    const options = parseCommandArgs<ReviewFormat>(argv, io.cwd, REVIEW_USAGE, REVIEW_FORMATS, true);
    if (options.help) {
      io.stdout(`${REVIEW_USAGE}\n`);
      return ExitCode.OK;
    }
    const base = readFolderAtRef(io.cwd, options.base!, options.out);
    const tree = renderWorkingTree(options.tasksDir, options.settingsFile, io.cwd);
    if (tree.errors.length > 0 || tree.settings === undefined) {
      const format = options.format === 'markdown' ? 'text' : options.format;
      const rendered = renderDiagnostics(tree.errors, format);
      if (format === 'text') io.stderr(rendered);
      else io.stdout(rendered);
      io.stderr(`${tree.errors.length} error(s) in the manifests or settings: nothing to review\n`);
      return ExitCode.INVALID_INPUT;
    }
    const review = reviewChanges({ base: { ref: options.base!, ...base }, head: tree.files, tasks: tree.tasks, settings: tree.settings, out: options.out });
    print(review, options.format, io);
    return review.changes.some((t) => t.findings.some((f) => f.kind === 'refusal')) ? ExitCode.REFUSED : ExitCode.OK;
  });
}

function print(review: Review, format: ReviewFormat, io: CliIo): void {
  if (format === 'text') io.stdout(reviewText(review));
  else if (format === 'markdown') io.stdout(reviewMarkdown(review));
  else {
    io.stdout(format === 'json' ? reviewJson(review) : reviewGithub(review));
    io.stderr(`${closingLine(review)}\n`);
  }
}

/** Runs a command: a user's mistake is printed without a stack (its exit code), anything else is a bug (70, with the stack). */
export function guarded(io: CliIo, run: () => number): number {
  try {
    return run();
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(`error: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`internal error (a bug in datatask-cdk8s; please report it with this trace):\n${(error as Error).stack ?? String(error)}\n`);
    return ExitCode.INTERNAL;
  }
}
