/**
 * The workspace index: every resource of every file the server knows, with
 * what it defines and references. It holds no text and does no IO: the
 * server feeds it parsed files (open documents from the editor, the rest
 * from disk) and removes them when they go.
 */
import type { ParsedDocument, ParsedFile } from '../parser';
import { extractResource } from './extract';
import { exportedTo, hostMatches, serviceFqdn, splitNamespaced, toFqdn } from './hosts';
import type { IndexedResource } from './model';

export interface IndexedFile {
  readonly uri: string;
  readonly parsed: ParsedFile;
  readonly resources: readonly IndexedResource[];
  /** What other files can see of this one (positions left out): equal prints, no effect on others. */
  readonly fingerprint: string;
}

function fingerprintOf(resources: readonly IndexedResource[]): string {
  return JSON.stringify(resources, (key, value) => (key === 'range' || key === 'nameRange' || key === 'keyRange' || key === 'path' ? undefined : value));
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** Bumped on every change: caches of cross-file results key on it. */
  generation = 0;
  /** Bumped only when what files can see of each other changes. */
  factsGeneration = 0;

  constructor(private defaultNamespace = 'default') {}

  setDefaultNamespace(ns: string): void {
    if (ns === this.defaultNamespace) return;
    this.defaultNamespace = ns;
    for (const f of [...this.files.values()]) this.update(f.uri, f.parsed);
  }

  /** Adds or replaces a file. */
  update(uri: string, parsed: ParsedFile): IndexedFile {
    const resources = parsed.docs
      .map((d) => this.extract(uri, d))
      .filter((r): r is IndexedResource => r !== undefined);
    const fingerprint = fingerprintOf(resources);
    const before = this.files.get(uri);
    const entry = { uri, parsed, resources, fingerprint };
    this.files.set(uri, entry);
    this.generation++;
    if (!before || before.fingerprint !== fingerprint) this.factsGeneration++;
    return entry;
  }

  /** Extraction is per document and cached on it: an edit re-extracts the edited document only. */
  private readonly extracted = new WeakMap<ParsedDocument, { key: string; resource: IndexedResource | undefined }>();

  private extract(uri: string, d: ParsedDocument): IndexedResource | undefined {
    const key = `${uri}|${this.defaultNamespace}`;
    const hit = this.extracted.get(d);
    if (hit && hit.key === key) return hit.resource;
    const resource = extractResource(uri, d, this.defaultNamespace);
    this.extracted.set(d, { key, resource });
    return resource;
  }

  remove(uri: string): boolean {
    const had = this.files.delete(uri);
    if (had) {
      this.generation++;
      this.factsGeneration++;
    }
    return had;
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
