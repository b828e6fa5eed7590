/**
 * The services a VirtualService sends traffic to. A destination without
 * `port` to a Service or ServiceEntry of the workspace that exposes several
 * ports is ambiguous (IST0112, error, as istioctl). A host that no Service or
 * ServiceEntry provides is only mentioned (information), and only when the
 * workspace holds Services of that host's namespace: otherwise the service
 * most likely lives outside the repository.
 */
import { ErrorCode } from '../../../codes';
import type { Reporter } from '../../../findings';
import { toFqdn } from '../../../workspace/hosts';
import type { DestinationRef, IndexedResource } from '../../../workspace/model';
import type { WorkspaceContext } from '../context';
import { own, serviceNamespace } from './common';
import { lookupOf, providersOf, type Lookup } from './lookup';

export function checkDestinationHosts(ctx: WorkspaceContext, report: Reporter): void {
  for (const vs of own(ctx, 'VirtualService')) {
    for (const d of vs.destinations) checkDestination(lookupOf(ctx.index), vs, d, report);
  }
}

function checkDestination(lookup: Lookup, vs: IndexedResource, d: DestinationRef, report: Reporter): void {
  const host = d.host.value;
  if (host === '' || host.includes('*')) return;
  const fqdn = toFqdn(host, vs.namespace);
  const providers = providersOf(lookup, fqdn, vs.namespace);
  if (providers.length === 0) {
    const ns = serviceNamespace(fqdn);
    if (!ns || !lookup.serviceNamespaces.has(ns)) return;
    if (lookup.templatedKinds.has('Service') || lookup.templatedKinds.has('ServiceEntry')) return; // a templated one may provide it
    report.add(d.host.range, {
      severity: 'info',
      code: ErrorCode.ReferencedResourceNotFound,
      rule: 'host-not-found',
      message: `No Service or ServiceEntry in the workspace provides host "${host}"${fqdn !== host ? ` (${fqdn})` : ''}, although it holds Services of namespace "${ns}". Check the name, or ignore this if the service is defined elsewhere.`,
    });
    return;
  }
  if (d.port) return;
  const portLists = providers.map((p) => [...new Set(p.ports.map((x) => x.number))]);
  if (!portLists.every((ports) => ports.length > 1)) return;
  const ports = [...new Set(portLists.flat())].sort((a, b) => a - b);
  report.add(d.keyRange, {
    severity: 'error',
    code: ErrorCode.VirtualServiceDestinationPortSelectorRequired,
    rule: 'destination-port-required',
    message: `Host "${host}" exposes several ports (${ports.join(', ')}): say which one with "port: { number: ... }" in this ${d.role === 'mirror' ? 'mirror' : 'destination'}.`,
    data: { ports },
  });
}
