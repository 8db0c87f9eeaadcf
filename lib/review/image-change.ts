/**
 * A container image change as a platform engineer reads it: by repository,
 * tag and digest (Docker's reference grammar, `repo[:tag][@sha256:digest]`,
 * parsed by lib/validation/image.ts), and, in a project with environments,
 * where a new digest was promoted from.
 */
import { normalizedRepository } from '../images/reference';
import { parseImageReference } from '../validation/image';
import { at } from './diff';
import type { OutputFile } from './objects';

/**
 * What kind of image change:
 * - `digest`: the same repository, another digest (a pinned image rebuilt or promoted)
 * - `pinned`: the same repository, pinned to a digest for the first time
 * - `unpinned`: the same repository, a digest no longer given: pulled by tag
 * - `retagged`: the same repository and digest, another tag (the same image: a digest reference is pulled by digest)
 * - `tag`: the same repository, no digest on either side, another tag
 * - `repository`: another repository
 * - `other`: any other difference (a reference that does not parse, the same one spelled another way)
 */
export type ImageChangeKind = 'digest' | 'pinned' | 'unpinned' | 'retagged' | 'tag' | 'repository' | 'other';

/** One side of an image change: the reference as rendered and its parts (absent parts undefined; all undefined when it does not parse). */
export interface ImageSide {
  /** The reference as rendered in the container's `image`. */
  readonly reference?: string;
  /** Registry and path as written, e.g. `gcr.io/acme/etl`. */
  readonly repository?: string;
  readonly tag?: string;
  /** `sha256:<64 hex>`. */
  readonly digest?: string;
}

/** A container's image change, in parts; `promotedFrom` and `alsoNewIn` are filled in where environments are compared (review.ts). */
export interface ImageChange {
  readonly kind: ImageChangeKind;
  readonly old: ImageSide;
  readonly new: ImageSide;
  /** The new container's `imagePullPolicy` (what an unpinned tag means on a node depends on it). */
  readonly pullPolicy?: string;
  /**
   * Environments (sorted) where the same task already ran the new digest at
   * the base and still does: the digest was promoted from there.
   */
  readonly promotedFrom: readonly string[];
  /** Environments (sorted) where the same task gets the new digest in this change too: no source, the digest is new there as well. */
  readonly alsoNewIn: readonly string[];
}

/**
 * How many hex digits of a digest are shown: 12, as Docker shows image IDs
 * (which are sha256 digests; moby's `stringid.TruncateID`). 48 bits: two
 * digests of one repository share them with a probability of about n²/2⁴⁹
 * for n digests (under 2·10⁻⁷ for 10,000 builds), and where the two digests
 * of one change do share them, more digits are shown until they differ.
 * The full digests are in the json format and in the YAML diff.
 */
export const SHORT_DIGEST_HEX = 12;

/** The image change between two containers' `image` (and the new one's pull policy); undefined when the image is the same. */
export function imageChange(before: string | undefined, after: string | undefined, pullPolicy?: string): ImageChange | undefined {
  if (before === after) return undefined;
  const [a, b] = [imageSide(before), imageSide(after)];
  return { kind: kindOf(a, b), old: a, new: b, ...(pullPolicy === undefined ? {} : { pullPolicy }), promotedFrom: [], alsoNewIn: [] };
}

/** A reference in parts; only `reference` when it does not parse, nothing when undefined. */
export function imageSide(reference: string | undefined): ImageSide {
  if (reference === undefined) return {};
  const parsed = parseImageReference(reference);
  if (!parsed.ok) return { reference };
  const { name, tag, digest } = parsed.value;
  return { reference, repository: name, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

function kindOf(a: ImageSide, b: ImageSide): ImageChangeKind {
  if (a.repository === undefined || b.repository === undefined) return 'other';
  if (normalizedRepository(a.repository) !== normalizedRepository(b.repository)) return 'repository';
  if (a.digest !== undefined && b.digest !== undefined) return a.digest !== b.digest ? 'digest' : a.tag !== b.tag ? 'retagged' : 'other';
  if (b.digest !== undefined) return 'pinned';
  if (a.digest !== undefined) return 'unpinned';
  // Without digests, `busybox` and `busybox:latest` name one image (the tag Docker implies).
  return (a.tag ?? 'latest') !== (b.tag ?? 'latest') ? 'tag' : 'other';
}

/** Whether a change gives the container a digest it did not run before (the changes a promotion can explain). */
export function newDigest(change: ImageChange): boolean {
  return change.new.digest !== undefined && !sameImage(change.old, change.new);
}

/** The same content: the same repository (however written) and the same digest. */
export function sameImage(a: ImageSide | undefined, b: ImageSide): boolean {
  if (a?.digest === undefined || a.repository === undefined || b.repository === undefined) return false;
  return a.digest === b.digest && normalizedRepository(a.repository) === normalizedRepository(b.repository);
}

/**
 * The change in words:
 * - `image gcr.io/acme/etl: digest sha256:1a2b3c4d5e6f… → sha256:9f8e7d6c5b4a… (tag 3f2c1d0 → 8e1a2b4)`
 * - `image gcr.io/acme/etl: now pinned to sha256:9f8e7d6c5b4a… (tag 3f2c1d0)`
 * - `image gcr.io/acme/etl: no longer pinned: tag 3f2c1d0, pulled by tag (was sha256:1a2b3c4d5e6f…)`
 * - `image gcr.io/acme/etl: tag 3f2c1d0 → 8e1a2b4, digest sha256:1a2b3c4d5e6f… unchanged (the same image: pulled by digest)`
 * - a tag-only change, another repository, anything else: `image: busybox:1.36 → busybox:1.37`
 *
 * then ` (promoted from staging)` and ` (also new in dev)` where environments say so.
 */
export function imageChangeText(change: ImageChange): string {
  const { old: a, new: b } = change;
  const repository = b.repository ?? '';
  let text: string;
  switch (change.kind) {
    case 'digest': {
      const [x, y] = shortDigests(a.digest!, b.digest!);
      text = `image ${repository}: digest ${x} → ${y}${tagNote(a.tag, b.tag)}`;
      break;
    }
    case 'pinned':
      text = `image ${repository}: now pinned to ${shortDigests(b.digest!)[0]}${tagNote(a.tag ?? 'latest', b.tag)}`;
      break;
    case 'unpinned': {
      const was = [shortDigests(a.digest!)[0], ...(a.tag === undefined || a.tag === b.tag ? [] : [`tag ${a.tag}`])].join(', ');
      // A tag can be moved to another image; with IfNotPresent a node starts whatever it cached under it.
      const cached = change.pullPolicy === 'IfNotPresent' ? '; with imagePullPolicy IfNotPresent, a node that has this tag cached starts its cached copy, whatever the tag names now' : '';
      text = `image ${repository}: no longer pinned: tag ${b.tag ?? 'latest'}, pulled by tag (was ${was})${cached}`;
      break;
    }
    case 'retagged':
      text = `image ${repository}: tag ${a.tag ?? '(none)'} → ${b.tag ?? '(none)'}, digest ${shortDigests(b.digest!)[0]} unchanged (the same image: pulled by digest)`;
      break;
    default:
      text = `image: ${a.reference ?? '(none)'} → ${b.reference ?? '(none)'}`;
  }
  const notes = [
    change.promotedFrom.length === 0 ? '' : `promoted from ${change.promotedFrom.join(', ')}`,
    change.alsoNewIn.length === 0 ? '' : `also new in ${change.alsoNewIn.join(', ')}`,
  ].filter((n) => n !== '');
  return notes.length === 0 ? text : `${text} (${notes.join('; ')})`;
}

/** ` (tag 3f2c1d0 → 8e1a2b4)`, ` (tag 3f2c1d0)` when it stays, nothing when neither side has one. */
function tagNote(before: string | undefined, after: string | undefined): string {
  if (before === undefined && after === undefined) return '';
  if (before === after) return ` (tag ${after})`;
  return ` (tag ${before ?? '(none)'} → ${after ?? '(none)'})`;
}

/**
 * Digests shortened to `sha256:` and SHORT_DIGEST_HEX hex digits and `…`;
 * two digests that share those digits get more, until they differ.
 */
export function shortDigests(...digests: string[]): string[] {
  const hexes = digests.map((d) => d.slice(d.indexOf(':') + 1));
  let length = SHORT_DIGEST_HEX;
  while (hexes.some((h) => h.length > length) && new Set(hexes.map((h) => h.slice(0, length))).size < new Set(hexes).size) length++;
  return digests.map((d, i) => `${d.slice(0, d.indexOf(':') + 1)}${hexes[i]!.slice(0, length)}${hexes[i]!.length > length ? '…' : ''}`);
}

/**
 * The image of a task's container in the text of one of its output files,
 * without reading the YAML when the text shows it plainly: a task's file
 * has the container's `image:` line, so a file with one `image:` line whose
 * value is plain (no quotes, no comment) holds it there. Any other file
 * (a hook's sidecar, an `image:` line inside a block scalar) is read
 * (`read`).
 */
export function imageInText(text: string, read: () => OutputFile): string | undefined {
  const lines = text.match(/^[ -]*image: .*$/gm);
  const value = lines?.length === 1 ? lines[0].slice(lines[0].indexOf('image: ') + 'image: '.length) : undefined;
  return value !== undefined && /^[\w.:/@-]+$/.test(value) ? value : taskImage(read());
}

/**
 * The image of a task's container in one of its output files: the first
 * container of the first workload's pod template (a task has one
 * container, lib/constructs/container.ts).
 */
export function taskImage(file: OutputFile): string | undefined {
  for (const o of file.objects) {
    const template = at(o.body, 'spec.template') ?? at(o.body, 'spec.jobTemplate.spec.template');
    const containers = at(template, 'spec.containers');
    const image = Array.isArray(containers) ? at(containers[0], 'image') : undefined;
    if (typeof image === 'string') return image;
  }
  return undefined;
}
