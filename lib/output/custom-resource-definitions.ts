/**
 * The CRDs of the project's `crds` setting, as data: read by
 * ./custom-resources.ts, checked against by ./kube-schema.ts.
 */

/** One served version of a listed CRD. */
export interface CustomResourceVersion {
  /** The CRD file, relative to the project folder, `/`-separated. */
  readonly file: string;
  /** `spec.group`, e.g. `gateway.networking.k8s.io`. */
  readonly group: string;
  /** `spec.versions[].name`, e.g. `v1`. */
  readonly version: string;
  /** `spec.names.kind`, e.g. `HTTPRoute`. */
  readonly kind: string;
  /** `spec.versions[].schema.openAPIV3Schema`, as read. */
  readonly schema: Readonly<Record<string, unknown>>;
}

/** The CRDs a run checks hook output against. */
export interface CustomResourceDefinitions {
  /** Every served version of every listed CRD, in file order then the CRD's own. */
  readonly versions: readonly CustomResourceVersion[];
  /** SHA-1 over the files' paths and bytes: part of the render cache key, so that editing a CRD checks every task again. */
  readonly hash: string;
}
