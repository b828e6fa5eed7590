/** What the "Generate Canary" prompts offer: known hosts, their subsets, and Gateways. */
import type { WorkspaceIndex } from '../../workspace';
import { serviceFqdn, toFqdn } from '../../workspace/hosts';

export interface WorkspaceFacts {
  /** Host FQDNs, sorted. */
  readonly hosts: readonly string[];
  /** Subset names by host FQDN. */
  readonly subsets: Readonly<Record<string, readonly string[]>>;
  /** Gateways as `namespace/name`. */
  readonly gateways: readonly string[];
}

export function workspaceFacts(index: WorkspaceIndex): WorkspaceFacts {
  const hosts = new Set<string>();
  const subsets: Record<string, string[]> = {};
  const gateways = new Set<string>();
  for (const r of index.resources()) {
    if (r.kind === 'DestinationRule' && r.host) {
      const fqdn = toFqdn(r.host.value, r.namespace);
      hosts.add(fqdn);
      subsets[fqdn] = [...new Set([...(subsets[fqdn] ?? []), ...r.subsets.map((s) => s.name.value)])];
    } else if (r.kind === 'Service' && r.group === '') hosts.add(serviceFqdn(r.name, r.namespace));
    else if (r.kind === 'ServiceEntry' || r.kind === 'VirtualService') {
      for (const h of r.hosts) if (h.value !== '*') hosts.add(toFqdn(h.value, r.namespace));
    } else if (r.kind === 'Gateway') gateways.add(`${r.namespace}/${r.name}`);
  }
  return { hosts: [...hosts].sort(), subsets, gateways: [...gateways].sort() };
}
