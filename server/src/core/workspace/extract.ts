/** Reads the index facts of one document out of its YAML tree. */
import type { ParsedDocument } from '../parser';
import { isMap, isScalar, isSeq, mapGet, nodeRange, resolveAlias, toPlain, type YamlDocument } from '../yamlAst';
import type { DestinationRef, GatewayServer, IndexedResource, PortDef, Range, Ref, SubsetDef } from './model';

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

function stringMap(y: YamlDocument, node: unknown): Record<string, string> {
  const plain = isMap(resolveAlias(y, node)) ? toPlain(y, resolveAlias(y, node)) : undefined;
  const out: Record<string, string> = {};
  if (plain && typeof plain === 'object') for (const [k, v] of Object.entries(plain)) if (v !== null && typeof v !== 'object') out[k] = String(v);
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
      for (const m of items(y, get(y, route, 'match'))) out.push(...refs(y, get(y, m, 'gateways')));
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
    const labels = stringMap(y, get(y, s, 'labels'));
    out.push({ name, labels, range, hasLabels: Object.keys(labels).length > 0 });
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
