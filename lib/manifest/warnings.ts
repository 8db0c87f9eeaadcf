import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseImageReference } from '../validation/image';
import { likelyMistakes } from './likely-mistakes';
import type { SourceDocument } from '../diagnostics/json-document';
import type { TaskWithoutNamespace } from './fields/field';
import { looksLikeSecret } from './secret-name';

/**
 * Findings that do not make a manifest invalid but deserve a look: a mutable
 * image, an ignored `access`, a secret written in plain text, a built image
 * without a Dockerfile, and the likely mistakes of `likely-mistakes.ts`.
 * They fail the run only with `--strict`.
 *
 * @param taskDir the task's folder, where an `image-destination` is built from
 * @param shownDir that folder as shown to the user
 * @param listsDockerfile whether the folder has a Dockerfile, when its listing told (ManifestEntry.dockerfile); else the file system is asked
 */
export function taskWarnings(loaded: { readonly task: TaskWithoutNamespace; readonly document: SourceDocument }, taskDir: string, shownDir: string, listsDockerfile?: boolean): Diagnostic[] {
  const { task, document } = loaded;
  const out: Diagnostic[] = [];
  const warn = (p: readonly (string | number)[], message: string, rule?: Diagnostic['rule']) => {
    const found = document.diagnostic(p, message, { severity: 'warning' });
    out.push(rule === undefined ? found : { ...found, rule });
  };
  const imageField = task.imageBuilt ? 'image-destination' : 'image-source';

  const image = parseImageReference(task.image);
  if (image.ok && image.value.digest === undefined && (image.value.tag === undefined || image.value.tag === 'latest')) {
    warn([imageField], `${JSON.stringify(task.image)} ${image.value.tag === undefined ? 'has no tag, so it means ":latest"' : 'uses the "latest" tag'}, which changes under running pods; pin a version tag or a digest`, 'mutable-tag');
  }
  if (task.imageBuilt && !(listsDockerfile ?? fs.existsSync(path.join(taskDir, 'Dockerfile')))) {
    warn([imageField], `there is no Dockerfile in ${shownDir}/; an image-destination is built from the task folder`);
  }
  if (task.kind === 'service' && task.published?.bypassAuth === true && task.published.access !== undefined) {
    warn(['published', 'access'], 'is ignored because "bypass_auth" is true (the service is public)');
  }
  task.env.forEach((variable, i) => {
    if (variable.value !== undefined && variable.value !== '' && looksLikeSecret(variable.name)) {
      warn(
        ['env', i, 'value'],
        `${variable.name} looks like a secret, and its value is written in plain text into git and the cluster; ` +
          'keep secrets in a Secret and read it with "valueFrom": {"secretKeyRef": {"name": "<secret>", "key": "<key>"}} instead of "value"',
      );
    }
  });
  for (const mistake of likelyMistakes(task)) warn(mistake.path, mistake.message);
  return out;
}
