import type { Probe } from '../model';
import { k8s } from './k8s';

/** A model probe as the typed Kubernetes structure (ports as IntOrString); `undefined` when the manifest gave none. */
export function containerProbe(probe: Probe | undefined): k8s.Probe | undefined {
  if (probe === undefined) return undefined;
  const { httpGet, tcpSocket, exec, grpc, ...timing } = probe;
  const headers = httpGet?.httpHeaders;
  return {
    ...timing,
    // Go omitempty zero values the API server drops (an int32 0, an empty list): not written.
    initialDelaySeconds: timing.initialDelaySeconds === 0 ? undefined : timing.initialDelaySeconds,
    httpGet: httpGet && { ...httpGet, port: intOrString(httpGet.port), httpHeaders: headers === undefined || headers.length === 0 ? undefined : headers.map((h) => ({ ...h })) },
    tcpSocket: tcpSocket && { ...tcpSocket, port: intOrString(tcpSocket.port) },
    exec: exec && { command: [...exec.command] },
    grpc: grpc && { ...grpc },
  };
}

function intOrString(port: number | string): k8s.IntOrString {
  return typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port);
}
