/**
 * Hover on a reference: what it resolves to in the workspace, and where. A
 * subset shows its labels and DestinationRule; a gateway its servers; a host
 * its Services, ServiceEntries and DestinationRules with their ports and
 * subsets. The schema hover (services/hover.ts) is appended after it.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { IndexedResource, PortDef, Ref } from '../../workspace/model';
import {
  Documents,
  fqdnOf,
  gatewayOf,
  hostDefinitions,
  MESH_GATEWAY,
  referenceAt,
  subsetDefinitions,
  unquoted,
  type NavContext,
  type Occurrence,
  type Target,
} from './referenceAt';

export function referenceHover(ctx: NavContext, position: Position): Hover | null {
  const target = referenceAt(ctx.file, ctx.document.offsetAt(position));
  if (!target) return null;
  const docs = new Documents(ctx.index, ctx.document);
  const value = markdown(ctx, docs, target);
  if (!value) return null;
  const range = unquoted(ctx.file.parsed.text, target.ref.range);
  return { contents: { kind: MarkupKind.Markdown, value }, range: docs.range(ctx.document.uri, range) };
}

function markdown(ctx: NavContext, docs: Documents, target: Target): string | undefined {
  switch (target.kind) {
    case 'subset':
      return subsetText(ctx, docs, target);
    case 'gateway':
      return gatewayText(ctx, docs, target.resource, target.ref);
    case 'host':
      return hostText(ctx, docs, target.resource, target.ref);
    default:
      return undefined;
  }
}

function subsetText(ctx: NavContext, docs: Documents, target: Extract<Target, { kind: 'subset' }>): string {
  const host = fqdnOf(target.resource, target.destination.host);
  const head = `**subset \`${target.ref.value}\`** of \`${host}\``;
  const defs = subsetDefinitions(ctx.index, target.resource, target.destination);
  if (defs.length === 0) return `${head}\n\nNo DestinationRule visible from namespace \`${target.resource.namespace}\` defines it.`;
  const lines = defs.map((d) => {
    const labels = d.resource.subsets.find((s) => s.name === d.ref)?.labels ?? {};
    const shown = Object.entries(labels).map(([k, v]) => `\`${k}=${v}\``);
    return `- ${where(docs, d)} · labels ${shown.length > 0 ? shown.join(', ') : '(none)'}`;
  });
  return `${head}\n\n${lines.join('\n')}`;
}

function gatewayText(ctx: NavContext, docs: Documents, vs: IndexedResource, ref: Ref): string {
  if (ref.value === MESH_GATEWAY) return `**\`${MESH_GATEWAY}\`**: the sidecars of every workload in the mesh (a reserved name, not a Gateway resource).`;
  const gw = gatewayOf(ctx.index, vs, ref);
  if (!gw?.nameRange) return `**Gateway \`${ref.value}\`**: not found in the workspace (short names are looked up in namespace \`${vs.namespace}\`).`;
  const head = `**Gateway \`${gw.namespace}/${gw.name}\`** · ${link(docs, gw.uri, gw.nameRange[0])}`;
  const lines = gw.servers.map((s) => {
    const port = s.port ? `port \`${s.port.number}\`${s.port.protocol ? ` ${s.port.protocol}` : ''}${s.port.name ? ` (${s.port.name})` : ''}` : 'no port';
    const hosts = s.hosts.length > 0 ? s.hosts.map((h) => `\`${h.value}\``).join(', ') : '(none)';
    return `- ${port} · hosts ${hosts}`;
  });
  return lines.length > 0 ? `${head}\n\n${lines.join('\n')}` : `${head}\n\nNo servers.`;
}

function hostText(ctx: NavContext, docs: Documents, resource: IndexedResource, ref: Ref): string {
  const fqdn = fqdnOf(resource, ref);
  const head = fqdn === ref.value ? `**host \`${ref.value}\`**` : `**host \`${ref.value}\`** → \`${fqdn}\``;
  // One line per resource (a ServiceEntry may match with several of its hosts).
  const defs = hostDefinitions(ctx.index, resource, ref).filter((d, i, all) => all.findIndex((o) => o.resource === d.resource) === i);
  if (defs.length === 0) return `${head}\n\nNo Service, ServiceEntry or DestinationRule for it visible from namespace \`${resource.namespace}\`.`;
  const lines = defs.map((d) => {
    const r = d.resource;
    if (r.kind === 'DestinationRule') {
      const subsets = r.subsets.map((s) => `\`${s.name.value}\``);
      return `- ${where(docs, d)} · subsets ${subsets.length > 0 ? subsets.join(', ') : '(none)'}`;
    }
    const ports = r.ports.map(portText);
    return `- ${where(docs, d)} · ports ${ports.length > 0 ? ports.join(', ') : '(none)'}`;
  });
  return `${head}\n\n${lines.join('\n')}`;
}

function portText(p: PortDef): string {
  const protocol = p.protocol ? `/${p.protocol}` : '';
  const name = p.name ? ` ${p.name}` : '';
  const target = p.targetPort !== undefined && p.targetPort !== p.number ? ` → ${p.targetPort}` : '';
  return `\`${p.number}${protocol}${name}${target}\``;
}

/** `DestinationRule \`payments\` · namespace \`shop\` · [shop/dr.yaml:6](…#L6)` */
function where(docs: Documents, o: Occurrence): string {
  const r = o.resource;
  return `${r.kind} \`${r.name}\` · namespace \`${r.namespace}\` · ${link(docs, r.uri, o.ref.range[0])}`;
}

/** A link to a line of a file, labelled with the file's last two path segments. */
function link(docs: Documents, uri: string, offset: number): string {
  const line = (docs.get(uri)?.positionAt(offset).line ?? 0) + 1;
  const path = uri.replace(/[?#].*$/, '').split('/').filter(Boolean);
  const label = decoded(path.slice(-2).join('/'));
  return `[${label}:${line}](${uri}#L${line})`;
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
