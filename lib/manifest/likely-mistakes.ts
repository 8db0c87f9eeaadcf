/**
 * Values the API server and the gateway accept but that are almost surely
 * not what was meant. Each finding is a warning (it fails the run only with
 * `--strict`) that names the likely intended value.
 */
import { GOOGLE_APPLICATION_CREDENTIALS } from '../reserved-names';
import { containerMistakes } from './fields/container';
import { cronJobMistakes, scheduleMistakes } from './fields/cron';
import { atPath, type LikelyMistake, type Mistakes, type TaskWithoutNamespace } from './fields/field';
import { imageMistakes } from './fields/image';
import { podMistakes } from './fields/pod';
import { probeMistakes } from './fields/probes';
import { publishedMistakes } from './fields/published';
import { resourceMistakes } from './fields/resources';
import { volumeMistakes } from './fields/volumes';
import { workloadMistakes } from './fields/workload';

/** Every likely mistake of a valid task, by field: each concern's (lib/manifest/fields/), and those that span concerns. */
export function likelyMistakes(task: TaskWithoutNamespace): LikelyMistake[] {
  return [resourceMistakes, publishedMistakes, volumeMistakes, scheduleMistakes, expansionMistakes, podMistakes, containerMistakes, imageMistakes, workloadMistakes, probeMistakes, cronJobMistakes].flatMap((check) => check(task));
}

/** `$(NAME)` and `$$` in env values and the command, which Kubernetes expands. */
const expansionMistakes: Mistakes = (task) => {
  const names = task.env.map((v) => v.name);
  const container = new Set(task.serviceAccountSecret === undefined ? names : [...names, GOOGLE_APPLICATION_CREDENTIALS]);
  return [
    // (An env var set from another source has no literal value to read.)
    ...task.env.flatMap((v, i) => (typeof v.value === 'string' ? variableReference(v.value, new Set(names.slice(0, i))) : []).map(atPath(['env', i, 'value']))),
    ...task.command.flatMap((arg, i) => variableReference(arg, container).map(atPath(['cmd', i]))),
    // Kubernetes expands args like command.
    ...(task.args ?? []).flatMap((arg, i) => variableReference(arg, container).map(atPath(['args', i]))),
  ];
};

/**
 * Kubernetes expands `$(NAME)` in env values and commands when NAME is a
 * variable of the container (for an env value, one defined before it), and
 * turns every `$$` into `$` (third_party/forked/golang/expansion), so the
 * process does not see the text as written.
 */
function variableReference(text: string, defined: ReadonlySet<string>): string[] {
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== '$') continue;
    if (text[i + 1] === '$') {
      // "$$(NAME)" is the documented way to write a literal "$(NAME)".
      if (text[i + 2] === '(') {
        i += 1;
        continue;
      }
      return [`${JSON.stringify(text)} contains "$$", which Kubernetes turns into "$" (it expands $(NAME) references); write "$$$$" for a literal "$$"`];
    }
    if (text[i + 1] === '(') {
      const end = text.indexOf(')', i + 2);
      const name = end === -1 ? undefined : text.slice(i + 2, end);
      if (name !== undefined && defined.has(name)) {
        return [`${JSON.stringify(text)} contains "$(${name})", which Kubernetes replaces with the value of ${name}; write "$$(${name})" to keep it literally`];
      }
    }
  }
  return [];
}

