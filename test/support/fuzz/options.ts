/**
 * Fuzz options, and the inputs with which fuzzing once found bugs of lib/.
 *
 * The generators of test/support/fuzz/ are written from the Kubernetes
 * rules (apimachinery validation), not from the code under test.
 */

export interface FuzzOptions {
  /**
   * Whether to generate the inputs of {@link FIXED_BUGS}. They are not valid
   * manifests (lib/ refuses each with a located diagnostic), so the valid
   * generator leaves them out; the hostile generator includes them.
   * @default true
   */
  readonly fixedBugs?: boolean;
}

/**
 * Inputs with which fuzzing found bugs of lib/ (crashes, or manifests the API
 * server would refuse). All are fixed: lib/ now refuses each with a located
 * diagnostic (test/fuzz/*.test.ts pins that), and the hostile generator
 * keeps producing them.
 */
export const FIXED_BUGS = {
  constructorKey:
    'a map key "constructor" (label key, node-selector key, csi volumeAttributes key) crashed rendering ' +
    "(cdk8s: can't render non-simple object) or, with a \"value\" key beside it, silently replaced the whole map by {value}",
  protoKey: 'a csi volumeAttributes entry "__proto__" was silently dropped (a map built by assignment)',
  envDotName: 'env names ".", ".." and "..x" passed validation but the API server refuses them (IsEnvVarName: hasChDirPrefix)',
  itemsDotPath: 'configMap/secret items[].path starting with ".." (such as "..data") passed validation but the API server refuses it',
  csiDriverLength: 'a csi driver name of 64-253 characters passed validation but the API server refuses it (at most 63)',
  nfsRelativePath: 'a relative nfs.path passed validation but the API server refuses it ("must be an absolute path")',
  restrictedNfs: 'with podSecurity "restricted", an nfs volume was rendered although the restricted profile forbids that volume type',
  deepNesting: 'JSON nested a few thousand levels deep made ManifestLoader.load throw RangeError (call stack) instead of reporting a diagnostic',
  annotationSize: 'published.displayed_name and icon had no length limits, so annotations could exceed the 256 KiB the API server allows',
} as const;

export type FixedBug = keyof typeof FIXED_BUGS;

/** Whether `options` ask for the inputs of {@link FIXED_BUGS}. */
export const including = (options: FuzzOptions): boolean => options.fixedBugs ?? true;
