/** Port protocols as Istio names them (case-insensitive), and what they carry. */
export type Protocol = 'GRPC' | 'GRPC-WEB' | 'HTTP' | 'HTTP_PROXY' | 'HTTP2' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'MONGO' | 'REDIS' | 'MYSQL';

const KNOWN: readonly Protocol[] = ['GRPC', 'GRPC-WEB', 'HTTP', 'HTTP_PROXY', 'HTTP2', 'HTTPS', 'TCP', 'TLS', 'UDP', 'MONGO', 'REDIS', 'MYSQL'];

/** The protocol a port name stands for, or undefined when Istio does not support it. */
export function parseProtocol(s: string | undefined): Protocol | undefined {
  const upper = (s ?? '').toUpperCase();
  return (KNOWN as readonly string[]).includes(upper) ? (upper as Protocol) : undefined;
}

export function isHttpProtocol(p: Protocol | undefined): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'HTTP_PROXY' || p === 'GRPC' || p === 'GRPC-WEB';
}

export function isTlsProtocol(p: Protocol | undefined): boolean {
  return p === 'HTTPS' || p === 'TLS';
}

export const PROTOCOL_LIST = 'HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, TCP, TLS, MONGO, REDIS, MYSQL';
