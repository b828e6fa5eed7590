/**
 * What navigation features share: which reference or definition is under the
 * cursor (found with the index's ranges), how each resolves the way Istio
 * does (short hosts in the namespace they are written in, exportTo), who
 * refers to a subset or a Gateway, and offsets -> LSP locations in any
 * indexed file.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Range as LspRange } from 'vscode-languageserver-types';
import type { IndexedFile, WorkspaceIndex } from '../../workspace';
import { exportedTo, hostMatches, serviceFqdn, splitNamespaced, toFqdn } from '../../workspace/hosts';
import type { DestinationRef, IndexedResource, Range, Ref, SubsetDef } from '../../workspace/model';
import { resourceAt, type WorkspaceContext } from './context';

/** What navigation needs of a request: the index, the indexed file and its document. */
export type NavContext = Pick<WorkspaceContext, 'index' | 'file' | 'document'>;

/** The thing under the cursor. `ref` is the scalar the cursor is on. */
export type Target =
  /** `subset:` of a VirtualService destination or mirror. */
  | { readonly kind: 'subset'; readonly resource: IndexedResource; readonly destination: DestinationRef; readonly ref: Ref }
  /** `name:` of a DestinationRule subset. */
  | { readonly kind: 'subsetDef'; readonly resource: IndexedResource; readonly subset: SubsetDef; readonly ref: Ref }
  /** A VirtualService `gateways` entry (top level or in a match). */
  | { readonly kind: 'gateway'; readonly resource: IndexedResource; readonly ref: Ref }
  /** `metadata.name` of a Gateway. */
  | { readonly kind: 'gatewayDef'; readonly resource: IndexedResource; readonly ref: Ref }
  /** `host:` of a destination, or of a DestinationRule. */
  | { readonly kind: 'host'; readonly resource: IndexedResource; readonly ref: Ref; readonly destination?: DestinationRef };

/** A value somewhere in the workspace: the resource it is written in and the scalar. */
export interface Occurrence {
  readonly resource: IndexedResource;
  readonly ref: Ref;
}

/** The gateway name every sidecar answers to; it names no Gateway resource. */
export const MESH_GATEWAY = 'mesh';
const ISTIO_NETWORKING = 'networking.istio.io';

const within = (r: Range | undefined, offset: number): r is Range => r !== undefined && r[0] <= offset && offset <= r[1];

/** The reference or definition at `offset` of an indexed file. */
export function referenceAt(file: IndexedFile, offset: number): Target | undefined {
  const resource = resourceAt(file, offset);
  if (!resource) return undefined;
  for (const d of resource.destinations) {
    if (d.subset && within(d.subset.range, offset)) return { kind: 'subset', resource, destination: d, ref: d.subset };
    if (within(d.host.range, offset)) return { kind: 'host', resource, ref: d.host, destination: d };
  }
  for (const g of resource.gateways) if (within(g.range, offset)) return { kind: 'gateway', resource, ref: g };
  for (const s of resource.subsets) if (within(s.name.range, offset)) return { kind: 'subsetDef', resource, subset: s, ref: s.name };
  if (resource.host && within(resource.host.range, offset)) return { kind: 'host', resource, ref: resource.host };
  if (isIstioGateway(resource) && within(resource.nameRange, offset)) {
    return { kind: 'gatewayDef', resource, ref: { value: resource.name, range: resource.nameRange } };
  }
  return undefined;
}

/** The fully qualified host a destination (or DestinationRule host) of `resource` names. */
export function fqdnOf(resource: IndexedResource, host: Ref): string {
  return toFqdn(host.value, resource.namespace);
}

/**
 * The DestinationRules for `fqdn` visible from `namespace`: those of the host
 * and those whose wildcard host covers it (`*.shop.svc.cluster.local`), as the
 * cross-file subset check counts them.
 */
export function destinationRulesOf(index: WorkspaceIndex, fqdn: string, namespace: string): IndexedResource[] {
  const out: IndexedResource[] = [];
  for (const dr of index.resources('DestinationRule')) {
    if (dr.group !== ISTIO_NETWORKING || !dr.host || !exportedTo(dr.exportTo, dr.namespace, namespace)) continue;
    if (hostMatches(fqdnOf(dr, dr.host), fqdn)) out.push(dr);
  }
  return out;
}

/** The subset definitions a destination's `subset` resolves to (one per visible DestinationRule). */
export function subsetDefinitions(index: WorkspaceIndex, vs: IndexedResource, d: DestinationRef): Occurrence[] {
  if (!d.subset) return [];
  const out: Occurrence[] = [];
  for (const dr of destinationRulesOf(index, fqdnOf(vs, d.host), vs.namespace)) {
    for (const s of dr.subsets) if (s.name.value === d.subset.value) out.push({ resource: dr, ref: s.name });
  }
  return out;
}

/** Every destination or mirror that uses subset `name` of DestinationRule `dr` (whose host may be a wildcard). */
export function subsetReferences(index: WorkspaceIndex, dr: IndexedResource, name: string): Occurrence[] {
  if (!dr.host) return [];
  const pattern = fqdnOf(dr, dr.host);
  const out: Occurrence[] = [];
  for (const vs of index.resources('VirtualService')) {
    if (!exportedTo(dr.exportTo, dr.namespace, vs.namespace)) continue;
    for (const d of vs.destinations) {
      if (d.subset?.value === name && hostMatches(pattern, fqdnOf(vs, d.host))) out.push({ resource: vs, ref: d.subset });
    }
  }
  return out;
}

/** The Gateway a `gateways` entry of `vs` names (none for `mesh`). */
export function gatewayOf(index: WorkspaceIndex, vs: IndexedResource, ref: Ref): IndexedResource | undefined {
  if (ref.value === MESH_GATEWAY) return undefined;
  const { namespace, name } = splitNamespaced(ref.value, vs.namespace);
  for (const g of index.resources('Gateway')) if (isIstioGateway(g) && g.name === name && g.namespace === namespace) return g;
  return undefined;
}

/** An Istio Gateway (not a Kubernetes Gateway API one). */
export function isIstioGateway(r: IndexedResource): boolean {
  return r.kind === 'Gateway' && r.group === ISTIO_NETWORKING;
}

/** Every VirtualService `gateways` entry that names Gateway `gw`. */
export function gatewayReferences(index: WorkspaceIndex, gw: IndexedResource): Occurrence[] {
  const out: Occurrence[] = [];
  for (const vs of index.resources('VirtualService')) {
    for (const g of vs.gateways) {
      if (g.value === MESH_GATEWAY) continue;
      const { namespace, name } = splitNamespaced(g.value, vs.namespace);
      if (name === gw.name && namespace === gw.namespace) out.push({ resource: vs, ref: g });
    }
  }
  return out;
}

/**
 * What a host written in `resource` resolves to: the DestinationRules of the
 * host, the ServiceEntry hosts that match it and the Services that are it,
 * each visible from the namespace of `resource`.
 */
export function hostDefinitions(index: WorkspaceIndex, resource: IndexedResource, host: Ref): Occurrence[] {
  const fqdn = fqdnOf(resource, host);
  const out: Occurrence[] = [];
  for (const dr of destinationRulesOf(index, fqdn, resource.namespace)) if (dr !== resource && dr.host) out.push({ resource: dr, ref: dr.host });
  const providers = index.providersOf(fqdn, resource.namespace);
  for (const se of providers) {
    if (se.kind !== 'ServiceEntry') continue;
    for (const h of se.hosts) if (hostMatches(toFqdn(h.value, se.namespace), fqdn)) out.push({ resource: se, ref: h });
  }
  for (const svc of providers) {
    if (svc.kind === 'Service' && svc.nameRange && serviceFqdn(svc.name, svc.namespace) === fqdn) out.push({ resource: svc, ref: { value: svc.name, range: svc.nameRange } });
  }
  return out;
}

/** The range of a scalar's text without its quotes (`"v1"` -> `v1`). */
export function unquoted(text: string, range: Range): Range {
  const [s, e] = range;
  const q = text[s];
  return (q === '"' || q === "'") && e - s >= 2 && text[e - 1] === q ? [s + 1, e - 1] : range;
}

/**
 * Converts offsets of any indexed file to LSP ranges: the request's own
 * document for its file, a TextDocument over the indexed text for the others
 * (created once per request).
 */
export class Documents {
  private readonly cache = new Map<string, TextDocument>();

  constructor(
    private readonly index: WorkspaceIndex,
    current?: TextDocument,
  ) {
    if (current) this.cache.set(current.uri, current);
  }

  get(uri: string): TextDocument | undefined {
    let doc = this.cache.get(uri);
    if (!doc) {
      const text = this.index.get(uri)?.parsed.text;
      if (text === undefined) return undefined;
      doc = TextDocument.create(uri, 'yaml', 0, text);
      this.cache.set(uri, doc);
    }
    return doc;
  }

  text(uri: string): string {
    return this.get(uri)?.getText() ?? '';
  }

  range(uri: string, range: Range): LspRange {
    const doc = this.get(uri);
    if (!doc) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: doc.positionAt(range[0]), end: doc.positionAt(range[1]) };
  }

  /** The location of a scalar's text (quotes excluded). */
  location(uri: string, range: Range): Location {
    return { uri, range: this.range(uri, unquoted(this.text(uri), range)) };
  }
}

/** Locations of occurrences, in order, without duplicates. */
export function locations(docs: Documents, occurrences: readonly Occurrence[]): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const o of occurrences) {
    const key = `${o.resource.uri}#${o.ref.range[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(docs.location(o.resource.uri, o.ref.range));
  }
  return out;
}
