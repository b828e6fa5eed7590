/** Host names the way Istio resolves them. */

export const CLUSTER_DOMAIN = 'cluster.local';

/**
 * A short name (no dot) is completed with the namespace of the resource it is
 * written in: `reviews` in `shop` is `reviews.shop.svc.cluster.local`. Names
 * with a dot, `*`, and IP addresses are taken as they are.
 */
export function toFqdn(host: string, namespace: string): string {
  if (host === '' || host === '*' || host.includes('.') || host.includes(':')) return host;
  return `${host}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** Does `pattern` (possibly `*` or `*.suffix`) match the concrete or wildcard `host`? */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1); // `.example.com`
    if (host.startsWith('*.')) return host.slice(1).endsWith(suffix);
    return host.endsWith(suffix) && host.length > suffix.length;
  }
  return false;
}

/** Two host patterns overlap when either matches the other. */
export function hostsOverlap(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a);
}

/** The namespace of a `namespace/name` reference, else `fallback`. */
export function splitNamespaced(ref: string, fallback: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  return slash < 0 ? { namespace: fallback, name: ref } : { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/** Is a resource with this exportTo (in `ownNamespace`) visible from `namespace`? */
export function exportedTo(exportTo: readonly string[] | undefined, ownNamespace: string, namespace: string): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  return exportTo.some((e) => e === '*' || e === namespace || (e === '.' && ownNamespace === namespace));
}
