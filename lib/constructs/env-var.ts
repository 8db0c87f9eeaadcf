import type { EnvVar } from '../model';
import { k8s } from './k8s';

/** A model env var as the typed Kubernetes structure: `{name, value}`, or `{name, valueFrom}` with its one source (a divisor as a Quantity). */
export function containerEnvVar(v: EnvVar): k8s.EnvVar {
  // value "" is a Go omitempty zero value the API server drops: not written.
  if (v.valueFrom === undefined) return { name: v.name, value: v.value === '' ? undefined : v.value };
  const { secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef } = v.valueFrom;
  return {
    name: v.name,
    valueFrom: {
      secretKeyRef: secretKeyRef && { ...secretKeyRef },
      configMapKeyRef: configMapKeyRef && { ...configMapKeyRef },
      fieldRef: fieldRef && { ...fieldRef },
      resourceFieldRef: resourceFieldRef && {
        ...resourceFieldRef,
        divisor: resourceFieldRef.divisor === undefined ? undefined : k8s.Quantity.fromString(resourceFieldRef.divisor),
      },
    },
  };
}
