/**
 * What every field module (lib/manifest/fields/*.ts) exports beside its zod
 * schemas: the rules between its fields and the rest of the manifest, and
 * the warnings about values that are likely mistakes.
 */
import type * as z from '../../zod';
import type { Task } from '../../model';
import type { Settings } from '../../project-settings';

/** The manifest's `type`. */
export type ManifestType = 'job' | 'deployment' | 'service';

/**
 * The settings the rules between fields read, and only those: a manifest
 * is valid or not alike in every environment whose settings agree on these
 * (lib/manifest/load.ts then validates it once for all of them, so a rule
 * reading another setting must be given it here, where the type makes it
 * part of that comparison).
 */
export interface RuleSettings {
  readonly mapping: Pick<Settings['mapping'], 'portalAnnotationPrefix'>;
  readonly gcpCredentials: Pick<Settings['gcpCredentials'], 'mountPath' | 'volumeName'>;
  readonly podSecurity: Settings['podSecurity'];
  readonly argocd: Pick<Settings['argocd'], 'replaceJobs'>;
}

/** The settings the rules read (see RuleSettings), copied out of `settings`. */
export function ruleSettings(settings: Settings): RuleSettings {
  return {
    mapping: { portalAnnotationPrefix: settings.mapping.portalAnnotationPrefix },
    gcpCredentials: { mountPath: settings.gcpCredentials.mountPath, volumeName: settings.gcpCredentials.volumeName },
    podSecurity: settings.podSecurity,
    argocd: { replaceJobs: settings.argocd.replaceJobs },
  };
}

/**
 * A rule between fields, on the manifest as parsed so far: it runs even when
 * other fields are invalid (so that every error comes in one run), and so
 * reads every value defensively (a field that failed its own check is still
 * raw input). It reads the settings of RuleSettings only.
 */
export type FieldRule = (raw: Readonly<Record<string, unknown>>, settings: RuleSettings, ctx: z.RefinementCtx) => void;

/** A warning at a manifest field path: a value Kubernetes accepts that is most likely not what was meant. */
export interface LikelyMistake {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A message as a likely mistake at `path`. */
export const atPath = (path: readonly (string | number)[]) => (message: string): LikelyMistake => ({ path, message });

/**
 * A valid task as its warnings see it: every field but the namespace, which
 * an environment's settings may give. So the warnings of tasks that differ
 * only there are the same, and the load stage makes them once for all of
 * them (lib/environments/environment-tasks.ts).
 */
export type TaskWithoutNamespace = Task extends infer T ? (T extends unknown ? Omit<T, 'namespace'> : never) : never;

/** The likely mistakes of one concern, on a valid task. */
export type Mistakes = (task: TaskWithoutNamespace) => LikelyMistake[];

/** The `type` of a raw manifest, when it is one. */
export function manifestType(raw: Readonly<Record<string, unknown>>): ManifestType | undefined {
  const type = raw.type;
  return type === 'job' || type === 'deployment' || type === 'service' ? type : undefined;
}

/** The items of a list that may still be raw input, with non-objects as empty objects (keeping indexes). */
export function objectsIn(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {}));
}

/** The string entries of a map given as JSON; none when it is not an object. */
export function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
