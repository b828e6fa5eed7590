/**
 * Lookup tables over the workspace index for the cross-file checks, built
 * once per `factsGeneration` of the index: validating every file of a large
 * workspace must not scan every resource for every reference, and an edit
 * that only moves text does not rebuild them. The tables are derived data,
 * kept beside the index (never on it).
 *
 * Because they live across such edits, the resources in them may carry old
 * offsets: checks read only their facts (names, hosts, subsets, ports), never
 * their ranges. Ranges come from the document being validated.
 */
import type { WorkspaceIndex } from '../../../workspace';
import { exportedTo, hostMatches, serviceFqdn, toFqdn } from '../../../workspace/hosts';
import type { IndexedResource } from '../../../workspace/model';
import { NETWORKING } from './common';

export interface Lookup {
  /** DestinationRules by the FQDN of their host (wildcard hosts under their pattern). */
  readonly rulesByHost: ReadonlyMap<string, readonly IndexedResource[]>;
  readonly wildcardRules: readonly IndexedResource[];
  /** Istio Gateways by `namespace/name`, and by name alone. */
  readonly gateways: ReadonlyMap<string, IndexedResource>;
  readonly gatewaysByName: ReadonlyMap<string, readonly IndexedResource[]>;
  readonly gatewayNamespaces: ReadonlySet<string>;
  /** VirtualServices by the FQDN of each of their hosts. */
  readonly virtualServicesByHost: ReadonlyMap<string, readonly IndexedResource[]>;
  /** ServiceEntries by the FQDN of each of their hosts; those with a wildcard host apart. */
  readonly entriesByHost: ReadonlyMap<string, readonly IndexedResource[]>;
  readonly wildcardEntries: readonly IndexedResource[];
  /** Kubernetes Services by FQDN, and the namespaces that have any. */
  readonly services: ReadonlyMap<string, readonly IndexedResource[]>;
  readonly serviceNamespaces: ReadonlySet<string>;
}

const cache = new WeakMap<WorkspaceIndex, { generation: number; lookup: Lookup }>();

export function lookupOf(index: WorkspaceIndex): Lookup {
  const hit = cache.get(index);
  if (hit && hit.generation === index.factsGeneration) return hit.lookup;
  const lookup = build(index);
  cache.set(index, { generation: index.factsGeneration, lookup });
  return lookup;
}

function build(index: WorkspaceIndex): Lookup {
  const l = {
    rulesByHost: new Map<string, IndexedResource[]>(),
    wildcardRules: [] as IndexedResource[],
    gateways: new Map<string, IndexedResource>(),
    gatewaysByName: new Map<string, IndexedResource[]>(),
    gatewayNamespaces: new Set<string>(),
    virtualServicesByHost: new Map<string, IndexedResource[]>(),
    entriesByHost: new Map<string, IndexedResource[]>(),
    wildcardEntries: [] as IndexedResource[],
    services: new Map<string, IndexedResource[]>(),
    serviceNamespaces: new Set<string>(),
  };
  for (const r of index.resources()) {
    if (r.kind === 'Service' && r.group === '') {
      push(l.services, serviceFqdn(r.name, r.namespace), r);
      l.serviceNamespaces.add(r.namespace);
    }
    if (r.group !== NETWORKING) continue;
    if (r.kind === 'DestinationRule' && r.host) {
      const fqdn = toFqdn(r.host.value, r.namespace);
      push(l.rulesByHost, fqdn, r);
      if (fqdn.startsWith('*')) l.wildcardRules.push(r);
    } else if (r.kind === 'Gateway') {
      if (!l.gateways.has(`${r.namespace}/${r.name}`)) l.gateways.set(`${r.namespace}/${r.name}`, r);
      push(l.gatewaysByName, r.name, r);
      l.gatewayNamespaces.add(r.namespace);
    } else if (r.kind === 'VirtualService') {
      for (const h of new Set(r.hosts.map((x) => toFqdn(x.value, r.namespace)))) push(l.virtualServicesByHost, h, r);
    } else if (r.kind === 'ServiceEntry') {
      for (const h of new Set(r.hosts.map((x) => toFqdn(x.value, r.namespace)))) push(l.entriesByHost, h, r);
      if (r.hosts.some((h) => h.value.startsWith('*'))) l.wildcardEntries.push(r);
    }
  }
  return l;
}

function push(map: Map<string, IndexedResource[]>, key: string, r: IndexedResource): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

/** DestinationRules for `fqdn` (their own or a wildcard host) visible from `namespace`. */
export function destinationRulesFor(l: Lookup, fqdn: string, namespace: string): IndexedResource[] {
  const exact = l.rulesByHost.get(fqdn) ?? [];
  const wild = l.wildcardRules.filter((dr) => dr.host && hostMatches(toFqdn(dr.host.value, dr.namespace), fqdn) && !exact.includes(dr));
  return [...exact, ...wild].filter((dr) => exportedTo(dr.exportTo, dr.namespace, namespace));
}

/** Services and ServiceEntries (visible from `namespace`) that provide `fqdn`. */
export function providersOf(l: Lookup, fqdn: string, namespace: string): IndexedResource[] {
  const entries = [...(l.entriesByHost.get(fqdn) ?? [])];
  for (const se of l.wildcardEntries) {
    if (!entries.includes(se) && se.hosts.some((h) => hostMatches(toFqdn(h.value, se.namespace), fqdn))) entries.push(se);
  }
  return [...(l.services.get(fqdn) ?? []), ...entries.filter((se) => exportedTo(se.exportTo, se.namespace, namespace))];
}
