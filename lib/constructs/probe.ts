import type { EnvVar, Probe } from '../model';
import { k8s } from './k8s';

/** A model probe as the typed Kubernetes structure: ports become IntOrString. */
export function containerProbe(probe: Probe | undefined): k8s.Probe | undefined {
  if (probe === undefined) return undefined;
  const { httpGet, tcpSocket, exec, grpc, ...timing } = probe;
  return {
    ...timing,
    httpGet: httpGet && { ...httpGet, port: intOrString(httpGet.port), httpHeaders: httpGet.httpHeaders?.map((h) => ({ ...h })) },
    tcpSocket: tcpSocket && { ...tcpSocket, port: intOrString(tcpSocket.port) },
    exec: exec && { command: [...exec.command] },
    grpc: grpc && { ...grpc },
  };
}

/** A model env var as the typed Kubernetes structure. */
export function containerEnvVar(v: EnvVar): k8s.EnvVar {
  if (v.valueFrom === undefined) return { name: v.name, value: v.value };
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

function intOrString(port: number | string): k8s.IntOrString {
  return typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port);
}
