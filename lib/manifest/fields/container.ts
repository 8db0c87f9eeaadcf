/**
 * What the container runs: `cmd` (Kubernetes `command`, replacing the
 * image's entrypoint) and `args`.
 */
import * as z from '../../zod';
import type { Mistakes } from './field';

export const containerFields = {
  cmd: z.array(z.string()).default([]).meta({
    description:
      'List of strings. Overrides or defines the command of your image ("image-source" or "image-destination"). ' +
      'An empty list keeps the image\'s own command.',
    examples: [['python', '-m', 'etl.run']],
  }),
  args: z.array(z.string()).default([]).meta({
    description:
      'Not required; an extension. List of strings: the container args, the arguments given to "cmd" (or to the image\'s own entrypoint). ' +
      'An empty list keeps the image\'s own arguments.',
    examples: [['--date', '2024-01-01']],
  }),
};

/** A command whose program holds a space: the container would look for a program named "python3 app.py". */
export const containerMistakes: Mistakes = (task) => {
  const program = task.command[0];
  if (program === undefined || !/\S\s+\S/.test(program.trim())) return [];
  const split = JSON.stringify([...program.trim().split(/\s+/), ...task.command.slice(1)]);
  return [{ path: ['cmd', 0], message: `${JSON.stringify(program)} is one argument, so the container would run a program of that whole name; did you mean ${split}?` }];
};

type ContainerValues = z.output<z.ZodObject<typeof containerFields>>;

/** The model of the container fields. */
export function toContainer(m: ContainerValues) {
  return { command: m.cmd, args: m.args };
}
