/**
 * ServiceEntry: hosts, addresses, ports and endpoints against the resolution
 * mode. The rules the CRD states as CEL (no `*` host, unique port numbers,
 * CIDRs only for NONE/STATIC, no endpoints with NONE, one endpoint for
 * DNS_ROUND_ROBIN, selector or endpoints) are checked by the structural walk.
 */
import type { SemanticContext } from '../semantic';
import { checkPortField } from './common';
import { fqdnProblem, isDns1123Label, isIpAddress, partialWildcardProblem, subnetProblem, wildcardDomainProblem } from './hosts';
import { isHttpProtocol, isTlsProtocol, parseProtocol, PROTOCOL_LIST } from './protocols';
import { checkExportTo, checkLabels, checkSelector } from './refs';
import { entryNumber, error, view, warning, type Obj } from './view';

export function checkServiceEntry(ctx: SemanticContext): void {
  const spec = view(ctx)?.obj('spec');
  if (!spec) return;
  const rc = spec.rc;
  const resolution = spec.text('resolution') ?? 'NONE';
  checkSelector(spec.obj('workloadSelector'), 'labels', 'workloadSelector');
  const hosts = spec.strings('hosts');
  for (const h of hosts) {
    if (h.value === '*') continue; // a CEL rule of the CRD
    const problem = wildcardDomainProblem(h.value);
    if (problem) error(rc, h.range, 'se-host', problem);
    else {
      const partial = partialWildcardProblem(h.value);
      if (partial) warning(rc, h.range, 'se-host-partial-wildcard', partial);
    }
  }
  for (const a of spec.strings('addresses')) {
    const problem = subnetProblem(a.value);
    if (problem) error(rc, a.range, 'subnet', problem);
  }

  const portNames = new Set<string>();
  const ports = spec.objects('ports').flatMap((p) => (p.obj ? [p.obj] : []));
  for (const port of ports) {
    const name = port.str('name');
    if (name !== undefined) {
      if (portNames.has(name)) error(rc, port.range('name'), 'port-name-duplicate', `The port name "${name}" is already used by another port of this ServiceEntry.`);
      portNames.add(name);
      if (!isDns1123Label(name)) error(rc, port.range('name'), 'port-name', `"${name}" is not a valid port name: use letters, digits and "-" (a DNS label).`);
    }
    const protocol = port.text('protocol');
    if (protocol !== undefined && !parseProtocol(protocol)) {
      error(rc, port.range('protocol'), 'port-protocol', `"${protocol}" is not a protocol Istio supports: use one of ${PROTOCOL_LIST}, UDP.`);
    }
    checkPortField(port, 'number');
    if (port.num('targetPort') !== 0) checkPortField(port, 'targetPort', 'targetPort');
  }

  const endpoints = spec.objects('endpoints').flatMap((e) => (e.obj ? [e.obj] : []));
  if (resolution === 'NONE' && spec.has('workloadSelector')) {
    warning(rc, spec.keyRange('workloadSelector'), 'se-selector-resolution', 'With resolution NONE the workloadSelector is not used.');
  }
  if (resolution === 'STATIC') {
    for (const ep of endpoints) checkEndpoint(ep, portNames, false);
  }
  if (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') {
    if (endpoints.length === 0) {
      for (const h of hosts) {
        if (h.value !== '*' && fqdnProblem(h.value)) {
          error(rc, h.range, 'se-dns-host', `With resolution ${resolution} and no endpoints, each host is resolved by DNS, so "${h.value}" must be a fully qualified name (no wildcard).`);
        }
      }
    }
    for (const ep of endpoints) checkEndpoint(ep, portNames, true);
    if (spec.has('workloadSelector')) warning(rc, spec.keyRange('workloadSelector'), 'se-selector-resolution', `With resolution ${resolution} the workloadSelector is not used.`);
  }
  if (resolution !== 'NONE' && hosts.length > 1) {
    const l4 = ports.find((p) => {
      const proto = parseProtocol(p.str('protocol'));
      return !isHttpProtocol(proto) && !isTlsProtocol(proto);
    });
    if (l4) {
      error(rc, l4.anchor, 'se-multiple-hosts', `A ServiceEntry with several hosts and resolution ${resolution} cannot tell the hosts apart on a port that is not HTTP or TLS: give the port such a protocol, or use one host per ServiceEntry.`);
    }
  }
  checkExportTo(spec, { serviceEntry: true });
}

/** An endpoint of a STATIC (IP addresses only) or DNS (names too) ServiceEntry. */
function checkEndpoint(ep: Obj, servicePorts: Set<string>, dns: boolean): void {
  const rc = ep.rc;
  const addr = ep.text('address');
  if (addr !== undefined) {
    if (addr.startsWith('unix://')) {
      if (dns) error(rc, ep.range('address'), 'se-endpoint-address', `With DNS resolution, "${addr}" is not usable: give an IP address or a host name.`);
      else if (ep.count('ports') > 0) error(rc, ep.keyRange('ports'), 'se-endpoint-ports', 'A unix:// endpoint cannot have ports.');
    } else if (!isIpAddress(addr)) {
      if (!dns) error(rc, ep.range('address'), 'se-endpoint-address', `With resolution STATIC, the endpoint address must be an IP address, not "${addr}".`);
      else if (fqdnProblem(addr)) error(rc, ep.range('address'), 'se-endpoint-address', `"${addr}" is neither an IP address nor a fully qualified host name.`);
    }
  }
  checkLabels(ep, 'labels');
  for (const e of ep.entries('ports')) {
    if (!servicePorts.has(e.key)) error(rc, e.keyRange, 'se-endpoint-ports', `The endpoint port "${e.key}" is not one of the ServiceEntry's port names.`);
    const n = entryNumber(e);
    if (n !== undefined && (n < 1 || n > 65535) && (ep.obj('ports')?.celRules(e.key).length ?? 0) === 0) {
      error(rc, e.range, 'port-range', `Port ${n} is out of range: use a number from 1 to 65535.`);
    }
  }
}
