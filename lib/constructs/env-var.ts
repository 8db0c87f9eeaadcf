import type { EnvVar } from '../model';
import type { KubeJson } from './json-api-object';
import type { k8s } from './k8s';

/** A model env var as Kubernetes JSON: `{name, value}`, or `{name, valueFrom}` with its one source. */
export function containerEnvVar(v: EnvVar): KubeJson<k8s.EnvVar> {
  // value "" is a Go omitempty zero value the API server drops: not written.
  if (v.valueFrom === undefined) return { name: v.name, value: v.value === '' ? undefined : v.value };
  const { secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef } = v.valueFrom;
  return {
    name: v.name,
    valueFrom: {
      secretKeyRef: secretKeyRef && { ...secretKeyRef },
      configMapKeyRef: configMapKeyRef && { ...configMapKeyRef },
      fieldRef: fieldRef && { ...fieldRef },
      resourceFieldRef: resourceFieldRef && { ...resourceFieldRef },
    },
  };
}
