/**
 * "Generate Canary": a VirtualService that splits traffic between a stable
 * and a canary subset, and the DestinationRule that defines them. When the
 * workspace already has a DestinationRule for the host, only the missing
 * subsets are added to it (never a second DestinationRule).
 */
import { isMap, isSeq, mapGet, nodeRange } from '../../yamlAst';
import { resolveAlias } from '../../yamlAliases';
import { toFqdn } from '../../workspace/hosts';
import type { WorkspaceIndex } from '../../workspace';
import type { IndexedResource } from '../../workspace/model';

export interface CanaryOptions {
  readonly host: string;
  readonly namespace?: string;
  readonly stable?: string;
  readonly canary?: string;
  /** Percentage of traffic for the canary, 0–100 (default 10). */
  readonly canaryWeight?: number;
  /** A Gateway as `namespace/name`; the VirtualService then binds to it and to `mesh`. */
  readonly gateway?: string;
  /** Extra host names clients use through the gateway. */
  readonly externalHosts?: readonly string[];
  readonly port?: number;
}

export interface FileEdit {
  readonly uri: string;
  readonly offset: number;
  readonly newText: string;
}

export type CanaryResult =
  | { readonly ok: true; readonly text: string; readonly edits: readonly FileEdit[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function generateCanary(options: CanaryOptions, workspace?: WorkspaceIndex): CanaryResult {
  const host = options.host.trim();
  const stable = (options.stable ?? 'v1').trim();
  const canary = (options.canary ?? 'v2').trim();
  const weight = options.canaryWeight ?? 10;
  const ns = options.namespace?.trim() || undefined;
  if (!HOST.test(host)) return { ok: false, error: `"${host}" is not a valid host name.` };
  for (const s of [stable, canary]) if (!DNS_LABEL.test(s)) return { ok: false, error: `"${s}" is not a valid subset name (lowercase letters, digits and "-").` };
  if (stable === canary) return { ok: false, error: 'The stable and the canary subset must differ.' };
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) return { ok: false, error: 'The canary weight must be a whole number from 0 to 100.' };
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)) return { ok: false, error: 'The port must be from 1 to 65535.' };
  for (const h of options.externalHosts ?? []) if (!HOST.test(h)) return { ok: false, error: `"${h}" is not a valid host name.` };

  const name = host.split('.')[0].replace(/^\*$/, 'wildcard');
  const existing = workspace ? findDestinationRule(workspace, host, ns ?? workspace.namespace) : undefined;
  const docs = [virtualService(name, ns, host, stable, canary, weight, options)];
  const edits: FileEdit[] = [];
  const notes: string[] = [];
  if (existing) {
    const missing = [stable, canary].filter((s) => !existing.subsets.some((d) => d.name.value === s));
    const edit = missing.length ? addSubsets(workspace!, existing, missing) : undefined;
    if (edit) edits.push(edit);
    notes.push(missing.length ? `Added subset${missing.length > 1 ? 's' : ''} ${missing.join(', ')} to DestinationRule ${existing.namespace}/${existing.name}.` : `DestinationRule ${existing.namespace}/${existing.name} already defines ${stable} and ${canary}.`);
  } else {
    docs.push(destinationRule(name, ns, host, [stable, canary]));
  }
  return { ok: true, text: docs.join('---\n'), edits, notes };
}

function metadata(name: string, ns: string | undefined): string {
  return `metadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;
}

function virtualService(name: string, ns: string | undefined, host: string, stable: string, canary: string, weight: number, o: CanaryOptions): string {
  const hosts = [host, ...(o.externalHosts ?? [])].map((h) => `  - ${quote(h)}\n`).join('');
  const gateways = o.gateway ? `  gateways:\n  - ${o.gateway}\n  - mesh\n` : '';
  const port = o.port ? `        port:\n          number: ${o.port}\n` : '';
  const dest = (subset: string, w: number) => `    - destination:\n        host: ${quote(host)}\n        subset: ${subset}\n${port}      weight: ${w}\n`;
  return `apiVersion: networking.istio.io/v1\nkind: VirtualService\n${metadata(name, ns)}spec:\n  hosts:\n${hosts}${gateways}  http:\n  - name: ${name}-canary\n    route:\n${dest(stable, 100 - weight)}${dest(canary, weight)}`;
}

function destinationRule(name: string, ns: string | undefined, host: string, subsets: readonly string[]): string {
  const items = subsets.map((s) => `  - name: ${s}\n    labels:\n      version: ${s}\n`).join('');
  return `apiVersion: networking.istio.io/v1\nkind: DestinationRule\n${metadata(name, ns)}spec:\n  host: ${quote(host)}\n  subsets:\n${items}`;
}

function quote(h: string): string {
  return h.startsWith('*') ? `"${h}"` : h;
}

function findDestinationRule(index: WorkspaceIndex, host: string, ns: string): IndexedResource | undefined {
  return index.destinationRulesFor(toFqdn(host, ns), ns)[0];
}

/** Appends subset items to an existing DestinationRule, matching its indentation. */
function addSubsets(index: WorkspaceIndex, dr: IndexedResource, subsets: readonly string[]): FileEdit | undefined {
  const file = index.get(dr.uri);
  const doc = file?.parsed.docs[dr.docIndex];
  if (!file || !doc) return undefined;
  const text = file.parsed.text;
  const y = doc.yaml;
  const spec = resolveAlias(y, mapGet(y.contents, 'spec')?.value);
  if (!isMap(spec)) return undefined;
  const list = resolveAlias(y, mapGet(spec, 'subsets')?.value);
  if (isSeq(list) && list.items.length > 0 && !list.flow) {
    const first = nodeRange(list.items[0])![0];
    const itemCol = first - (text.lastIndexOf('\n', first - 1) + 1);
    const dashCol = itemCol - 2;
    const pad = ' '.repeat(Math.max(0, dashCol));
    const inner = ' '.repeat(itemCol);
    const at = lineEnd(text, nodeRange(list)![1]);
    return { uri: dr.uri, offset: at, newText: subsets.map((s) => `\n${pad}- name: ${s}\n${inner}labels:\n${inner}  version: ${s}`).join('') };
  }
  if (mapGet(spec, 'subsets')) return undefined; // a flow or empty list: leave it to the user
  const keyStart = nodeRange(spec.items[0]?.key)![0];
  const col = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  const pad = ' '.repeat(col);
  const at = lineEnd(text, nodeRange(spec)![1]);
  return { uri: dr.uri, offset: at, newText: `\n${pad}subsets:` + subsets.map((s) => `\n${pad}- name: ${s}\n${pad}  labels:\n${pad}    version: ${s}`).join('') };
}

function lineEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  const nl = text.indexOf('\n', e);
  return nl < 0 ? text.length : nl;
}
