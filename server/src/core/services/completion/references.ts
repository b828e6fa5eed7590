/**
 * Workspace-aware completions: where a field names something defined
 * elsewhere (a subset, a host, a gateway, a port, a pod label), offer what
 * the workspace index knows. `referenceItems` says undefined when the cursor
 * is on no such field, so that the schema's own items are used instead.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { PathSegment } from '../../path';
import type { WorkspaceIndex } from '../../workspace';
import { exportedTo, serviceFqdn, toFqdn, CLUSTER_DOMAIN } from '../../workspace/hosts';
import type { IndexedResource } from '../../workspace/model';
import { isSeq, mapKeys, scalarValue, type YamlDocument } from '../../yamlAst';
import { nodeAtYamlPath } from '../../yamlAliases';
import type { SchemaCursor } from '../schemaContext';

type Item = Omit<CompletionItem, 'textEdit'>;

type Slot =
  | { readonly kind: 'subset' | 'port'; readonly destination: readonly PathSegment[] }
  | { readonly kind: 'host' }
  | { readonly kind: 'hosts' | 'gateways'; readonly list: readonly PathSegment[] }
  | { readonly kind: 'labelKey' | 'labelValue'; readonly labels: readonly PathSegment[] };

const DESTINATION = /^spec\.(?:(?:http|tcp|tls)\.#\.route\.#\.destination|http\.#\.mirror|http\.#\.mirrors\.#\.destination)\.(host|subset|port\.number)$/;
const GATEWAYS = /^spec(?:\.(?:http|tcp|tls)\.#\.match\.#)?\.gateways(?:\.#)?$/;
const DR_LABELS = /^spec\.subsets\.#\.labels(\.[^.]+)?$/;

/** The reference items at the cursor, or undefined when the field is not a reference. */
export function referenceItems(sc: SchemaCursor, index: WorkspaceIndex, afterToken: string): Item[] | undefined {
  const kind = sc.ctx.doc.resource?.kind === 'istio' ? sc.ctx.doc.resource.resourceKind : undefined;
  const slot = kind ? slotOf(kind, sc) : undefined;
  if (!slot) return undefined;
  const doc = sc.ctx.doc.yaml;
  const namespace = sc.ctx.doc.resource?.namespace ?? index.namespace;
  switch (slot.kind) {
    case 'subset':
    case 'port': {
      const host = scalarValue(nodeAtYamlPath(doc, [...slot.destination, 'host']));
      if (typeof host !== 'string' || host === '') return [];
      const fqdn = toFqdn(host, namespace);
      return slot.kind === 'subset' ? subsetItems(index, fqdn, namespace) : portItems(index, fqdn, namespace);
    }
    case 'host':
      return hostItems(index, namespace, new Set());
    case 'hosts':
      return asListItems(sc, slot.list, hostItems(index, namespace, presentValues(doc, slot.list)));
    case 'gateways':
      return asListItems(sc, slot.list, gatewayItems(index, presentValues(doc, slot.list)));
    case 'labelKey':
    case 'labelValue': {
      const labels = podLabelsForHost(index, doc, namespace);
      if (slot.kind === 'labelValue') return labelValueItems(labels, String(sc.path[sc.path.length - 1]));
      const typed = sc.kind === 'key' ? String(sc.path[sc.path.length - 1]) : undefined;
      const present = new Set(mapKeys(nodeAtYamlPath(doc, slot.labels)).filter((k) => k !== typed));
      return labelKeyItems(labels, present, /^[ \t]*:/.test(afterToken));
    }
  }
}

/** Which reference (if any) the cursor's path designates in a resource of `kind`. */
function slotOf(kind: string, sc: SchemaCursor): Slot | undefined {
  const path = sc.path;
  const shape = path.map((s) => (typeof s === 'number' ? '#' : s)).join('.');
  if (kind === 'VirtualService') {
    const d = sc.kind === 'value' ? DESTINATION.exec(shape) : null;
    if (d) {
      if (d[1] === 'host') return { kind: 'host' };
      return d[1] === 'subset' ? { kind: 'subset', destination: path.slice(0, -1) } : { kind: 'port', destination: path.slice(0, -2) };
    }
    // A list item (`- |`, `- pay|`), or a new line / flow list right under the key.
    const item = shape.endsWith('#') ? sc.kind !== 'key' : sc.kind === 'empty';
    if (item && GATEWAYS.test(shape)) return { kind: 'gateways', list: listPath(path) };
    if (item && /^spec\.hosts(\.#)?$/.test(shape)) return { kind: 'hosts', list: listPath(path) };
    return undefined;
  }
  if (kind === 'DestinationRule') {
    if (sc.kind === 'value' && shape === 'spec.host') return { kind: 'host' };
    const l = DR_LABELS.exec(shape);
    if (!l) return undefined;
    if (sc.kind === 'value' && l[1]) return { kind: 'labelValue', labels: path.slice(0, -1) };
    if (sc.kind === 'key' && l[1]) return { kind: 'labelKey', labels: path.slice(0, -1) };
    if (sc.kind === 'empty' && !l[1]) return { kind: 'labelKey', labels: path };
  }
  return undefined;
}

function listPath(path: readonly PathSegment[]): readonly PathSegment[] {
  return typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
}

/** Items for a list of strings: `- item` when the cursor is on a new line under the key. */
function asListItems(sc: SchemaCursor, list: readonly PathSegment[], items: Item[]): Item[] {
  const atKey = sc.kind === 'empty' && typeof sc.path[sc.path.length - 1] !== 'number';
  const node = nodeAtYamlPath(sc.ctx.doc.yaml, list);
  if (!atKey || (isSeq(node) && node.flow)) return items;
  return items.map((i) => ({ ...i, insertText: `- ${i.insertText ?? i.label}` }));
}

function presentValues(doc: YamlDocument, list: readonly PathSegment[]): Set<string> {
  const node = nodeAtYamlPath(doc, list);
  const out = new Set<string>();
  if (isSeq(node)) for (const i of node.items) if (typeof scalarValue(i) === 'string') out.add(scalarValue(i) as string);
  return out;
}

function subsetItems(index: WorkspaceIndex, fqdn: string, namespace: string): Item[] {
  const seen = new Set<string>();
  const items: Item[] = [];
  for (const dr of index.destinationRulesFor(fqdn, namespace)) {
    for (const s of dr.subsets) {
      if (seen.has(s.name.value)) continue;
      seen.add(s.name.value);
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(', ');
      items.push({
        label: s.name.value,
        kind: CompletionItemKind.Reference,
        detail: labels || 'no labels',
        documentation: markdown(`Subset of ${describe(dr)} (host \`${dr.host?.value ?? ''}\`), in ${fileLink(dr.uri)}.`),
        sortText: `0_${s.name.value}`,
      });
    }
  }
  return items;
}

function portItems(index: WorkspaceIndex, fqdn: string, namespace: string): Item[] {
  const seen = new Set<number>();
  const items: Item[] = [];
  for (const p of index.providersOf(fqdn, namespace)) {
    for (const port of p.ports) {
      if (seen.has(port.number)) continue;
      seen.add(port.number);
      items.push({
        label: String(port.number),
        kind: CompletionItemKind.Value,
        detail: [port.name, port.protocol].filter(Boolean).join(' · ') || undefined,
        documentation: markdown(`Port of ${describe(p)}, in ${fileLink(p.uri)}.`),
        sortText: String(port.number).padStart(5, '0'),
      });
    }
  }
  return items;
}

interface KnownHost {
  readonly fqdn: string;
  readonly sources: IndexedResource[];
}

/** Every concrete host the workspace defines, as seen from `namespace`. */
function knownHosts(index: WorkspaceIndex, namespace: string): Map<string, KnownHost> {
  const out = new Map<string, KnownHost>();
  const add = (fqdn: string, r: IndexedResource) => {
    if (fqdn === '' || fqdn.includes('*')) return;
    const known = out.get(fqdn) ?? { fqdn, sources: [] };
    if (!known.sources.includes(r)) known.sources.push(r);
    out.set(fqdn, known);
  };
  for (const r of index.resources()) {
    if (r.kind === 'Service' && r.group === '') add(serviceFqdn(r.name, r.namespace), r);
    if (r.group !== 'networking.istio.io' || !exportedTo(r.exportTo, r.namespace, namespace)) continue;
    if (r.kind === 'DestinationRule' && r.host) add(toFqdn(r.host.value, r.namespace), r);
    if (r.kind === 'ServiceEntry' || r.kind === 'VirtualService') for (const h of r.hosts) add(toFqdn(h.value, r.namespace), r);
  }
  return out;
}

/** The name to write: the short name of a service in `namespace`, else the full name. */
function hostLabel(fqdn: string, namespace: string): string {
  const suffix = `.${namespace}.svc.${CLUSTER_DOMAIN}`;
  const short = fqdn.endsWith(suffix) ? fqdn.slice(0, -suffix.length) : undefined;
  return short && !short.includes('.') ? short : fqdn;
}

function hostItems(index: WorkspaceIndex, namespace: string, present: ReadonlySet<string>): Item[] {
  const items: Item[] = [];
  for (const { fqdn, sources } of knownHosts(index, namespace).values()) {
    const label = hostLabel(fqdn, namespace);
    if (present.has(label) || present.has(fqdn)) continue;
    const kinds = [...new Set(sources.map((s) => s.kind))];
    items.push({
      label,
      kind: CompletionItemKind.Reference,
      detail: kinds.join(' · '),
      documentation: markdown([`\`${fqdn}\``, '', ...sources.map((s) => `- ${describe(s)} in ${fileLink(s.uri)}`)].join('\n')),
      sortText: `${label === fqdn ? 1 : 0}_${label}`,
    });
  }
  return items;
}

function gatewayItems(index: WorkspaceIndex, present: ReadonlySet<string>): Item[] {
  const items: Item[] = [];
  if (!present.has('mesh')) {
    items.push({ label: 'mesh', kind: CompletionItemKind.Keyword, detail: 'the sidecars of the mesh', sortText: '0_mesh' });
  }
  const seen = new Set<string>();
  for (const g of index.resources('Gateway')) {
    const label = `${g.namespace}/${g.name}`;
    if (g.group !== 'networking.istio.io' || !g.name || present.has(label) || seen.has(label)) continue;
    seen.add(label);
    const hosts = [...new Set(g.servers.flatMap((s) => s.hosts.map((h) => h.value)))];
    const ports = g.servers.map((s) => s.port && `${s.port.number}${s.port.protocol ? `/${s.port.protocol}` : ''}`).filter(Boolean);
    items.push({
      label,
      kind: CompletionItemKind.Reference,
      detail: hosts.slice(0, 3).join(', ') + (hosts.length > 3 ? ', …' : ''),
      documentation: markdown(`${describe(g)} in ${fileLink(g.uri)}${ports.length ? `\n\nPorts: ${ports.join(', ')}` : ''}`),
      sortText: `1_${label}`,
    });
  }
  return items;
}

interface LabelFacts {
  /** label key -> value -> the workloads that carry it */
  readonly values: Map<string, Map<string, IndexedResource[]>>;
  /** Keys the Service's selector already fixes (the same on every subset). */
  readonly selectorKeys: Set<string>;
}

/**
 * The pod labels of the workloads behind a DestinationRule's host: the
 * workloads of the host's Service namespace whose pod labels include the
 * Service's selector.
 */
function podLabelsForHost(index: WorkspaceIndex, doc: YamlDocument, namespace: string): LabelFacts {
  const facts: LabelFacts = { values: new Map(), selectorKeys: new Set() };
  const host = scalarValue(nodeAtYamlPath(doc, ['spec', 'host']));
  if (typeof host !== 'string' || host === '') return facts;
  const fqdn = toFqdn(host, namespace);
  for (const svc of index.resources('Service')) {
    const selector = svc.selector ?? {};
    if (svc.group !== '' || serviceFqdn(svc.name, svc.namespace) !== fqdn || Object.keys(selector).length === 0) continue;
    for (const k of Object.keys(selector)) facts.selectorKeys.add(k);
    for (const w of index.resources()) {
      if (!w.podLabels || w.namespace !== svc.namespace || !includes(w.podLabels, selector)) continue;
      for (const [k, v] of Object.entries(w.podLabels)) {
        const byValue = facts.values.get(k) ?? new Map<string, IndexedResource[]>();
        byValue.set(v, [...(byValue.get(v) ?? []), w]);
        facts.values.set(k, byValue);
      }
    }
  }
  return facts;
}

function includes(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function labelKeyItems(facts: LabelFacts, present: ReadonlySet<string>, hasColon: boolean): Item[] {
  const items: Item[] = [];
  for (const [key, byValue] of facts.values) {
    if (present.has(key)) continue;
    const fromSelector = facts.selectorKeys.has(key);
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: [...byValue.keys()].join(', '),
      documentation: markdown(`Pod label of ${workloads([...byValue.values()].flat())}${fromSelector ? '\n\nThe Service selects on it, so every subset has the same value.' : ''}`),
      sortText: `${fromSelector ? 1 : 0}_${key}`,
      insertText: hasColon ? key : `${key}: `,
      command: hasColon ? undefined : { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    });
  }
  return items;
}

function labelValueItems(facts: LabelFacts, key: string): Item[] {
  return [...(facts.values.get(key) ?? new Map<string, IndexedResource[]>())].map(([value, ws]) => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail: workloadNames(ws),
    documentation: markdown(`\`${key}: ${value}\` is on the pods of ${workloads(ws)}`),
    sortText: `0_${value}`,
  }));
}

function workloadNames(ws: readonly IndexedResource[]): string {
  return [...new Set(ws.map((w) => `${w.kind} ${w.name}`))].join(', ');
}

function workloads(ws: readonly IndexedResource[]): string {
  return [...new Set(ws.map((w) => `${describe(w)} (${fileLink(w.uri)})`))].join(', ') + '.';
}

function describe(r: IndexedResource): string {
  return `${r.kind} \`${r.namespace}/${r.name}\``;
}

function fileLink(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1) || uri;
  return `[${name}](${uri})`;
}

function markdown(value: string): CompletionItem['documentation'] {
  return { kind: MarkupKind.Markdown, value };
}
