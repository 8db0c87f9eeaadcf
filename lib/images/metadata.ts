/**
 * The metadata file `docker buildx bake --metadata-file FILE` writes
 * (buildx docs, reference/buildx_bake.md, "--metadata-file"): a JSON object
 * keyed by target name; each value is the build result of that target, as
 * `buildx build --metadata-file` writes it, with among others
 * - `containerimage.digest`: the digest of the pushed image (its manifest
 *   list or index for several platforms), `sha256:<64 hex>`;
 * - `image.name`: the names it was pushed under, comma-separated
 *   (buildx joins a target's `tags` with ","), fully qualified
 *   (`docker.io/library/…`).
 * Recent buildx versions add keys of their own beside the targets
 * (`buildx.build.warnings`): every key that starts with `buildx.` is skipped
 * (a target name cannot hold a ".").
 */
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseJsonDocument } from '../diagnostics/json-document';
import { didYouMean } from '../validation/suggest';
import type { BakeTarget } from './bake';
import { checkDigest } from './pins';
import { normalizedRepository, repositoryOf, tagOf } from './reference';

export const DIGEST_KEY = 'containerimage.digest';
export const NAME_KEY = 'image.name';

/** The pins a metadata file gives: `<namespace>/<task>` → `<repo>:<tag>@sha256:<hex>`. */
export interface MetadataPins {
  readonly pins: ReadonlyMap<string, string>;
  /** Targets of the plan the metadata does not have (their tasks are not pinned). */
  readonly missing: readonly BakeTarget[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The pin of every task built by a target of the metadata file, located
 * errors when the file is not what bake writes.
 *
 * @param file the file as shown to the user
 * @param plan the bake plan of the tasks (lib/images/bake.ts), which maps targets back to tasks
 * @param images `<namespace>/<task>` → the task's image (its repository is the pin's)
 */
export function pinsFromMetadata(file: string, text: string, plan: readonly BakeTarget[], images: ReadonlyMap<string, string>): MetadataPins {
  const { document, diagnostics } = parseJsonDocument(file, text);
  if (document === undefined) return { pins: new Map(), missing: [], diagnostics };
  const root = document.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return { pins: new Map(), missing: [], diagnostics: [document.diagnostic([], `a bake metadata file is a JSON object keyed by target name (what \`docker buildx bake --metadata-file ${path.basename(file)}\` writes), found ${Array.isArray(root) ? 'a list' : JSON.stringify(root)}`)] };
  }
  const byName = new Map(plan.map((t) => [t.name, t]));
  const out: Diagnostic[] = [];
  const pins = new Map<string, string>();
  const seen = new Set<string>();
  for (const [name, result] of Object.entries(root as Record<string, unknown>)) {
    if (name.startsWith('buildx.')) continue;
    const target = byName.get(name);
    if (target === undefined) {
      const suggestion = didYouMean(name, [...byName.keys()]);
      out.push(document.diagnostic([name], `no task is built by the bake target ${JSON.stringify(name)}${suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`}; the metadata must come from the bake file of \`images --format bake\` for these tasks`, { target: 'key' }));
      continue;
    }
    seen.add(name);
    if (typeof result !== 'object' || result === null || Array.isArray(result)) {
      out.push(document.diagnostic([name], `the build result of ${JSON.stringify(name)} is an object with "${DIGEST_KEY}" and "${NAME_KEY}", found ${JSON.stringify(result)}`));
      continue;
    }
    const fields = result as Record<string, unknown>;
    const digest = fields[DIGEST_KEY];
    const names = fields[NAME_KEY];
    if (typeof digest !== 'string') {
      out.push(document.diagnostic(digest === undefined ? [name] : [name, DIGEST_KEY], `the build result of ${JSON.stringify(name)} has no "${DIGEST_KEY}" string${digest === undefined ? '' : ` (found ${JSON.stringify(digest)})`}; was the image pushed (\`docker buildx bake --push\`)?`));
      continue;
    }
    const badDigest = checkDigest(digest);
    if (badDigest !== undefined) {
      out.push(document.diagnostic([name, DIGEST_KEY], `the digest ${JSON.stringify(digest)} ${badDigest}`));
      continue;
    }
    if (typeof names !== 'string' || names.trim() === '') {
      out.push(document.diagnostic(names === undefined ? [name] : [name, NAME_KEY], `the build result of ${JSON.stringify(name)} has no "${NAME_KEY}" (the comma-separated names the image was pushed under)${names === undefined ? '' : `, found ${JSON.stringify(names)}`}`));
      continue;
    }
    const pushed = names.split(',').map((n) => n.trim()).filter((n) => n !== '');
    for (const task of target.tasks) {
      const image = images.get(task);
      const repository = image === undefined ? undefined : repositoryOf(image);
      if (repository === undefined) continue;
      const match = pushed.find((n) => {
        const r = repositoryOf(n);
        return r !== undefined && normalizedRepository(r) === normalizedRepository(repository) && tagOf(n) !== undefined;
      });
      if (match === undefined) {
        out.push(document.diagnostic([name, NAME_KEY], `none of the names ${JSON.stringify(names)} is a tag of ${JSON.stringify(repository)}, the repository of ${task}; the metadata must come from the bake file of \`images --format bake\` for these tasks`));
        continue;
      }
      pins.set(task, `${repository}:${tagOf(match)}@${digest}`);
    }
  }
  return { pins, missing: plan.filter((t) => !seen.has(t.name)), diagnostics: out };
}
