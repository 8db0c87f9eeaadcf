import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import { type JsonDocument, parseJsonDocument, type SourceDocument } from '../diagnostics/json-document';
import { bidiControlWarnings } from '../validation/bidi-controls';
import { describeValue, issuesToDiagnostics } from '../diagnostics/zod-issues';
import type { Task } from '../model';
import type { Settings } from '../project-settings';
import { serverSideApplyDiagnostics } from '../validation/server-side-apply';
import { type CrossTaskEntry, entryOfInvalid } from './cross-task-entry';
import { ruleSettings } from './fields/field';
import { manifestFields, manifestRules, toTask, toTaskLike } from './schema';

/** A valid task and the document it came from (for locating cross-task findings). */
export interface LoadedTask {
  readonly task: Task;
  /** The manifest, or in an environment with an overlay, the manifest and its overlay. */
  readonly document: SourceDocument;
  /** The source files named in the generated file's header (relative to the tasks folder's parent): the manifest, and its overlay. */
  readonly origin: string;
  /** The environment the task is loaded for; absent in a project without environments. */
  readonly environment?: string;
}

/** What the text of a file alone shows: strings server-side apply cannot carry (errors), bidirectional controls (warnings). */
export interface TextFindings {
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/** The result of reading one manifest: the task when valid, and every finding. */
export interface LoadResult {
  readonly task?: LoadedTask;
  readonly diagnostics: readonly Diagnostic[];
  /** For a manifest with errors that parses as JSON: what the rules across tasks can still read of it. */
  readonly partial?: CrossTaskEntry;
  /**
   * For a manifest with errors: the task its valid fields make on their own
   * (every field with an error left out), when they make one, for its
   * warnings to come in the same round; and the fields left out.
   */
  readonly salvaged?: { readonly task: LoadedTask; readonly without: ReadonlySet<string> };
}

/**
 * zod's pass over one manifest's values: the errors of its fields and of
 * the rules between them, or its valid values (ManifestLoader.check).
 */
export type Checked = ReturnType<ReturnType<typeof manifestRules>['safeParse']>;

/** Validates and translates manifests into tasks, with one schema per run. */
export class ManifestLoader {
  private readonly schema: ReturnType<typeof manifestRules>;
  /**
   * What the schema's rules read (RuleSettings and the declared
   * environments), as a key: two loaders with the same key check a
   * manifest alike, so one `check` of it serves both (lib/environments/environment-tasks.ts).
   */
  public readonly rulesKey: string;

  /** @param environments the environments the settings declare @default none */
  constructor(private readonly settings: Settings, environments: readonly string[] = []) {
    const rules = ruleSettings(settings);
    this.schema = manifestRules(rules, environments);
    this.rulesKey = JSON.stringify([rules, environments]);
  }

  /**
   * Parses, validates and translates the manifest `text`.
   * @param file the path shown in diagnostics
   * @param origin the path named in the output header @default file
   */
  public load(file: string, text: string, origin: string = file): LoadResult {
    const parsed = parseManifest(file, text);
    if (parsed.document === undefined) return { diagnostics: parsed.diagnostics };
    return this.validate(parsed.document, origin, textFindings(parsed.document));
  }

  /**
   * zod's pass over a parsed manifest: depends on its value and on
   * `rulesKey` only, not on the settings the model reads (the namespace).
   */
  public check(document: SourceDocument): Checked {
    return this.schema.safeParse(withoutEmptyValues(document.value as Record<string, unknown>), { reportInput: true });
  }

  /**
   * Validates and translates a parsed manifest (or an environment's merged
   * one), with the findings of its files' text.
   * @param origin the source files named in the output header
   * @param checked the document's `check` by a loader of the same `rulesKey` @default this loader's
   * @param like the task another environment's loader made from `checked`, whose parts the task shares (toTaskLike) @default none
   */
  public validate(document: SourceDocument, origin: string, text: TextFindings, environment?: string, checked: Checked = this.check(document), like?: Task): LoadResult {
    const value = document.value as Record<string, unknown>;
    const result = checked;
    const fieldErrors = result.success ? [] : issuesToDiagnostics(document, this.schema, result.error.issues);
    // Strings that server-side apply cannot carry, unless their field is already reported.
    const reported = new Set(fieldErrors.map((d) => `${d.file}\0${d.path}`));
    const applyErrors = text.errors.filter((d) => !reported.has(`${d.file}\0${d.path}`));
    if (!result.success || applyErrors.length > 0) {
      const errors = [...fieldErrors, ...applyErrors];
      return { diagnostics: [...errors, ...text.warnings].sort(compareDiagnostics), partial: entryOfInvalid(document, this.settings), salvaged: this.salvage(value, errors, document, origin, environment) };
    }
    const task = like === undefined ? toTask(result.data, this.settings.namespace) : toTaskLike(like, result.data, this.settings.namespace);
    return { task: { task, document, origin, ...(environment === undefined ? {} : { environment }) }, diagnostics: text.warnings };
  }

  /** The manifest without its fields that have an error (and unknown ones), validated again: a task when what is left is one. */
  private salvage(manifest: Record<string, unknown>, errors: readonly Diagnostic[], document: SourceDocument, origin: string, environment: string | undefined): LoadResult['salvaged'] {
    const without = new Set(errors.map((d) => topLevelField(d.path)));
    if (without.has('')) return undefined;
    const kept = Object.fromEntries(Object.entries(manifest).filter(([key]) => Object.hasOwn(manifestFields, key) && !without.has(key)));
    const again = this.schema.safeParse(withoutEmptyValues(kept));
    return again.success ? { task: { task: toTask(again.data, this.settings.namespace), document, origin, ...(environment === undefined ? {} : { environment }) }, without } : undefined;
  }
}

/** A manifest's (or an overlay's) text parsed: a JSON object, or located diagnostics. */
export function parseManifest(file: string, text: string, what = 'a manifest'): { document?: JsonDocument; diagnostics: readonly Diagnostic[] } {
  const { document, diagnostics } = parseJsonDocument(file, text);
  if (document === undefined) return { diagnostics };
  const value = document.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { diagnostics: [document.diagnostic([], `${what} is a JSON object, found ${describeValue(value)}`)] };
  }
  return { document, diagnostics: [] };
}

/** A valid task's warnings (lib/manifest/warnings.ts), and what else than its sources they were made from. */
export interface KnownWarnings {
  /** warningsContext of the task's folder. */
  readonly context: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * What a task's warnings read besides its model and its files' text (both
 * in the render cache's key): the manifest's path as shown (the tasks
 * folder is in the key, so this fixes the working directory too) and
 * whether its folder lists a Dockerfile. Undefined when the discovery could
 * not tell (a "dockerfile" or a symbolic link, which the warning looks at
 * itself): such warnings are made again every run.
 */
export function warningsContext(shown: string, dockerfile: boolean | undefined): string | undefined {
  return dockerfile === undefined ? undefined : JSON.stringify([shown, dockerfile]);
}

/** What a file's text alone shows, read once per file (an overlay's manifest.json is read in every environment). */
export function textFindings(document: JsonDocument): TextFindings {
  return { errors: serverSideApplyDiagnostics(document), warnings: bidiControlWarnings(document) };
}

/**
 * An empty top-level value (`""`, `[]`, `{}`) of a known field means the
 * field is absent, as in the format's own examples. Unknown keys stay, to be
 * refused whatever their value.
 */
function withoutEmptyValues(manifest: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(manifest)) {
    const value = manifest[key];
    if (Object.hasOwn(manifestFields, key) && isEmpty(value)) continue;
    // Defined, not assigned: a "__proto__" key stays a key (and is refused as unknown).
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

function isEmpty(value: unknown): boolean {
  if (value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** The top-level field of a diagnostic's path: `env` of `env[0].value`, `published` of `published.prefix`; "" for the whole manifest. */
export function topLevelField(shownPath: string): string {
  return /^[^.[]*/.exec(shownPath)![0];
}
