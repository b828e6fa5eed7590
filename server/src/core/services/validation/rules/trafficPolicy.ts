/**
 * A traffic policy (DestinationRule top level, subsets, port-level
 * settings): connection pool bounds, outlier detection, client TLS, tunnel.
 * Load balancing is in loadBalancer.ts.
 */
import { checkDuration, checkNonNegative, checkPercent, checkPortField } from './common';
import { fqdnProblem, isIpAddress } from './hosts';
import { checkLoadBalancer } from './loadBalancer';
import { entryIsNull, error, type Obj } from './view';

const POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol'];
const PORT_POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

export function checkTrafficPolicy(parent: Obj, key: string): void {
  const tp = parent.obj(key);
  if (!tp) return;
  const rc = tp.rc;
  if (!POLICY_FIELDS.some((f) => isSet(tp, f))) {
    error(rc, parent.keyRange(key), 'traffic-policy-empty', 'This traffic policy sets nothing: add settings or remove it.');
    return;
  }
  if (tp.has('tunnel') && tp.has('proxyProtocol')) {
    error(rc, tp.keyRange('proxyProtocol'), 'tunnel-proxy-protocol', '"tunnel" and "proxyProtocol" cannot be set together.');
    return;
  }
  checkPolicyParts(tp);
  for (const { obj: pl, entry } of tp.objects('portLevelSettings')) {
    if (!pl) {
      if (entryIsNull(entry)) error(rc, entry.range, 'null-item', 'A port-level traffic policy cannot be null.');
      continue;
    }
    if (!pl.has('port')) error(rc, pl.anchor, 'port-policy-port', 'A port-level traffic policy needs the "port" it applies to.');
    if (!PORT_POLICY_FIELDS.some((f) => isSet(pl, f))) error(rc, pl.anchor, 'port-policy-empty', 'This port-level traffic policy sets nothing: add settings or remove it.');
    else checkPolicyParts(pl);
  }
  checkTunnel(tp.obj('tunnel'));
}

function isSet(o: Obj, key: string): boolean {
  return key === 'portLevelSettings' ? o.count(key) > 0 : o.has(key);
}

function checkPolicyParts(tp: Obj): void {
  checkOutlierDetection(tp.obj('outlierDetection'));
  checkConnectionPool(tp, 'connectionPool');
  checkLoadBalancer(tp.obj('loadBalancer'), tp.has('outlierDetection'));
  checkClientTls(tp.obj('tls'));
}

function checkOutlierDetection(od: Obj | undefined): void {
  if (!od) return;
  checkDuration(od, 'baseEjectionTime');
  checkDuration(od, 'interval');
  const localOrigin = od.wrapped('consecutiveLocalOriginFailures') ?? 0;
  if (localOrigin > 0 && !od.bool('splitExternalLocalOriginErrors')) {
    error(od.rc, od.keyRange('consecutiveLocalOriginFailures'), 'outlier-local-origin', 'consecutiveLocalOriginFailures only counts when splitExternalLocalOriginErrors is true.');
  }
  checkPercent(od, 'maxEjectionPercent');
  checkPercent(od, 'minHealthPercent');
}

/** Connection pool settings. */
function checkConnectionPool(parent: Obj, key: string): void {
  const cp = parent.obj(key);
  if (!cp) return;
  const rc = cp.rc;
  const http = cp.obj('http');
  const tcp = cp.obj('tcp');
  if (!cp.has('http') && !cp.has('tcp')) {
    error(rc, parent.keyRange(key), 'connection-pool-empty', 'This connection pool sets nothing: add "tcp" or "http" settings, or remove it.');
    return;
  }
  if (http) {
    checkNonNegative(http, ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams']);
    checkDuration(http, 'idleTimeout');
    if (http.str('h2UpgradePolicy') === 'UPGRADE' && http.bool('useClientProtocol')) {
      error(rc, http.keyRange('useClientProtocol'), 'h2-upgrade-conflict', 'useClientProtocol cannot be true while h2UpgradePolicy is UPGRADE.');
    }
    const ka = http.obj('http2KeepAlive');
    if (ka) {
      for (const k of ['interval', 'timeout']) {
        if (!ka.has(k)) error(rc, http.keyRange('http2KeepAlive'), 'http2-keepalive', `http2KeepAlive needs "${k}".`);
        else checkDuration(ka, k);
      }
    }
  }
  if (tcp) {
    checkNonNegative(tcp, ['maxConnections']);
    checkDuration(tcp, 'connectTimeout');
    checkDuration(tcp, 'maxConnectionDuration');
    checkDuration(tcp, 'idleTimeout', { allowZero: true });
    const ka = tcp.obj('tcpKeepalive');
    if (ka) {
      checkDuration(ka, 'time');
      checkDuration(ka, 'interval');
    }
  }
}

/** Client-side TLS (`trafficPolicy.tls`) towards the destination. */
function checkClientTls(tls: Obj | undefined): void {
  if (!tls) return;
  const rc = tls.rc;
  const mode = tls.text('mode') ?? 'DISABLE';
  if (tls.bool('insecureSkipVerify') || tls.obj('insecureSkipVerify')?.bool('value')) {
    const checked = mode === 'SIMPLE' ? ['caCertificates', 'credentialName', 'subjectAltNames'] : mode === 'MUTUAL' ? ['caCertificates', 'subjectAltNames'] : [];
    for (const k of checked) {
      if (k === 'subjectAltNames' ? tls.count(k) > 0 : tls.text(k)) {
        error(rc, tls.keyRange(k), 'client-tls-insecure', `insecureSkipVerify turns server verification off, so "${k}" cannot be set with it.`);
      }
    }
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && tls.text('credentialName')) {
    for (const k of ['clientCertificate', 'caCertificates', 'privateKey', 'caCrl']) {
      if (tls.text(k)) error(rc, tls.keyRange(k), 'client-tls-credential', `With credentialName set, the certificates come from the credential: remove "${k}".`);
    }
    return;
  }
  if (mode === 'MUTUAL') {
    for (const k of ['clientCertificate', 'privateKey']) {
      if (!tls.text(k)) error(rc, tls.present(k) ? tls.range(k) : tls.range('mode'), 'client-tls-missing', `MUTUAL TLS needs "${k}" (or a credentialName).`);
    }
  }
}

function checkTunnel(t: Obj | undefined): void {
  if (!t) return;
  const protocol = t.text('protocol');
  if (protocol !== undefined && protocol !== 'CONNECT' && protocol !== 'POST') {
    error(t.rc, t.range('protocol'), 'tunnel', 'The tunnel protocol must be "CONNECT" or "POST".');
  }
  const host = t.str('targetHost');
  if (host !== undefined && fqdnProblem(host) && !isIpAddress(host)) {
    error(t.rc, t.range('targetHost'), 'tunnel', `The tunnel target host "${host}" must be a fully qualified domain name or an IP address.`);
  }
  checkPortField(t, 'targetPort', 'The tunnel target port');
}
