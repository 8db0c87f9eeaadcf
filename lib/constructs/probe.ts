import type { Probe } from '../model';
import { k8s } from './k8s';

/** A model probe as the typed Kubernetes structure (ports as IntOrString); `undefined` when the manifest gave none. */
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

function intOrString(port: number | string): k8s.IntOrString {
  return typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port);
}
