/**
 * Kustomize: which files of the workspace are patches. A patch is a partial
 * resource (strategic merge) or a list of JSON6902 operations; only a
 * kustomization file of the workspace makes a file one, by listing it under
 * `patches:` (`path:`), `patchesStrategicMerge:` or `patchesJson6902:`
 * (paths relative to the kustomization's folder). Without a kustomization
 * that lists it, a file that looks partial is judged as a whole resource:
 * we do not guess.
 *
 * A kustomization file is `kustomization.yaml`, `kustomization.yml` or
 * `Kustomization` by name, or any file whose document says
 * `apiVersion: kustomize.config.k8s.io/...` with `kind: Kustomization`
 * (or `Component`, which lists patches the same way).
 */
import type { Finding } from '../findings';
import type { ParsedFile } from '../parser';
import { isMap, isScalar, isSeq, mapGet, type YamlDocument } from '../yamlAst';
import type { WorkspaceIndex } from './index';

export type PatchKind = 'strategic' | 'json6902';

const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';
const KUSTOMIZATION_NAME = /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/;

/** The patches of the workspace by normalised uri, rebuilt when the index's facts change (patch lists are facts: see `patchListPrint`). */
/** The patch lists (rebuilt when they change: patchesGeneration) and the subsets hostless patches define (when facts change). */
const byIndex = new WeakMap<WorkspaceIndex, { generation: number; patches: Map<string, PatchKind>; subsets?: { generation: number; names: Set<string> } }>();
/** The patch paths one kustomization lists, kept with its (immutable) parse. */
const listed = new WeakMap<ParsedFile, readonly (readonly [string, PatchKind])[]>();

/** Is `uri` a Kustomize patch of this workspace, and of which kind? */
export function patchKindOf(index: WorkspaceIndex, uri: string): PatchKind | undefined {
  const kind = patchesOf(index).get(normaliseUri(uri));
  if (!kind) return undefined;
  const parsed = index.get(uri)?.parsed;
  // `patches:` takes both kinds; the content tells them apart.
  return parsed && isJson6902(parsed) ? 'json6902' : kind;
}

function patchesOf(index: WorkspaceIndex): Map<string, PatchKind> {
  const hit = byIndex.get(index);
  if (hit && hit.generation === index.patchesGeneration) return hit.patches;
  const patches = new Map<string, PatchKind>();
  for (const uri of index.uris()) {
    const parsed = index.get(uri)?.parsed;
    if (!parsed || !isKustomization(uri, parsed)) continue;
    for (const [rel, kind] of patchPaths(parsed)) {
      const target = resolveUri(uri, rel);
      if (target) patches.set(normaliseUri(target), kind);
    }
  }
  byIndex.set(index, { generation: index.patchesGeneration, patches });
  return patches;
}

export function isKustomization(uri: string, parsed: ParsedFile | undefined): boolean {
  if (!parsed) return false;
  if (KUSTOMIZATION_NAME.test(uri.split(/[?#]/)[0])) return true;
  const r = parsed.docs[0]?.resource;
  return r !== undefined && r.group === KUSTOMIZE_GROUP && (r.resourceKind === 'Kustomization' || r.resourceKind === 'Component');
}

/** The relative paths a kustomization lists as patches (inline patches and remote ones have no file here). */
function patchPaths(parsed: ParsedFile): readonly (readonly [string, PatchKind])[] {
  const hit = listed.get(parsed);
  if (hit) return hit;
  const out: [string, PatchKind][] = [];
  for (const d of parsed.docs) {
    const root = d.yaml.contents;
    if (!isMap(root)) continue;
    for (const item of seqItems(mapGet(root, 'patchesStrategicMerge')?.value)) {
      const path = stringOf(item);
      if (path && !path.includes('\n')) out.push([path, 'strategic']);
    }
    for (const [key, kind] of [['patches', 'strategic'], ['patchesJson6902', 'json6902']] as const) {
      for (const item of seqItems(mapGet(root, key)?.value)) {
        const path = stringOf(mapGet(item, 'path')?.value);
        if (path) out.push([path, kind]);
      }
    }
  }
  listed.set(parsed, out);
  return out;
}

function seqItems(node: unknown): readonly unknown[] {
  return isSeq(node) ? node.items : [];
}

function stringOf(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '' ? node.value.trim() : undefined;
}

/** A YAML list whose items are `op`/`path` operations (the YAML form of a JSON6902 patch). */
function isJson6902(parsed: ParsedFile): boolean {
  const docs = parsed.docs.filter((d) => d.yaml.contents !== null);
  return docs.length > 0 && docs.every((d) => isOperationList(d.yaml));
}

function isOperationList(y: YamlDocument): boolean {
  const root = y.contents;
  return isSeq(root) && root.items.length > 0 && root.items.every((i) => isMap(i) && mapGet(i, 'op') !== undefined && mapGet(i, 'path') !== undefined);
}

/** `rel` (a kustomization path) against the folder of `base` (a uri); undefined for remote or odd paths. */
export function resolveUri(base: string, rel: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rel) || rel.startsWith('git@')) return undefined;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/[^?#]*)/i.exec(base);
  if (!m) return undefined;
  const [, authority, basePath] = m;
  const segments = rel.startsWith('/') ? [] : basePath.split('/').slice(1, -1);
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(encodeSegment(seg));
  }
  return `${authority}/${segments.join('/')}`;
}

function encodeSegment(seg: string): string {
  return /%[0-9a-f]{2}/i.test(seg) ? seg : encodeURIComponent(seg);
}

/** One spelling per file: percent-escapes decoded, a Windows drive letter in lower case. */
export function normaliseUri(uri: string): string {
  let out = uri;
  try {
    out = decodeURIComponent(uri);
  } catch {
    // a malformed escape: compare as written
  }
  return out.replace(/^file:\/\/\/([A-Za-z]):/, (_, d: string) => `file:///${d.toLowerCase()}:`);
}

/**
 * Findings that only say what a partial resource does not set: required
 * fields and groups, "needs a route / a destination / a certificate" rules,
 * delegate rules (a patch without hosts is not a delegate), and cross-file
 * checks about what is left out (subset labels, hosts a gateway serves, a
 * destination port).
 */
export const ABSENCE_RULES: ReadonlySet<string> = new Set([
  'missing-required',
  'one-of-missing',
  'min-items',
  'vs-no-routes',
  'route-missing',
  'destination-missing',
  'tcp-route-missing',
  'tls-route-missing',
  'delegate-gateways',
  'delegate-tls',
  'delegate-tcp',
  'fault-empty',
  'fault-abort-type',
  'rewrite-empty',
  'redirect-empty',
  'traffic-policy-empty',
  'connection-pool-empty',
  'port-policy-empty',
  'port-policy-port',
  'http2-keepalive',
  'tls-ca-missing',
  'tls-server-cert-missing',
  'tls-private-key-missing',
  'client-tls-missing',
  'server-tls-required',
  'subset-without-labels',
  'gateway-host-mismatch',
  'destination-port-required',
]);

const SUBSET_NOT_FOUND = new Set(['subset-not-found', 'subset-no-destination-rule']);

/**
 * Which findings of `uri` to keep, or undefined when it is no patch. A
 * JSON6902 patch keeps none. A strategic-merge patch keeps what the patch
 * sets: not findings about absence, not `$patch` / `$setElementOrder/...`
 * directives (Kustomize's, not unknown fields), and not a subset "not found"
 * when a DestinationRule patch without a host (its host is in the resource
 * it patches) defines that subset.
 */
export function patchFilter(index: WorkspaceIndex, uri: string): ((f: Finding, text: string) => boolean) | undefined {
  const kind = patchKindOf(index, uri);
  if (kind === undefined) return undefined;
  if (kind === 'json6902') return () => false;
  return (f, text) => {
    const token = text.slice(f.start, f.end);
    if (ABSENCE_RULES.has(f.rule)) return false;
    if (f.rule === 'unknown-field' && /^["']?\$/.test(token)) return false;
    if (SUBSET_NOT_FOUND.has(f.rule) && hostlessPatchSubsets(index).has(token.replace(/^["']|["']$/g, ''))) return false;
    return true;
  };
}

/** Subset names that DestinationRule patches without a `host` define. */
function hostlessPatchSubsets(index: WorkspaceIndex): Set<string> {
  const patches = patchesOf(index);
  const facts = byIndex.get(index);
  if (facts?.subsets && facts.subsets.generation === index.factsGeneration) return facts.subsets.names;
  const subsets = new Set<string>();
  for (const uri of index.uris()) {
    if (patches.size === 0) break;
    if (!patches.has(normaliseUri(uri))) continue;
    for (const r of index.get(uri)?.resources ?? []) {
      if (r.kind === 'DestinationRule' && !r.host) for (const s of r.subsets) subsets.add(s.name.value);
    }
  }
  const current = byIndex.get(index);
  if (current) current.subsets = { generation: index.factsGeneration, names: subsets };
  return subsets;
}

/** What a file contributes to the workspace's patch lists, as a string that changes when they do ('' for other files). */
export function patchListPrint(uri: string, parsed: ParsedFile): string {
  return isKustomization(uri, parsed) ? JSON.stringify(patchPaths(parsed)) : '';
}
