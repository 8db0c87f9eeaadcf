import type { Task } from '../model';
import type { Settings } from '../project-settings';
import type { ImageChange } from './image-change';
import type { FindingKind } from './model';

/** A manifest field path, e.g. `['env', 2]` or `['published', 'bypass_auth']`. */
export type FieldPath = readonly (string | number)[];

/** A finding before it is located in its manifest. */
export interface Cause {
  readonly kind: FindingKind;
  /** What changed in a word or two (`image`, `env`, `labels`): names the causes of a refused Job. */
  readonly aspect: string;
  readonly message: string;
  /** The manifest field that causes it, when a manifest field does. */
  readonly field?: FieldPath;
  /** For a changed container image: the change in parts (its message is `imageChangeText` of it). */
  readonly image?: ImageChange;
}

/**
 * Which manifest field renders a part of an object, for the working tree's
 * version of a task (without one, e.g. for a removed task, only the fixed
 * field names are known).
 */
export class ManifestFields {
  /** @param manifest the task's manifest as read (merged with its environment's overlay): the image it holds itself */
  constructor(
    private readonly task: Task | undefined,
    private readonly settings: Settings,
    private readonly manifest?: unknown,
  ) {}

  /**
   * The field that renders the container image `rendered`; undefined when
   * the manifest holds another image (a pin of pins/<env>.json, or a
   * platform hook, set the one rendered), so that no finding about it is
   * located in the manifest.
   */
  public image(rendered?: string): FieldPath | undefined {
    const field = this.task?.imageBuilt === true ? 'image-destination' : 'image-source';
    // A pinned task's `image` is its pin (synth's pins stage gives it the pinned image): the manifest's own is in what was read.
    const own = typeof this.manifest === 'object' && this.manifest !== null ? (this.manifest as Record<string, unknown>)[field] : this.task?.image;
    if (this.task !== undefined && rendered !== undefined && rendered !== own) return undefined;
    return [field];
  }

  /** The `env` entry that renders variable `name`; `svc-account-secret` for the credentials variable it adds. */
  public env(name: string): FieldPath {
    const i = this.task?.env.findIndex((v) => v.name === name) ?? -1;
    if (i >= 0) return ['env', i];
    if (name === 'GOOGLE_APPLICATION_CREDENTIALS' && this.task?.serviceAccountSecret !== undefined) return ['svc-account-secret'];
    return ['env'];
  }

  /** The `volumes` entry that renders volume `name`; `svc-account-secret` for the credentials volume. */
  public volume(name: string): FieldPath {
    if (name === this.settings.gcpCredentials.volumeName) return ['svc-account-secret'];
    const i = this.task?.volumes.findIndex((v) => v.name === name) ?? -1;
    return i >= 0 ? ['volumes', i] : ['volumes'];
  }

  /** `cpu-request`, `memory-limit`, … for `requests`/`limits` and `cpu`/`memory`. */
  public resource(list: 'requests' | 'limits', resource: string): FieldPath {
    return [`${resource}-${list === 'requests' ? 'request' : 'limit'}`];
  }
}
