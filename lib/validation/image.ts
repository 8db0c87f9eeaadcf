/**
 * Container image references, checked as github.com/distribution/reference
 * `Parse` checks them: `[registry[:port]/]repository[:tag][@digest]`.
 */
import { fail, ok, type Result } from './result';

/** A valid image reference, split into its parts. */
export interface ImageReference {
  /** Registry (if any) and repository path, e.g. "quay.io/gilles/flask". */
  readonly name: string;
  /** The tag after ":", e.g. "2.0"; absent when the reference has none. */
  readonly tag?: string;
  /** The digest after "@", `algorithm:hex`, e.g. "sha256:…"; absent when the reference has none. */
  readonly digest?: string;
}

// The grammar of distribution/reference regexp.go, piece by piece.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const NAME = `(?:${HOST}(?::[0-9]+)?/)?${REMOTE_NAME}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** distribution/reference `RepositoryNameTotalLengthMax`. */
const MAX_NAME_LENGTH = 255;
const MAX_TAG_LENGTH = 128;
/** go-digest's registered algorithms and their hex lengths; `Parse` refuses any other. */
const DIGEST_HEX_LENGTHS = new Map([['sha256', 64], ['sha384', 96], ['sha512', 128]]);

/** Parses a container image reference, or says in plain language why it is not one. */
export function parseImageReference(input: string): Result<ImageReference> {
  const invalid = (reason: string): Result<ImageReference> =>
    fail(`${JSON.stringify(input)} is not a valid image reference${reason}`);
  if (input === '') return invalid(': it is empty');
  if (/\s/.test(input)) return invalid(': it contains whitespace');

  const match = REFERENCE.exec(input);
  if (match === null) return invalid(diagnose(input));
  const [, name, tag, digest] = match;
  if (name.length > MAX_NAME_LENGTH) {
    return invalid(`: the name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`);
  }
  if (digest !== undefined) {
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_HEX_LENGTHS.get(algorithm);
    if (length === undefined) {
      return invalid(`: digest algorithm ${JSON.stringify(algorithm)} is not supported (sha256, sha384 or sha512)`);
    }
    if (hex.length !== length) {
      return invalid(`: a ${algorithm} digest has ${length} hex digits (this one has ${hex.length})`);
    }
    if (hex !== hex.toLowerCase()) return invalid(`: a ${algorithm} digest must be written in lower-case hex`);
  }
  return ok({ name, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) });
}

/** Why `input` does not match the grammar, as specifically as can be told. */
function diagnose(input: string): string {
  if (REFERENCE.test(input.toLowerCase())) return ': repository path must be lower case';
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(input);
  if (scheme !== null) return `: an image reference has no scheme (remove ${JSON.stringify(scheme[0])})`;
  const tag = /:([\w][\w.-]*)(?:@[^/]*)?$/.exec(input);
  if (tag !== null && tag[1].length > MAX_TAG_LENGTH && !tag[1].includes('/')) {
    return `: the tag is ${tag[1].length} characters long; at most ${MAX_TAG_LENGTH} are allowed`;
  }
  return ' ([registry/]repository[:tag][@digest])';
}
