/**
 * VirtualService: hosts (and which gateways they bind to), delegation, the
 * TCP and TLS routes. HTTP routes are in httpRoute.ts. Rules that can never
 * match (IST0130/IST0131) are a workspace diagnostic (shadowedRules.ts).
 */
import type { SemanticContext } from '../semantic';
import { checkPortField } from './common';
import { checkRouteDestinations } from './destinations';
import { earlierOverlaps, gatewayBoundHostProblem, hostSubsetOf, isIpAddress, subnetProblem, wildcardDomainProblem } from './hosts';
import { isJwtClaimRoute } from './http';
import { checkHttpRoute } from './httpRoute';
import { checkExportTo, checkGatewayNames, checkLabels } from './refs';
import { entryIsNull, error, info, view, warning, type Obj } from './view';

export function checkVirtualService(ctx: SemanticContext): void {
  const spec = view(ctx)?.obj('spec');
  if (!spec) return;
  const rc = spec.rc;
  const hosts = spec.strings('hosts');
  const gateways = spec.strings('gateways').map((g) => g.value);
  const delegate = spec.count('hosts') === 0;
  if (delegate) {
    for (const key of ['gateways', 'tls', 'tcp']) {
      if (spec.count(key) > 0) error(rc, spec.keyRange(key), `delegate-${key}`, `This VirtualService has no hosts, so it is a delegate: a delegate cannot have "${key}" (the root VirtualService sets them).`);
    }
  }
  // Bound to gateways (and not to the mesh) when `gateways` lists names and none is `mesh`.
  const toGateway = gateways.length > 0 && !gateways.includes('mesh');
  const toMesh = !toGateway;
  checkGatewayNames(spec, 'gateways');
  if (!toGateway) checkJwtClaimRoutes(spec, gateways);

  const sni = spec.objects('tls').some(({ obj }) => obj?.objects('match').some((m) => (m.obj?.count('sniHosts') ?? 0) > 0));
  let allValid = true;
  for (const h of hosts) {
    const problem = toGateway ? gatewayBoundHostProblem(h.value, sni) : wildcardDomainProblem(h.value);
    if (problem) {
      if (!isIpAddress(h.value)) {
        error(rc, h.range, 'vs-host', problem);
        allValid = false;
      }
    } else if (toMesh && h.value === '*') {
      error(rc, h.range, 'vs-mesh-wildcard', 'The host "*" is not allowed for a VirtualService that applies to the mesh: list the services, or bind it to a gateway.');
      allValid = false;
    }
  }
  if (allValid) {
    const overlaps = earlierOverlaps(hosts);
    for (let j = 1; j < hosts.length; j++) {
      const earlier = overlaps[j];
      if (earlier) error(rc, hosts[j].range, 'vs-duplicate-hosts', `The host "${hosts[j].value}" overlaps "${earlier.value}", listed before it: a VirtualService cannot list the same host twice.`);
    }
  }

  if (spec.count('http') === 0 && spec.count('tcp') === 0 && spec.count('tls') === 0) {
    error(rc, spec.anchor, 'vs-no-routes', 'A VirtualService needs at least one "http", "tcp" or "tls" route.');
  }
  for (const { obj: http, entry } of spec.objects('http')) {
    if (http) checkHttpRoute(http, delegate);
    else if (entryIsNull(entry)) error(rc, entry.range, 'null-item', 'An http route cannot be null.');
  }
  for (const { obj: tls } of spec.objects('tls')) if (tls) checkTlsRoute(tls, hosts.map((h) => h.value), gateways);
  for (const { obj: tcp } of spec.objects('tcp')) if (tcp) checkTcpRoute(tcp);
  checkExportTo(spec);
}

/** Routing on JWT claims (`@request.auth.claims.*`) only works at a gateway. */
function checkJwtClaimRoutes(spec: Obj, gateways: string[]): void {
  for (const { obj: http } of spec.objects('http')) {
    for (const { obj: m } of http?.objects('match') ?? []) {
      for (const key of ['headers', 'withoutHeaders']) {
        for (const e of m?.entries(key) ?? []) {
          if (isJwtClaimRoute(e.key)) {
            const where = gateways.length === 0 ? 'this VirtualService applies to the mesh only' : `its gateways are [${gateways.join(', ')}]`;
            error(spec.rc, e.keyRange, 'jwt-claim-mesh', `Routing on a JWT claim ("${e.key}") only works at an ingress gateway, and ${where}.`);
          }
        }
      }
    }
  }
}

function checkL4Match(m: Obj): void {
  for (const s of m.strings('destinationSubnets')) {
    const problem = subnetProblem(s.value);
    if (problem) error(m.rc, s.range, 'subnet', problem);
  }
  if (m.num('port') !== 0) checkPortField(m, 'port');
  checkLabels(m, 'sourceLabels');
  checkGatewayNames(m, 'gateways');
}

function checkTlsRoute(tls: Obj, hosts: string[], gateways: string[]): void {
  const rc = tls.rc;
  if (tls.present('match') && tls.count('match') === 0) error(rc, tls.keyRange('match'), 'tls-match-missing', 'A TLS route needs at least one match (with sniHosts).');
  for (const { obj: m, entry } of tls.objects('match')) {
    if (!m) {
      if (entryIsNull(entry)) error(rc, entry.range, 'null-item', 'A TLS match cannot be null.');
      continue;
    }
    if (m.present('sniHosts') && m.count('sniHosts') === 0) error(rc, m.keyRange('sniHosts'), 'sni-hosts-missing', 'A TLS match needs at least one SNI host.');
    for (const sni of m.strings('sniHosts')) checkSniHost(m, sni.value, sni.range, hosts, gateways);
    checkL4Match(m);
  }
  if (tls.count('route') === 0) error(rc, tls.present('route') ? tls.keyRange('route') : tls.anchor, 'tls-route-missing', 'A TLS route needs a "route" with at least one destination.');
  checkRouteDestinations(tls, 'route', false);
}

function checkSniHost(m: Obj, sni: string, range: readonly [number, number] | undefined, hosts: string[], gateways: string[]): void {
  const toGateway = !gateways.includes('mesh');
  const problem = toGateway ? gatewayBoundHostProblem(sni, true) : wildcardDomainProblem(sni);
  if (problem) {
    if (isIpAddress(sni)) warning(m.rc, range, 'sni-ip', `"${sni}" is an IP address: SNI carries host names, and most clients never send an IP address in it.`);
    else error(m.rc, range, 'sni-host', problem);
    return;
  }
  if (!hosts.some((h) => hostSubsetOf(sni, h))) {
    // istiod rejects this; reported as information only because a published manifest
    // of our real-world corpus (argo-rollouts' multipleVirtualsvc.yaml) does it.
    const listed = hosts.length ? `any of the VirtualService's hosts (${hosts.join(', ')})` : "the VirtualService's hosts (it has none)";
    info(m.rc, range, 'sni-host-mismatch', `The SNI host "${sni}" is not covered by ${listed}: istiod rejects a VirtualService whose sniHosts are not among its hosts.`);
  }
}

function checkTcpRoute(tcp: Obj): void {
  const rc = tcp.rc;
  for (const { obj: m, entry } of tcp.objects('match')) {
    if (m) checkL4Match(m);
    else if (entryIsNull(entry)) error(rc, entry.range, 'null-item', 'A TCP match cannot be null.');
  }
  if (tcp.count('route') === 0) error(rc, tcp.present('route') ? tcp.keyRange('route') : tcp.anchor, 'tcp-route-missing', 'A TCP route needs a "route" with at least one destination.');
  checkRouteDestinations(tcp, 'route', false);
}
