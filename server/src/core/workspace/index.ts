/**
 * The workspace index: every resource of every file the server knows, with
 * what it defines and references. It holds no text and does no IO: the
 * server feeds it parsed files (open documents from the editor, the rest
 * from disk) and removes them when they go.
 */
import { rebased, type ParsedDocument, type ParsedFile } from '../parser';
import { extractResource } from './extract';
import { patchListPrint } from './kustomize';
import { touchesTemplate } from '../templates/detect';
import { exportedTo, hostMatches, serviceFqdn, splitNamespaced, toFqdn } from './hosts';
import type { IndexedResource } from './model';

export interface IndexedFile {
  readonly uri: string;
  readonly parsed: ParsedFile;
  readonly resources: readonly IndexedResource[];
  /** What other files can see of each resource (positions left out): equal prints, no effect on others. */
  readonly prints: readonly string[];
  /** The Kustomize patches it lists, when it is a kustomization (they change how other files are judged). */
  readonly patchPrint: string;
}

function printOf(resource: IndexedResource): string {
  return JSON.stringify(resource, (key, value) => (key === 'range' || key === 'nameRange' || key === 'keyRange' || key === 'path' ? undefined : value));
}

/** How many facts generations `changesSince` can look back. */
const MAX_CHANGES = 32;

/** The resources of a file whose prints differ between two versions of it (both versions), all of them when the count changed; none when the prints are equal. */
function changedResources(before: IndexedFile | undefined, after: IndexedFile): IndexedResource[] {
  if (!before) return [...after.resources];
  if (before.resources.length !== after.resources.length) return [...before.resources, ...after.resources];
  const out: IndexedResource[] = [];
  for (let i = 0; i < after.prints.length; i++) if (before.prints[i] !== after.prints[i]) out.push(before.resources[i], after.resources[i]);
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const shiftRange = (r: readonly [number, number], delta: number): readonly [number, number] => [r[0] + delta, r[1] + delta];
const shiftRef = (ref: { range: readonly [number, number] } | undefined, delta: number): void => {
  if (ref) (ref as Mutable<typeof ref>).range = shiftRange(ref.range, delta);
};

/**
 * Shifts every range of an extracted resource by `delta`, in place (whoever
 * holds this very object sees the new ranges). Every range field of the model
 * (model.ts) is listed here; test/unit/parse.test.mjs compares a moved
 * document's resource with a fresh extraction.
 */
function shiftResource(r: IndexedResource | undefined, delta: number): IndexedResource | undefined {
  if (!r) return r;
  const m = r as Mutable<IndexedResource>;
  m.range = shiftRange(r.range, delta);
  if (r.nameRange) m.nameRange = shiftRange(r.nameRange, delta);
  for (const h of r.hosts) shiftRef(h, delta);
  for (const g of r.gateways) shiftRef(g, delta);
  for (const g of r.topGateways ?? []) if (!r.gateways.includes(g)) shiftRef(g, delta);
  for (const d of r.destinations) {
    shiftRef(d.host, delta);
    shiftRef(d.subset, delta);
    shiftRef(d.port, delta);
    (d as Mutable<typeof d>).keyRange = shiftRange(d.keyRange, delta);
  }
  shiftRef(r.host, delta);
  for (const s of r.subsets) {
    shiftRef(s.name, delta);
    (s as Mutable<typeof s>).range = shiftRange(s.range, delta);
  }
  for (const server of r.servers) for (const h of server.hosts) shiftRef(h, delta);
  for (const route of r.httpRoutes ?? []) {
    (route as Mutable<typeof route>).keyRange = shiftRange(route.keyRange, delta);
    for (const match of route.matches) (match as Mutable<typeof match>).keyRange = shiftRange(match.keyRange, delta);
  }
  return r;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** Bumped on every change: caches of cross-file results key on it. */
  generation = 0;
  /** Bumped only when what files can see of each other changes. */
  factsGeneration = 0;
  /** Bumped only when the Kustomize patch lists change (a kustomization file added, edited or removed). */
  patchesGeneration = 0;
  /** Where each file stands in the index's order (the order of `files`, which `resources()` follows). */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;

  constructor(private defaultNamespace = 'default') {}

  setDefaultNamespace(ns: string): void {
    if (ns === this.defaultNamespace) return;
    this.defaultNamespace = ns;
    for (const f of [...this.files.values()]) this.update(f.uri, f.parsed);
  }

  /**
   * update()'s extraction in steps, one document each, for a caller that
   * pauses between them (a big file just opened); update() then reuses it.
   */
  *prepare(uri: string, parsed: ParsedFile): Generator<void, void, void> {
    for (const d of parsed.docs) {
      this.extract(uri, d, parsed);
      yield;
    }
  }

  /** Adds or replaces a file. */
  update(uri: string, parsed: ParsedFile): IndexedFile {
    const resources: IndexedResource[] = [];
    const prints: string[] = [];
    for (const d of parsed.docs) {
      const hit = this.extract(uri, d, parsed);
      if (!hit.resource) continue;
      resources.push(hit.resource);
      prints.push(hit.print);
    }
    const before = this.files.get(uri);
    if (!before) this.order.set(uri, this.nextOrder++);
    const entry = { uri, parsed, resources, prints, patchPrint: patchListPrint(uri, parsed) };
    this.files.set(uri, entry);
    this.generation++;
    // A new file counts even without resources: its mere presence can matter (a chart's Chart.yaml).
    const changed = changedResources(before, entry);
    if (!before || changed.length > 0 || before.patchPrint !== entry.patchPrint) this.factsChanged(changed);
    if ((before?.patchPrint ?? '') !== entry.patchPrint) this.patchesGeneration++;
    return entry;
  }

  /**
   * Extraction is per document and cached on it: an edit re-extracts the
   * edited document only; a document that only moved has its ranges shifted
   * in place.
   */
  private readonly extracted = new WeakMap<ParsedDocument, { key: string; base: number; value: IndexedResource | undefined; print: string }>();

  private extract(uri: string, d: ParsedDocument, parsed: ParsedFile): { resource: IndexedResource | undefined; print: string } {
    const key = `${uri}|${this.defaultNamespace}`;
    const hit = this.extracted.get(d);
    if (hit && hit.key === key) return { resource: rebased(hit, d.start, shiftResource), print: hit.print };
    const extracted = extractResource(uri, d, this.defaultNamespace);
    const t = parsed.templated;
    const resource = extracted && t && touchesTemplate(t, d.start, d.end, true) ? { ...extracted, templated: true } : extracted;
    const print = resource ? printOf(resource) : '';
    this.extracted.set(d, { key, base: d.start, value: resource, print });
    return { resource, print };
  }

  /** A file's place in the index's order: files listed earlier have smaller numbers (Infinity when not indexed). */
  fileOrder(uri: string): number {
    return this.order.get(uri) ?? Infinity;
  }

  remove(uri: string): boolean {
    const before = this.files.get(uri);
    if (!before) return false;
    this.files.delete(uri);
    this.order.delete(uri);
    this.generation++;
    this.factsChanged(before.resources);
    if (before.patchPrint !== '') this.patchesGeneration++;
    return true;
  }

  /** What changed at each recent facts generation (bounded): the resources as they were and as they are. */
  private readonly changes: { generation: number; resources: readonly IndexedResource[] }[] = [];

  private factsChanged(resources: readonly IndexedResource[]): void {
    this.factsGeneration++;
    this.changes.push({ generation: this.factsGeneration, resources });
    if (this.changes.length > MAX_CHANGES) this.changes.shift();
  }

  /**
   * The resources whose facts changed after facts generation `since` (old
   * and new versions), or undefined when that is further back than the
   * index remembers.
   */
  changesSince(since: number): IndexedResource[] | undefined {
    if (since === this.factsGeneration) return [];
    const first = this.changes[0];
    if (!first || first.generation > since + 1) return undefined;
    const out: IndexedResource[] = [];
    for (const c of this.changes) if (c.generation > since) out.push(...c.resources);
    return out;
  }

  get(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  get size(): number {
    return this.files.size;
  }

  *resources(kind?: string): Iterable<IndexedResource> {
    for (const f of this.files.values()) for (const r of f.resources) if (!kind || r.kind === kind) yield r;
  }

  /** The effective namespace of a resource-less reference (settings default). */
  get namespace(): string {
    return this.defaultNamespace;
  }

  /** DestinationRules whose host is `fqdn` and that are visible from `namespace`. */
  destinationRulesFor(fqdn: string, namespace: string): IndexedResource[] {
    const out: IndexedResource[] = [];
    for (const dr of this.resources('DestinationRule')) {
      if (!dr.host || !exportedTo(dr.exportTo, dr.namespace, namespace)) continue;
      if (toFqdn(dr.host.value, dr.namespace) === fqdn) out.push(dr);
    }
    return out;
  }

  /** The Gateway a `namespace/name` (or short) reference from `namespace` names. */
  findGateway(ref: string, namespace: string): IndexedResource | undefined {
    const { namespace: ns, name } = splitNamespaced(ref, namespace);
    for (const g of this.resources('Gateway')) if (g.name === name && g.namespace === ns) return g;
    return undefined;
  }

  /** Services and ServiceEntries that provide `fqdn` (ServiceEntry wildcards included). */
  providersOf(fqdn: string, namespace: string): IndexedResource[] {
    const out: IndexedResource[] = [];
    for (const f of this.files.values()) {
      for (const r of f.resources) {
        if (r.kind === 'Service' && r.group === '' && serviceFqdn(r.name, r.namespace) === fqdn) out.push(r);
        else if (r.kind === 'ServiceEntry' && exportedTo(r.exportTo, r.namespace, namespace) && r.hosts.some((h) => hostMatches(toFqdn(h.value, r.namespace), fqdn))) out.push(r);
      }
    }
    return out;
  }

  /** Does the workspace hold any Service of `namespace`? (Only then is "host not found" worth saying.) */
  hasServicesIn(namespace: string): boolean {
    for (const r of this.resources('Service')) if (r.group === '' && r.namespace === namespace) return true;
    return false;
  }
}
