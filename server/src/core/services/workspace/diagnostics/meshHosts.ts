/**
 * VirtualServices bound to the mesh (no `gateways`, or `mesh` among them)
 * that define the same host for a namespace both are exported to: the
 * sidecars take one of them, which one is undefined (IST0109, as istioctl). Documents with the
 * same namespace and name are versions of one resource, not a conflict.
 */
import { ErrorCode } from '../../../codes';
import type { Reporter } from '../../../findings';
import { toFqdn } from '../../../workspace/hosts';
import type { IndexedResource } from '../../../workspace/model';
import type { WorkspaceContext } from '../context';
import { fullName, own, sameResource } from './common';
import { lookupOf } from './lookup';

export function checkMeshHosts(ctx: WorkspaceContext, report: Reporter): void {
  const mine = own(ctx, 'VirtualService').filter(meshBound);
  if (mine.length === 0) return;
  const lookup = lookupOf(ctx.index);
  for (const vs of mine) {
    const scopes = scopesOf(vs);
    for (const h of vs.hosts) {
      const fqdn = toFqdn(h.value, vs.namespace);
      const rivals = (lookup.virtualServicesByHost.get(fqdn) ?? []).filter((o) => meshBound(o) && !sameResource(o, vs) && overlap(scopesOf(o), scopes));
      if (rivals.length === 0) continue;
      report.add(h.range, {
        severity: 'error',
        code: ErrorCode.ConflictingMeshGatewayVirtualServiceHosts,
        rule: 'mesh-host-conflict',
        message: `VirtualService ${[...new Set(rivals.map(fullName))].join(', ')} also defines host "${h.value}" for the mesh: which one the sidecars use is undefined. Merge them into one VirtualService.`,
      });
    }
  }
}

function meshBound(vs: IndexedResource): boolean {
  const gateways = vs.topGateways ?? [];
  return gateways.length === 0 || gateways.some((g) => g.value === 'mesh');
}

/** Is some namespace's sidecar given both? (istioctl only compares equal scopes; `*` meets every namespace.) */
function overlap(a: readonly string[], b: readonly string[]): boolean {
  return a.includes('*') || b.includes('*') || a.some((s) => b.includes(s));
}

/** The namespaces a VirtualService is exported to (`*`: all). */
function scopesOf(vs: IndexedResource): string[] {
  const to = vs.exportTo ?? [];
  if (to.length === 0 || to.includes('*')) return ['*'];
  return to.map((e) => (e === '.' ? vs.namespace : e));
}
