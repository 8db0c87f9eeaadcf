/**
 * Strict schema validation of emitted objects, for tests: the validator the
 * app also runs on the output of platform hooks (lib/output/kube-schema.ts).
 */
export { expectValidKubernetesObjects, validateKubernetesObject } from '../../lib/output/kube-schema';
