/**
 * The Kubernetes 1.27 API types that ship inside cdk8s-plus-27 (its
 * generated `k8s` imports). Loaded directly rather than through the package
 * index, which would also load every cdk8s-plus L2 construct (slower to start) that
 * this project does not use: see the README, "Why L1 objects".
 */
export * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
