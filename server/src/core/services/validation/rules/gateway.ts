/**
 * Gateway: servers, their hosts (`namespace/host`), ports, binds, and how the
 * port protocol and the TLS settings fit together. The TLS settings
 * themselves are in gatewayTls.ts.
 */
import type { SemanticContext } from '../semantic';
import { checkPort, validPort } from './common';
import { checkServerTls, tlsMode } from './gatewayTls';
import { isDns1123Label, isIpAddress, partialWildcardProblem, wildcardDomainProblem } from './hosts';
import { isHttpProtocol, isTlsProtocol, parseProtocol, PROTOCOL_LIST } from './protocols';
import { error, view, warning, type Obj } from './view';

export function checkGateway(ctx: SemanticContext): void {
  const root = view(ctx);
  if (!root) return;
  const metadata = root.obj('metadata');
  const name = metadata?.str('name');
  if (metadata && name && !isDns1123Label(name)) {
    error(root.rc, metadata.range('name'), 'gateway-name', `"${name}" is not a valid Gateway name: Gateway names are DNS labels (letters, digits and "-", no dots).`);
  }
  const spec = root.obj('spec');
  if (!spec) return;
  const servers = spec.objects('servers');
  if (servers.length === 0) error(spec.rc, spec.present('servers') ? spec.keyRange('servers') : spec.anchor, 'gateway-no-servers', 'A Gateway needs at least one server.');
  const portNames = new Set<string>();
  for (const { obj: server, entry } of servers) {
    if (!server) {
      error(spec.rc, entry.range, 'null-item', 'A server cannot be null.');
      continue;
    }
    checkServer(server);
    const port = server.obj('port');
    const portName = port?.text('name');
    if (port && portName !== undefined) {
      if (portNames.has(portName)) error(spec.rc, port.range('name'), 'port-name-duplicate', `The port name "${portName}" is already used by another server of this Gateway: port names must be unique.`);
      portNames.add(portName);
    }
    const tls = server.obj('tls');
    if (port && tls?.bool('httpsRedirect') && !isHttpProtocol(parseProtocol(port.str('protocol')))) {
      warning(spec.rc, tls.keyRange('httpsRedirect'), 'https-redirect', 'tls.httpsRedirect only has an effect on HTTP servers.');
    }
  }
}

function checkServer(server: Obj): void {
  const rc = server.rc;
  if (server.present('hosts') && server.count('hosts') === 0) {
    error(rc, server.keyRange('hosts'), 'server-hosts-missing', 'A server needs at least one host.');
  }
  for (const h of server.strings('hosts')) {
    const problem = gatewayHostProblem(h.value);
    if (problem) error(rc, h.range, 'server-host', problem);
  }
  const bind = server.str('bind') ?? '';
  const port = server.obj('port');
  const portOk = port ? checkServerPort(port, bind) : false;
  if (!port && server.present('port')) error(rc, server.keyRange('port'), 'server-port-missing', 'A server needs a port.');
  if (bind.startsWith('unix://')) {
    const problem = unixAddressProblem(bind.slice('unix://'.length));
    if (problem) error(rc, server.range('bind'), 'server-bind', problem);
    const n = port?.num('number');
    if (port && n !== undefined && n !== 0) error(rc, port.range('number'), 'unix-port', 'A server bound to a Unix domain socket must use port number 0.');
  } else if (bind !== '' && !isIpAddress(bind)) {
    error(rc, server.range('bind'), 'server-bind', `"${bind}" is not a valid IP address to bind to (or a unix:// socket path).`);
  }
  const tls = server.obj('tls');
  checkServerTls(tls);
  if (!portOk || !port) return;
  const protocol = parseProtocol(port.str('protocol'));
  if (isTlsProtocol(protocol) && !server.has('tls')) {
    error(rc, port.range('protocol'), 'server-tls-required', `A server with protocol ${protocol} needs TLS settings ("tls").`);
  } else if (!isTlsProtocol(protocol) && tls) {
    const mode = tlsMode(tls);
    const passthrough = mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH';
    if (!isHttpProtocol(protocol)) {
      error(rc, server.keyRange('tls'), 'server-tls-forbidden', `A server with protocol ${port.str('protocol')} cannot have TLS settings: use HTTPS or TLS.`);
    } else if (!passthrough || tls.text('caCertificates') || tls.text('privateKey') || tls.text('serverCertificate')) {
      error(rc, server.keyRange('tls'), 'server-tls-forbidden', 'A plain-text HTTP server cannot have TLS settings (only tls.httpsRedirect): use protocol HTTPS to terminate TLS.');
    }
  }
}

/** Checks a server's port; true when it is good enough to judge the TLS settings by. */
function checkServerPort(port: Obj, bind: string): boolean {
  const rc = port.rc;
  let ok = true;
  const protocol = port.str('protocol');
  if (protocol === undefined) ok = false;
  else if (!parseProtocol(protocol)) {
    error(rc, port.range('protocol'), 'port-protocol', `"${protocol}" is not a protocol Istio supports: use one of ${PROTOCOL_LIST}.`);
    ok = false;
  }
  const n = port.num('number');
  if (n === undefined) ok = false;
  else if ((n > 0 || !bind.startsWith('unix://')) && !validPort(n)) {
    checkPort(rc, port.range('number'), n);
    ok = false;
  }
  const target = port.num('targetPort');
  if (target !== undefined && target > 0) {
    error(rc, port.range('targetPort'), 'gateway-target-port', 'targetPort has no effect on a Gateway: remove it.');
    ok = false;
  }
  if (port.str('name') === '') {
    error(rc, port.range('name'), 'port-name-missing', 'The port needs a name.');
    ok = false;
  } else if (!port.present('name')) ok = false;
  return ok;
}

/**
 * A server host: `host`, or `namespace/host` where the namespace is a name,
 * `*` or `.`; the host is an FQDN, `*`, `*.suffix` or an IP address.
 */
export function gatewayHostProblem(host: string): string | undefined {
  const slash = host.indexOf('/');
  if (slash < 0) return gatewayHostnameProblem(host);
  const ns = host.slice(0, slash);
  const name = host.slice(slash + 1);
  if (ns === '' || name === '') return `"${host}" needs both a namespace and a host name: <namespace>/<host>.`;
  if (ns !== '*' && ns !== '.' && !isDns1123Label(ns)) {
    if (ns === '~') return `The namespace "~" in "${host}" is only valid in Gateways generated from the Kubernetes Gateway API: use "*", "." or a namespace name.`;
    return `"${ns}" in "${host}" is not a valid namespace: use "*", "." or a namespace name.`;
  }
  return gatewayHostnameProblem(name);
}

function gatewayHostnameProblem(host: string): string | undefined {
  if (host !== '*' && !host.includes('.')) return `"${host}" is a short name: Gateway hosts must be fully qualified (e.g. "${host}.example.com") or "*".`;
  const partial = partialWildcardProblem(host);
  if (partial) return partial;
  const problem = wildcardDomainProblem(host);
  return problem && !isIpAddress(host) ? problem : undefined;
}

/** A `unix://` bind address: an absolute file path or an abstract socket (`@name`). */
function unixAddressProblem(addr: string): string | undefined {
  if (addr === '') return 'The unix:// bind address needs a socket path.';
  if (addr.startsWith('@')) return undefined;
  if (!addr.startsWith('/') || addr.endsWith('/')) return `"${addr}" is not an absolute path to a socket file.`;
  return undefined;
}
