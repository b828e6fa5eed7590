/** Small helpers the cross-file checks share: identities, names, lookups. */
import type { IndexedResource } from '../../../workspace/model';
import type { WorkspaceContext } from '../context';

export const NETWORKING = 'networking.istio.io';

/** The Istio networking resources of `kind` in the document being validated. */
export function own(ctx: WorkspaceContext, kind: string): IndexedResource[] {
  return ctx.file.resources.filter((r) => r.kind === kind && r.group === NETWORKING);
}

/**
 * Two documents with the same kind, namespace and name are versions of one
 * resource (alternatives, as in samples that are applied one at a time): they
 * never conflict with each other.
 */
export function sameResource(a: IndexedResource, b: IndexedResource): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** `namespace/name`, as istioctl names resources. */
export function fullName(r: IndexedResource): string {
  return `${r.namespace}/${r.name}`;
}

/** Quoted and comma-separated: `"a", "b"`. */
export function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/**
 * The gateway a VirtualService names: `namespace/name`, the legacy
 * `name.namespace[.svc.cluster.local]`, or a short name in the
 * VirtualService's own namespace.
 */
export function gatewayName(ref: string, vsNamespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  if (slash >= 0) return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
  const dot = ref.indexOf('.');
  if (dot >= 0) return { namespace: ref.slice(dot + 1).split('.')[0], name: ref.slice(0, dot) };
  return { namespace: vsNamespace, name: ref };
}

/** The namespace of a `name.namespace.svc.cluster.local` host, else undefined. */
export function serviceNamespace(fqdn: string): string | undefined {
  const m = /^[^.]+\.([^.]+)\.svc\.cluster\.local$/.exec(fqdn);
  return m?.[1];
}

/** The candidate closest to `word` (at most 2 edits away, or one contains the other), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    const near = d <= 2 || (word.length > 1 && (c.includes(word) || word.includes(c)));
    if (near && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
