import type { Diagnostic, Severity, SourceLocation } from '../diagnostics/diagnostic';
import { formatPath, type JsonDocument, type SourceDocument } from '../diagnostics/json-document';
import { type MergedManifest, mergeOverlay, type Provenance, sourceOf } from './overlay-merge';

/**
 * One environment's manifest: a task's manifest.json with its overlay
 * merged over it. Every value is located in the file that wrote it: a
 * value the overlay set (or removed) in the overlay, with the manifest's
 * value at the same path as a related location, and the environment named;
 * any other value in manifest.json.
 */
export class OverlaidDocument implements SourceDocument {
  /** Where each value of the merged manifest came from. */
  private readonly provenance: Provenance;
  /** The merged manifest; merged again when asked after `forget`. */
  private merged?: Record<string, unknown>;

  constructor(
    /** The environment this manifest is of. */
    public readonly environment: string,
    public readonly base: JsonDocument,
    public readonly overlay: JsonDocument,
    merged: MergedManifest,
  ) {
    this.provenance = merged.provenance;
    this.merged = merged.value;
  }

  /** The task's manifest.json: the whole manifest's problems are located there. */
  public get file(): string {
    return this.base.file;
  }

  public get text(): string {
    return this.base.text + this.overlay.text;
  }

  public get value(): Record<string, unknown> {
    this.merged ??= mergeOverlay(this.base.value as Record<string, unknown>, this.overlay.value as Record<string, unknown>).value;
    return this.merged;
  }

  /** Drops the merged manifest and forgets both files (JsonDocument.forget); merged again from their texts when asked. */
  public forget(): void {
    this.merged = undefined;
    this.base.forget();
    this.overlay.forget();
  }

  /** Whether the value at `path` of the merged manifest is the overlay's. */
  public fromOverlay(path: readonly PropertyKey[]): boolean {
    return sourceOf(this.provenance, path).from === 'overlay';
  }

  public locate(path: readonly PropertyKey[], target: 'key' | 'value' = 'value'): SourceLocation {
    const source = sourceOf(this.provenance, path);
    return (source.from === 'overlay' ? this.overlay : this.base).locate(source.path, target);
  }

  public diagnostic(path: readonly PropertyKey[], message: string, options: { target?: 'key' | 'value'; severity?: Severity } = {}): Diagnostic {
    const source = sourceOf(this.provenance, path);
    if (source.from === 'base') return this.base.diagnostic(source.path, message, options);
    return this.inOverlay(this.overlay.diagnostic(source.path, message, options), path);
  }

  /**
   * A diagnostic of the merged manifest moved to the overlay: the
   * environment named, and the manifest's value at `basePath` (what the
   * overlay replaced, or the place the rule was reported) as the related
   * location, also named at the end of the message.
   */
  public inOverlay(diagnostic: Diagnostic, basePath: readonly PropertyKey[]): Diagnostic {
    const exact = this.base.has(basePath);
    const at = this.base.locate(exact ? basePath : []);
    const what = exact ? `the value in ${this.base.file}${basePath.length === 0 ? '' : ` (${formatPath(basePath)})`}` : `the manifest this overlay changes`;
    return {
      ...diagnostic,
      message: `${diagnostic.message} (${at.file}:${at.line}:${at.column})`,
      related: [...(diagnostic.related ?? []), { ...at, message: what }],
      environments: [this.environment],
    };
  }
}
