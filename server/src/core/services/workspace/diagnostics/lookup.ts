/**
 * Lookup tables over the workspace index for the cross-file checks, brought
 * up to date when the index's `factsGeneration` changes (tables.ts: the
 * changed files out and back in): validating every file of a large
 * workspace must not scan every resource for every reference, and an edit
 * that only moves text does not touch them. The tables are derived data,
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
import { Tables, type MutableLookup } from './tables';

/** Reads of these tables are recorded (see `recordReads`). */
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
  /** Kinds of which some resource is partly written by a template (its names may be unknown). */
  readonly templatedKinds: ReadonlySet<string>;
}

const cache = new WeakMap<WorkspaceIndex, Tables>();

/**
 * The tables for the index's current facts. Built once; after that, when
 * facts change, only the files whose resources changed are taken out and put
 * back (tables.ts), so a fact edit costs what its file holds, not what the
 * workspace holds. Each table key lists its resources in index order, as a
 * fresh build would.
 */
export function lookupOf(index: WorkspaceIndex): Lookup {
  const hit = cache.get(index);
  if (hit && hit.generation === index.factsGeneration) return hit.lookup;
  const changed = hit && index.changesSince(hit.generation);
  if (hit && changed && hit.update(index, changed, placements)) return hit.lookup;
  const tables = new Tables(index, placements, emptyLookup());
  cache.set(index, tables);
  return tables.lookup;
}

/**
 * Reads of the tables, recorded while a check runs for one resource (see
 * `recordReads`): `table:key`, `table:#size` for a table's size, `table:*`
 * for a list scanned whole. A resource's cross-file findings stay valid
 * until a fact under one of the keys it read changes (`changedKeys`).
 */
let reads: Set<string> | undefined;

export function recordReads<T>(fn: () => T): { value: T; reads: ReadonlySet<string> } {
  const outer = reads;
  const mine = new Set<string>();
  reads = mine;
  try {
    return { value: fn(), reads: mine };
  } finally {
    reads = outer;
    if (outer) for (const k of mine) outer.add(k);
  }
}

const note = (table: string, key: string): void => void reads?.add(`${table}:${key}`);

export class TrackedMap<V> extends Map<string, V> {
  constructor(private readonly table: string) {
    super();
  }
  override get(key: string): V | undefined {
    note(this.table, key);
    return super.get(key);
  }
  override has(key: string): boolean {
    note(this.table, key);
    return super.has(key);
  }
  override get size(): number {
    note(this.table, '#size');
    return super.size;
  }
}

export class TrackedSet extends Set<string> {
  constructor(private readonly table: string) {
    super();
  }
  override has(key: string): boolean {
    note(this.table, key);
    return super.has(key);
  }
}

/**
 * Where a resource goes in the tables: `[table, key]` pairs. The one
 * description of the tables' contents: `build` fills them from it and
 * `changedKeys` names what a changed resource touches from it.
 */
function placements(r: IndexedResource): [string, string][] {
  const own = ownPlacements(r);
  return r.templated ? [...own, ['templatedKinds', r.kind]] : own;
}

function ownPlacements(r: IndexedResource): [string, string][] {
  if (r.kind === 'Service' && r.group === '') return [['services', serviceFqdn(r.name, r.namespace)], ['serviceNamespaces', r.namespace]];
  if (r.group !== NETWORKING) return [];
  const hosts = (): string[] => [...new Set(r.hosts.map((x) => toFqdn(x.value, r.namespace)))];
  switch (r.kind) {
    case 'DestinationRule': {
      if (!r.host) return [];
      const fqdn = toFqdn(r.host.value, r.namespace);
      return fqdn.startsWith('*') ? [['rulesByHost', fqdn], ['wildcardRules', '*']] : [['rulesByHost', fqdn]];
    }
    case 'Gateway':
      return [['gateways', `${r.namespace}/${r.name}`], ['gatewaysByName', r.name], ['gatewayNamespaces', r.namespace]];
    case 'VirtualService':
      return hosts().map((h) => ['virtualServicesByHost', h]);
    case 'ServiceEntry': {
      const out: [string, string][] = hosts().map((h) => ['entriesByHost', h]);
      if (r.hosts.some((h) => h.value.startsWith('*'))) out.push(['wildcardEntries', '*']);
      return out;
    }
    default:
      return [];
  }
}

/** Empty tables, for Tables to fill. */
function emptyLookup(): MutableLookup {
  return {
    rulesByHost: new TrackedMap<IndexedResource[]>('rulesByHost'),
    wildcardRules: [],
    gateways: new TrackedMap<IndexedResource>('gateways'),
    gatewaysByName: new TrackedMap<IndexedResource[]>('gatewaysByName'),
    gatewayNamespaces: new TrackedSet('gatewayNamespaces'),
    virtualServicesByHost: new TrackedMap<IndexedResource[]>('virtualServicesByHost'),
    entriesByHost: new TrackedMap<IndexedResource[]>('entriesByHost'),
    wildcardEntries: [],
    services: new TrackedMap<IndexedResource[]>('services'),
    serviceNamespaces: new TrackedSet('serviceNamespaces'),
    templatedKinds: new TrackedSet('templatedKinds'),
  };
}

/**
 * The table keys whose contents changed since facts generation `since`
 * (what changed resources were and are placed under; a DestinationRule
 * also changes `rulesByHost:#size`), or undefined when the index no longer
 * remembers that far back.
 */
export function changedKeys(index: WorkspaceIndex, since: number): ReadonlySet<string> | undefined {
  const changed = index.changesSince(since);
  if (!changed) return undefined;
  const keys = new Set<string>();
  for (const r of changed) {
    for (const [table, key] of placements(r)) keys.add(`${table}:${key}`);
    if (r.kind === 'DestinationRule') keys.add('rulesByHost:#size');
  }
  return keys;
}

/** DestinationRules for `fqdn` (their own or a wildcard host) visible from `namespace`. */
export function destinationRulesFor(l: Lookup, fqdn: string, namespace: string): IndexedResource[] {
  note('wildcardRules', '*');
  const exact = l.rulesByHost.get(fqdn) ?? [];
  const wild = l.wildcardRules.filter((dr) => dr.host && hostMatches(toFqdn(dr.host.value, dr.namespace), fqdn) && !exact.includes(dr));
  return [...exact, ...wild].filter((dr) => exportedTo(dr.exportTo, dr.namespace, namespace));
}

/** Services and ServiceEntries (visible from `namespace`) that provide `fqdn`. */
export function providersOf(l: Lookup, fqdn: string, namespace: string): IndexedResource[] {
  note('wildcardEntries', '*');
  const entries = [...(l.entriesByHost.get(fqdn) ?? [])];
  for (const se of l.wildcardEntries) {
    if (!entries.includes(se) && se.hosts.some((h) => hostMatches(toFqdn(h.value, se.namespace), fqdn))) entries.push(se);
  }
  return [...(l.services.get(fqdn) ?? []), ...entries.filter((se) => exportedTo(se.exportTo, se.namespace, namespace))];
}
