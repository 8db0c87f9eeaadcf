import type { Probe } from '../model';
import type { KubeJson } from './json-api-object';
import type { k8s } from './k8s';

/** A model probe as Kubernetes JSON (a port a number or a name); `undefined` when the manifest gave none. */
export function containerProbe(probe: Probe | undefined): KubeJson<k8s.Probe> | undefined {
  if (probe === undefined) return undefined;
  const { httpGet, tcpSocket, exec, grpc, ...timing } = probe;
  const headers = httpGet?.httpHeaders;
  return {
    ...timing,
    // Go omitempty zero values the API server drops (an int32 0, an empty list): not written.
    initialDelaySeconds: timing.initialDelaySeconds === 0 ? undefined : timing.initialDelaySeconds,
    httpGet: httpGet && { ...httpGet, httpHeaders: headers === undefined || headers.length === 0 ? undefined : headers.map((h) => ({ ...h })) },
    tcpSocket: tcpSocket && { ...tcpSocket },
    exec: exec && { command: [...exec.command] },
    grpc: grpc && { ...grpc },
  };
}
