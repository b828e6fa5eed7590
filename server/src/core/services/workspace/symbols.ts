/**
 * Symbols. The outline of a file: every Kubernetes object as `Kind name`
 * (detail: its namespace) with, for Istio resources, what is inside:
 * VirtualService routes and their destinations, DestinationRule subsets,
 * Gateway servers, ServiceEntry ports. Plain YAML has no symbols. Workspace
 * symbols: every indexed resource and every DestinationRule subset whose
 * name matches a query.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol, type Range as LspRange, type SymbolInformation } from 'vscode-languageserver-types';
import type { ParsedFile } from '../../parser';
import type { WorkspaceIndex } from '../../workspace';
import type { Range } from '../../workspace/model';
import { isMap, isScalar, isSeq, mapGet, nodeRange, type YamlDocument } from '../../yamlAst';
import { resolveAlias, toPlain } from '../../yamlAliases';
import { Documents, unquoted } from './referenceAt';

/** Most workspace symbols answered for one query. */
export const MAX_WORKSPACE_SYMBOLS = 500;

export function findDocumentSymbols(document: TextDocument, file: ParsedFile, defaultNamespace: string): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const doc of file.docs) {
    const r = doc.resource;
    if (!r?.resourceKind) continue;
    const o = new Outline(document, file.text, doc.yaml);
    const root = doc.yaml.contents;
    const range: Range = [doc.start, doc.end];
    const selection = nodeRange(o.get(o.get(root, 'metadata'), 'name')) ?? nodeRange(o.get(root, 'kind')) ?? [doc.start, doc.start];
    const children = r.kind === 'istio' ? o.children(r.resourceKind, o.get(root, 'spec')) : [];
    out.push(o.symbol(r.name ? `${r.resourceKind} ${r.name}` : r.resourceKind, SymbolKind.Class, range, selection, r.namespace ?? defaultNamespace, children));
  }
  return out;
}

/** Walks one document's tree into symbols; offsets become positions of `document`. */
class Outline {
  constructor(
    private readonly document: TextDocument,
    private readonly text: string,
    private readonly y: YamlDocument,
  ) {}

  get(node: unknown, key: string): unknown {
    return resolveAlias(this.y, mapGet(resolveAlias(this.y, node), key)?.value);
  }

  items(node: unknown): unknown[] {
    const n = resolveAlias(this.y, node);
    return isSeq(n) ? n.items.map((i) => resolveAlias(this.y, i)) : [];
  }

  scalar(node: unknown): string | undefined {
    return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
  }

  children(kind: string, spec: unknown): DocumentSymbol[] {
    switch (kind) {
      case 'VirtualService':
        return ['http', 'tcp', 'tls'].flatMap((section) => this.items(this.get(spec, section)).flatMap((route, i) => this.route(section, route, i)));
      case 'DestinationRule':
        return this.items(this.get(spec, 'subsets')).flatMap((s) => this.subset(s));
      case 'Gateway':
        return this.items(this.get(spec, 'servers')).flatMap((s, i) => this.server(s, i));
      case 'ServiceEntry':
        return this.items(this.get(spec, 'ports')).flatMap((p) => this.port(p));
      default:
        return [];
    }
  }

  route(section: string, route: unknown, i: number): DocumentSymbol[] {
    const range = nodeRange(route);
    if (!range) return [];
    const nameNode = this.get(route, 'name');
    const name = this.scalar(nameNode);
    const dests: DocumentSymbol[] = [];
    for (const rd of this.items(this.get(route, 'route'))) {
      const weight = this.scalar(this.get(rd, 'weight'));
      dests.push(...this.destination(this.get(rd, 'destination'), nodeRange(rd), weight === undefined ? [] : [`weight ${weight}`]));
    }
    const mirror = this.get(route, 'mirror');
    dests.push(...this.destination(mirror, nodeRange(mirror), ['mirror']));
    for (const m of this.items(this.get(route, 'mirrors'))) dests.push(...this.destination(this.get(m, 'destination'), nodeRange(m), ['mirror']));
    const label = `${section}[${i}]`;
    return [this.symbol(name ?? label, SymbolKind.Method, range, nodeRange(nameNode) ?? this.firstKey(route, range), name ? label : undefined, dests)];
  }

  destination(node: unknown, range: Range | undefined, extra: string[]): DocumentSymbol[] {
    const hostNode = this.get(node, 'host');
    const host = this.scalar(hostNode);
    const selection = nodeRange(hostNode);
    if (!host || !range || !selection) return [];
    const subset = this.scalar(this.get(node, 'subset'));
    const port = this.scalar(this.get(this.get(node, 'port'), 'number'));
    const detail = [...(subset ? [`subset ${subset}`] : []), ...(port ? [`port ${port}`] : []), ...extra].join(' · ');
    return [this.symbol(host, SymbolKind.Field, range, selection, detail || undefined)];
  }

  subset(s: unknown): DocumentSymbol[] {
    const nameNode = this.get(s, 'name');
    const name = this.scalar(nameNode);
    const range = nodeRange(s);
    if (!name || !range) return [];
    const labels = toPlain(this.y, this.get(s, 'labels'));
    const detail = labels && typeof labels === 'object' ? Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`).join(', ') : '';
    return [this.symbol(name, SymbolKind.EnumMember, range, nodeRange(nameNode) ?? range, detail || undefined)];
  }

  server(s: unknown, i: number): DocumentSymbol[] {
    const range = nodeRange(s);
    if (!range) return [];
    const port = this.get(s, 'port');
    const nameNode = this.get(port, 'name');
    const name = this.scalar(nameNode) ?? `servers[${i}]`;
    const number = this.scalar(this.get(port, 'number'));
    const protocol = this.scalar(this.get(port, 'protocol'));
    const hosts = this.items(this.get(s, 'hosts')).map((h) => this.scalar(h)).filter((h): h is string => h !== undefined);
    const detail = [[number, protocol].filter(Boolean).join('/'), hosts.join(', ')].filter(Boolean).join(' · ');
    return [this.symbol(name, SymbolKind.Interface, range, nodeRange(nameNode) ?? this.firstKey(s, range), detail || undefined)];
  }

  port(p: unknown): DocumentSymbol[] {
    const range = nodeRange(p);
    const number = this.scalar(this.get(p, 'number'));
    if (!range || number === undefined) return [];
    const nameNode = this.get(p, 'name');
    const name = this.scalar(nameNode);
    const protocol = this.scalar(this.get(p, 'protocol'));
    const detail = [number, protocol].filter(Boolean).join('/');
    return [this.symbol(name ?? number, SymbolKind.Property, range, nodeRange(nameNode) ?? nodeRange(this.get(p, 'number')) ?? range, detail)];
  }

  /** The first key of a map item (what the outline selects for an unnamed entry). */
  firstKey(node: unknown, fallback: Range): Range {
    return (isMap(node) && nodeRange(node.items[0]?.key)) || fallback;
  }

  /** A symbol; its range ends at its last character (not on the next line). */
  symbol(name: string, kind: SymbolKind, range: Range, selection: Range, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
    let end = range[1];
    while (end > range[0] && /\s/.test(this.text[end - 1])) end--;
    const sym: DocumentSymbol = { name, kind, range: this.lsp([range[0], end]), selectionRange: this.lsp(unquoted(this.text, selection)) };
    if (detail) sym.detail = detail;
    if (children && children.length > 0) sym.children = children;
    return sym;
  }

  lsp(range: Range): LspRange {
    return { start: this.document.positionAt(range[0]), end: this.document.positionAt(range[1]) };
  }
}

/**
 * Resources (`Kind name`, container: the namespace) and DestinationRule
 * subsets whose name matches `query`: a case-insensitive substring first,
 * then the query's letters in order; at most MAX_WORKSPACE_SYMBOLS.
 */
export function findWorkspaceSymbols(index: WorkspaceIndex, query: string): SymbolInformation[] {
  const q = query.trim().toLowerCase();
  const scored: { score: number; name: string; kind: SymbolKind; container: string; uri: string; range: Range }[] = [];
  const add = (name: string, kind: SymbolKind, container: string, uri: string, range: Range) => {
    const score = matchScore(name.toLowerCase(), q);
    if (score > 0) scored.push({ score, name, kind, container, uri, range });
  };
  for (const r of index.resources()) {
    add(r.name ? `${r.kind} ${r.name}` : r.kind, SymbolKind.Class, r.namespace, r.uri, r.nameRange ?? [r.range[0], r.range[0]]);
    for (const s of r.subsets) add(s.name.value, SymbolKind.EnumMember, `DestinationRule ${r.name} (${r.namespace})`, r.uri, s.name.range);
  }
  scored.sort((a, b) => b.score - a.score);
  const docs = new Documents(index);
  return scored.slice(0, MAX_WORKSPACE_SYMBOLS).map((s) => ({
    name: s.name,
    kind: s.kind,
    containerName: s.container,
    location: docs.location(s.uri, s.range),
  }));
}

/** 3: the name starts with the query (or a word of it does), 2: contains it, 1: has its letters in order, 0: no match. */
function matchScore(name: string, q: string): number {
  if (q === '') return 1;
  const at = name.indexOf(q);
  if (at === 0 || (at > 0 && name[at - 1] === ' ')) return 3;
  if (at > 0) return 2;
  let i = 0;
  for (const c of name) if (c === q[i]) i++;
  return i === q.length ? 1 : 0;
}
