/** Reads the index facts of one document out of its YAML tree. */
import type { ParsedDocument } from '../parser';
import { isMap, isScalar, isSeq, mapGet, nodeRange, type YamlDocument } from '../yamlAst';
import { resolveAlias, toPlain } from '../yamlAliases';
import type { DestinationRef, GatewayServer, HttpMatchDef, HttpRouteDef, IndexedResource, PortDef, Range, Ref, StringMatchDef, SubsetDef } from './model';

type Path = (string | number)[];

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

export function extractResource(uri: string, doc: ParsedDocument, defaultNamespace: string): IndexedResource | undefined {
  const r = doc.resource;
  if (!r || !r.resourceKind) return undefined;
  const y = doc.yaml;
  const root = y.contents;
  const metadata = get(y, root, 'metadata');
  const spec = get(y, root, 'spec');
  const kind = r.resourceKind;
  const istio = r.kind === 'istio';
  const nameNode = get(y, metadata, 'name');
  const hosts = istio && (kind === 'VirtualService' || kind === 'ServiceEntry') ? refs(y, get(y, spec, 'hosts')) : [];
  return {
    uri,
    docIndex: doc.index,
    group: r.group,
    version: r.version,
    kind,
    name: r.name ?? '',
    namespace: r.namespace ?? defaultNamespace,
    namespaceExplicit: r.namespace !== undefined,
    nameRange: nodeRange(nameNode),
    range: [doc.start, doc.end],
    annotations: stringMap(y, get(y, metadata, 'annotations')),
    exportTo: istio ? refs(y, get(y, spec, 'exportTo')).map((x) => x.value) : undefined,
    hosts,
    gateways: istio && kind === 'VirtualService' ? gatewayRefs(y, spec) : [],
    destinations: istio && kind === 'VirtualService' ? destinations(y, spec) : [],
    host: istio && kind === 'DestinationRule' ? ref(y, get(y, spec, 'host')) : undefined,
    subsets: istio && kind === 'DestinationRule' ? subsets(y, spec) : [],
    servers: istio && kind === 'Gateway' ? servers(y, spec) : [],
    ports: ports(y, kind, spec, istio),
    selector: istio && kind === 'Gateway' ? stringMap(y, get(y, spec, 'selector')) : !istio && kind === 'Service' ? stringMap(y, get(y, spec, 'selector')) : undefined,
    podLabels: !istio ? podLabels(y, kind, metadata, spec) : undefined,
    topGateways: istio && kind === 'VirtualService' ? refs(y, get(y, spec, 'gateways')) : undefined,
    httpRoutes: istio && kind === 'VirtualService' ? httpRoutes(y, spec) : undefined,
    workloadSelector: istio && kind === 'DestinationRule' ? workloadSelector(y, spec) : undefined,
    hasTrafficPolicy: istio && kind === 'DestinationRule' ? isMap(get(y, spec, 'trafficPolicy')) : undefined,
  };
}

function get(y: YamlDocument, node: unknown, key: string): unknown {
  return resolveAlias(y, mapGet(resolveAlias(y, node), key)?.value);
}

function items(y: YamlDocument, node: unknown): unknown[] {
  const n = resolveAlias(y, node);
  return isSeq(n) ? n.items.map((i) => resolveAlias(y, i)) : [];
}

function ref(y: YamlDocument, node: unknown): Ref | undefined {
  const n = resolveAlias(y, node);
  const range = nodeRange(n);
  if (!isScalar(n) || n.value === null || n.value === undefined || !range) return undefined;
  return { value: String(n.value), range };
}

function refs(y: YamlDocument, node: unknown): Ref[] {
  return items(y, node).map((i) => ref(y, i)).filter((r): r is Ref => r !== undefined);
}

/** The scalar entries of a map (labels, selectors) as strings; the last of repeated keys wins. */
function stringMap(y: YamlDocument, node: unknown): Record<string, string> {
  const map = resolveAlias(y, node);
  const plain = isMap(map) ? toPlain(y, map) : undefined;
  const out: Record<string, string> = {};
  if (!plain || typeof plain !== 'object') return out;
  for (const [k, v] of Object.entries(plain)) {
    // An own entry even for a key like "__proto__" (toPlain made them so too).
    if (v !== null && typeof v !== 'object') Object.defineProperty(out, k, { value: String(v), writable: true, enumerable: true, configurable: true });
  }
  return out;
}

function num(y: YamlDocument, node: unknown): number | undefined {
  const n = resolveAlias(y, node);
  return isScalar(n) && typeof n.value === 'number' ? n.value : undefined;
}

function str(y: YamlDocument, node: unknown): string | undefined {
  const n = resolveAlias(y, node);
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

function keyRange(y: YamlDocument, parent: unknown, key: string): Range {
  const pair = mapGet(resolveAlias(y, parent), key);
  return nodeRange(pair?.key) ?? nodeRange(pair?.value) ?? [0, 0];
}

function gatewayRefs(y: YamlDocument, spec: unknown): Ref[] {
  const out = refs(y, get(y, spec, 'gateways'));
  for (const section of ['http', 'tcp', 'tls']) {
    for (const route of items(y, get(y, spec, section))) {
      for (const m of items(y, get(y, route, 'match'))) for (const r of refs(y, get(y, m, 'gateways'))) out.push(r);
    }
  }
  return out;
}

function destination(y: YamlDocument, node: unknown, role: DestinationRef['role'], path: Path, keyR: Range): DestinationRef | undefined {
  const host = ref(y, get(y, node, 'host'));
  if (!host) return undefined;
  const portNode = get(y, get(y, node, 'port'), 'number');
  const portNumber = num(y, portNode);
  const portRange = nodeRange(portNode);
  return {
    host,
    subset: ref(y, get(y, node, 'subset')),
    port: portNumber !== undefined && portRange ? { number: portNumber, range: portRange } : undefined,
    role,
    path,
    keyRange: keyR,
  };
}

function destinations(y: YamlDocument, spec: unknown): DestinationRef[] {
  const out: DestinationRef[] = [];
  const push = (d: DestinationRef | undefined) => d && out.push(d);
  for (const section of ['http', 'tcp', 'tls']) {
    items(y, get(y, spec, section)).forEach((route, i) => {
      items(y, get(y, route, 'route')).forEach((rd, j) =>
        push(destination(y, get(y, rd, 'destination'), 'route', ['spec', section, i, 'route', j, 'destination'], keyRange(y, rd, 'destination'))),
      );
      if (section !== 'http') return;
      push(destination(y, get(y, route, 'mirror'), 'mirror', ['spec', section, i, 'mirror'], keyRange(y, route, 'mirror')));
      items(y, get(y, route, 'mirrors')).forEach((m, k) =>
        push(destination(y, get(y, m, 'destination'), 'mirror', ['spec', section, i, 'mirrors', k, 'destination'], keyRange(y, m, 'destination'))),
      );
    });
  }
  return out;
}

function subsets(y: YamlDocument, spec: unknown): SubsetDef[] {
  const out: SubsetDef[] = [];
  for (const s of items(y, get(y, spec, 'subsets'))) {
    const name = ref(y, get(y, s, 'name'));
    const range = nodeRange(s);
    if (!name || !range) continue;
    const labelsNode = get(y, s, 'labels');
    const labels = stringMap(y, labelsNode);
    // Labels that cannot be read as plain values (runaway aliases) still count as labels: no "has no labels" finding.
    out.push({ name, labels, range, hasLabels: Object.keys(labels).length > 0 || ((isMap(labelsNode) || isSeq(labelsNode)) && labelsNode.items.length > 0) });
  }
  return out;
}

function servers(y: YamlDocument, spec: unknown): GatewayServer[] {
  return items(y, get(y, spec, 'servers')).map((s) => {
    const p = get(y, s, 'port');
    const number = num(y, get(y, p, 'number'));
    return {
      hosts: refs(y, get(y, s, 'hosts')),
      port: number === undefined ? undefined : { number, name: str(y, get(y, p, 'name')), protocol: str(y, get(y, p, 'protocol')) },
    };
  });
}

function ports(y: YamlDocument, kind: string, spec: unknown, istio: boolean): PortDef[] {
  if (istio && kind !== 'ServiceEntry') return [];
  if (!istio && kind !== 'Service') return [];
  const numberKey = istio ? 'number' : 'port';
  const out: PortDef[] = [];
  for (const p of items(y, get(y, spec, 'ports'))) {
    const number = num(y, get(y, p, numberKey));
    if (number === undefined) continue;
    const target = get(y, p, 'targetPort');
    out.push({ number, name: str(y, get(y, p, 'name')), protocol: str(y, get(y, p, 'protocol')), targetPort: num(y, target) ?? str(y, target) });
  }
  return out;
}

function podLabels(y: YamlDocument, kind: string, metadata: unknown, spec: unknown): Record<string, string> | undefined {
  if (kind === 'Pod') return stringMap(y, get(y, metadata, 'labels'));
  if (!WORKLOADS.has(kind)) return undefined;
  const template = kind === 'CronJob' ? get(y, get(y, get(y, spec, 'jobTemplate'), 'spec'), 'template') : get(y, spec, 'template');
  return stringMap(y, get(y, get(y, template, 'metadata'), 'labels'));
}

function workloadSelector(y: YamlDocument, spec: unknown): Record<string, string> | undefined {
  const ws = get(y, spec, 'workloadSelector');
  return ws === undefined || ws === null ? undefined : stringMap(y, get(y, ws, 'matchLabels'));
}

/** The first key of a map (or the node itself): a one-token anchor for a multi-line item. */
function headRange(y: YamlDocument, node: unknown): Range | undefined {
  const n = resolveAlias(y, node);
  if (isMap(n) && n.items.length > 0) return nodeRange(n.items[0].key) ?? nodeRange(n);
  return nodeRange(n);
}

function httpRoutes(y: YamlDocument, spec: unknown): HttpRouteDef[] {
  const out: HttpRouteDef[] = [];
  items(y, get(y, spec, 'http')).forEach((route, index) => {
    const matchPair = mapGet(resolveAlias(y, route), 'match');
    const anchor = nodeRange(matchPair?.key) ?? headRange(y, route);
    if (!anchor) return;
    const list = resolveAlias(y, matchPair?.value);
    const none = list === undefined || list === null || (isScalar(list) && list.value === null);
    // A `match` that is not a list is broken: an opaque match keeps the rule from counting as a catch-all.
    const matches = none ? [] : isSeq(list) ? items(y, list).map((m) => httpMatch(y, m, anchor)) : [OPAQUE(anchor)];
    out.push({ index, name: str(y, get(y, route, 'name')), keyRange: anchor, matches });
  });
  return out;
}

const MATCH_KEYS = new Set(['name', 'uri', 'scheme', 'method', 'authority', 'headers', 'queryParams', 'withoutHeaders', 'port', 'gateways', 'sourceLabels', 'sourceNamespace', 'ignoreUriCase', 'statPrefix']);

const OPAQUE = (keyRange: Range): HttpMatchDef => ({ keyRange, conditions: {}, gateways: [], sourceLabels: {}, ignoreUriCase: false, opaque: true });

function httpMatch(y: YamlDocument, m: unknown, fallback: Range): HttpMatchDef {
  const anchor = headRange(y, m) ?? fallback;
  const conditions: Record<string, StringMatchDef> = {};
  let opaque = !isMap(m) && m !== null && !(isScalar(m) && m.value === null);
  const put = (key: string, node: unknown) => {
    const sm = stringMatch(y, node);
    if (sm) conditions[key] = sm;
    else opaque = true;
  };
  if (isMap(m)) {
    for (const pair of m.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!MATCH_KEYS.has(key)) opaque = true;
    }
  }
  for (const key of ['uri', 'scheme', 'method', 'authority']) if (get(y, m, key) !== undefined) put(key, get(y, m, key));
  for (const [field, prefix, lower] of [['headers', 'header:', true], ['queryParams', 'query:', false], ['withoutHeaders', 'without:', true]] as const) {
    const map = get(y, m, field);
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      put(prefix + (lower ? name.toLowerCase() : name), pair.value);
    }
  }
  const ignore = resolveAlias(y, get(y, m, 'ignoreUriCase'));
  return {
    keyRange: anchor,
    conditions,
    port: num(y, get(y, m, 'port')),
    gateways: refs(y, get(y, m, 'gateways')).map((r) => r.value),
    sourceLabels: stringMap(y, get(y, m, 'sourceLabels')),
    sourceNamespace: str(y, get(y, m, 'sourceNamespace')),
    ignoreUriCase: isScalar(ignore) && ignore.value === true,
    opaque,
  };
}

/** `{exact|prefix|regex: v}`; `{}` or an empty value means "present". Anything else: undefined. */
function stringMatch(y: YamlDocument, node: unknown): StringMatchDef | undefined {
  const n = resolveAlias(y, node);
  if (n === null || n === undefined || (isScalar(n) && n.value === null)) return { kind: 'present', value: '' };
  if (!isMap(n)) return undefined;
  if (n.items.length === 0) return { kind: 'present', value: '' };
  if (n.items.length !== 1) return undefined;
  const kind = isScalar(n.items[0].key) ? String(n.items[0].key.value) : '';
  const value = resolveAlias(y, n.items[0].value);
  if ((kind !== 'exact' && kind !== 'prefix' && kind !== 'regex') || !isScalar(value) || value.value === null || typeof value.value === 'object') return undefined;
  return { kind, value: String(value.value) };
}
