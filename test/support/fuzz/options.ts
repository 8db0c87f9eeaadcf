/**
 * Fuzz options, and the known bugs of lib/ that fuzzing found.
 *
 * The generators of scripts/fuzz/ are written from the Kubernetes rules
 * (apimachinery validation), not from the code under test. Inputs that
 * trigger a known, reported bug of lib/ are only generated with
 * `knownBugs: 'include'` (see {@link KNOWN_BUGS}); remove a bug from that
 * list once lib/ is fixed.
 */

export interface FuzzOptions {
  /**
   * `'avoid'` (default) never generates the inputs of {@link KNOWN_BUGS};
   * `'include'` does, so that a run shows whether they are fixed.
   */
  readonly knownBugs?: 'avoid' | 'include';
}

/**
 * Inputs with which fuzzing found bugs of lib/ (crashes, or manifests the API
 * server would refuse). All are fixed: lib/ now refuses each with a located
 * diagnostic (test/fuzz/*.test.ts pins that). The valid generator never
 * produces them; with `knownBugs: 'include'` it does, and those runs are
 * expected to end in a refusal.
 */
export const KNOWN_BUGS = {
  constructorKey:
    'a map key "constructor" (label key, node-selector key, csi volumeAttributes key) crashes rendering ' +
    "(cdk8s: can't render non-simple object) or, with a \"value\" key beside it, silently replaces the whole map by {value}",
  protoKey: 'a csi volumeAttributes entry "__proto__" is silently dropped (a map built by assignment)',
  envDotName: 'env names ".", ".." and "..x" pass validation but the API server refuses them (IsEnvVarName: hasChDirPrefix)',
  itemsDotPath: 'configMap/secret items[].path starting with ".." (such as "..data") passes validation but the API server refuses it',
  csiDriverLength: 'a csi driver name of 64-253 characters passes validation but the API server refuses it (at most 63)',
  nfsRelativePath: 'a relative nfs.path passes validation but the API server refuses it ("must be an absolute path")',
  restrictedNfs: 'with podSecurity "restricted", an nfs volume is rendered although the restricted profile forbids that volume type',
  deepNesting: 'JSON nested a few thousand levels deep makes ManifestLoader.load throw RangeError (call stack) instead of reporting a diagnostic',
  annotationSize: 'published.displayed_name (253) and icon (2048) have length limits, so annotations stay far below the 256 KiB the API server allows',
} as const;

export type KnownBug = keyof typeof KNOWN_BUGS;

export const including = (options: FuzzOptions): boolean => options.knownBugs === 'include';
