/**
 * Image references as the image commands compare and rewrite them: the
 * repository of a reference, the same repository written two ways, a tag
 * replaced. The grammar itself is lib/validation/image.ts
 * (github.com/distribution/reference).
 */
import { parseImageReference } from '../validation/image';

/** A Docker tag, as distribution/reference's `tag` rule has it: `[\w][\w.-]{0,127}`. */
export const DOCKER_TAG = /^[\w][\w.-]{0,127}$/;

/** The repository (registry and path, no tag or digest) of a valid reference; undefined for an invalid one. */
export function repositoryOf(image: string): string | undefined {
  const parsed = parseImageReference(image);
  return parsed.ok ? parsed.value.name : undefined;
}

/** The tag of a valid reference, if it has one. */
export function tagOf(image: string): string | undefined {
  const parsed = parseImageReference(image);
  return parsed.ok ? parsed.value.tag : undefined;
}

/**
 * A repository in its fully qualified form, as distribution/reference's
 * `ParseNormalizedNamed` writes it: a first component without `.` or `:`
 * that is not `localhost` is a path on Docker Hub (`docker.io/`), and a
 * one-component Docker Hub path is an official image (`library/`). So
 * `busybox`, `library/busybox` and `docker.io/library/busybox` are one
 * repository (buildx writes the qualified form in `image.name`).
 */
export function normalizedRepository(repository: string): string {
  const slash = repository.indexOf('/');
  const first = slash < 0 ? '' : repository.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  if (hasDomain) return repository;
  return `docker.io/${slash < 0 ? 'library/' : ''}${repository}`;
}

/** Whether two references name the same repository (tags and digests aside). */
export function sameRepository(a: string, b: string): boolean {
  const ra = repositoryOf(a);
  const rb = repositoryOf(b);
  return ra !== undefined && rb !== undefined && normalizedRepository(ra) === normalizedRepository(rb);
}

/**
 * The reference CI pushes: `image` without its digest, its tag replaced by
 * `tag` when one is given (the repository is kept).
 */
export function pushedReference(image: string, tag?: string): string {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return image;
  const { name, tag: own } = parsed.value;
  const chosen = tag ?? own;
  return chosen === undefined ? name : `${name}:${chosen}`;
}
