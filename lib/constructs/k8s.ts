/**
 * The Kubernetes 1.27 API that ships inside cdk8s-plus-27 (its generated
 * `k8s` imports). The constructs use its types only (their objects are
 * `JsonApiObject`s, ./json-api-object.ts), so that a run loads its classes
 * only when a hook does (`new k8s.KubeNetworkPolicy(...)`). Imported
 * directly rather than through the package index, which would also load
 * every cdk8s-plus L2 construct: see the README, "Why L1 objects".
 */
export * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
