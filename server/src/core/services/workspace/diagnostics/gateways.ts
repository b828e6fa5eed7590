/**
 * Gateways a VirtualService binds to (top level and match level): each must
 * exist (IST0101) and serve at least one of its hosts (IST0132). `mesh` is
 * the sidecars, not a Gateway. A Gateway is only called missing when the
 * workspace holds Gateways of its namespace, or one of that name elsewhere:
 * gateways installed with Istio itself are usually not in the repository.
 */
import { ErrorCode } from '../../../codes';
import type { Reporter } from '../../../findings';
import { hostsOverlap, toFqdn } from '../../../workspace/hosts';
import type { IndexedResource, Ref } from '../../../workspace/model';
import type { WorkspaceContext } from '../context';
import { fullName, gatewayName, own, quoteList } from './common';
import { lookupOf } from './lookup';

export function checkGateways(ctx: WorkspaceContext, report: Reporter): void {
  for (const vs of own(ctx, 'VirtualService')) {
    for (const ref of vs.gateways) {
      if (ref.value === 'mesh' || ref.value === '') continue;
      const { namespace, name } = gatewayName(ref.value, vs.namespace);
      const gateway = lookupOf(ctx.index).gateways.get(`${namespace}/${name}`);
      if (gateway) checkHosts(vs, ref, gateway, report);
      else notFound(ctx, ref, namespace, name, report);
    }
  }
}

function notFound(ctx: WorkspaceContext, ref: Ref, namespace: string, name: string, report: Reporter): void {
  const lookup = lookupOf(ctx.index);
  const elsewhere = (lookup.gatewaysByName.get(name) ?? []).filter((g) => g.namespace !== namespace);
  if (elsewhere.length === 0 && !lookup.gatewayNamespaces.has(namespace)) return;
  if (lookup.templatedKinds.has('Gateway')) return; // a Gateway whose name a template writes may be the one
  const suggestion = elsewhere.length === 1 ? fullName(elsewhere[0]) : undefined;
  report.add(ref.range, {
    severity: 'error',
    code: ErrorCode.ReferencedResourceNotFound,
    rule: 'gateway-not-found',
    message: `Gateway "${namespace}/${name}" is not defined in the workspace.${suggestion ? ` Did you mean "${suggestion}"? A short name means a Gateway in the VirtualService's own namespace.` : ''}`,
    data: suggestion ? { replacement: suggestion } : undefined,
  });
}

function checkHosts(vs: IndexedResource, ref: Ref, gateway: IndexedResource, report: Reporter): void {
  if (vs.hosts.length === 0) return;
  const served = servedHosts(gateway, vs.namespace);
  if (served === undefined) return;
  const matched = vs.hosts.some((h) => served.some((s) => hostsOverlap(s, h.value) || hostsOverlap(s, toFqdn(h.value, vs.namespace)) || hostsOverlap(toFqdn(s, gateway.namespace), toFqdn(h.value, vs.namespace))));
  if (matched) return;
  report.add(ref.range, {
    severity: 'warning',
    code: ErrorCode.VirtualServiceHostNotFoundInGateway,
    rule: 'gateway-host-mismatch',
    message: `Gateway ${fullName(gateway)} serves ${served.length > 0 ? quoteList(served) : 'no host'} to namespace "${vs.namespace}", none of the hosts ${quoteList(vs.hosts.map((h) => h.value))} of this VirtualService: it will not route through this Gateway. Add the host to one of the Gateway's servers, or fix the host here.`,
  });
}

/**
 * The hosts a Gateway's servers offer to VirtualServices of `vsNamespace`:
 * `ns/host` only to `ns`, `./host` to the Gateway's own namespace, a `*`
 * namespace to all.
 * Undefined when the Gateway lists no hosts at all (nothing to compare with).
 */
function servedHosts(gateway: IndexedResource, vsNamespace: string): string[] | undefined {
  const out: string[] = [];
  let any = false;
  for (const server of gateway.servers) {
    for (const h of server.hosts) {
      any = true;
      const slash = h.value.indexOf('/');
      if (slash < 0) {
        out.push(h.value);
        continue;
      }
      const ns = h.value.slice(0, slash);
      const host = h.value.slice(slash + 1);
      if (ns === '*' || ns === vsNamespace || (ns === '.' && gateway.namespace === vsNamespace)) out.push(host);
    }
  }
  return any ? [...new Set(out)] : undefined;
}
