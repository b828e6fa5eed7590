/**
 * Subsets a VirtualService routes (or mirrors) to: each must be defined by a
 * DestinationRule for the destination's host that is visible from the
 * VirtualService's namespace (IST0101, as istioctl). "No DestinationRule for
 * this host" is only said when the workspace holds DestinationRules at all: a
 * file alone, or a repository that keeps them elsewhere, is not told that they
 * are missing. One route naming the same host and subset twice gets a warning.
 */
import { ErrorCode } from '../../../codes';
import type { Reporter } from '../../../findings';
import { toFqdn } from '../../../workspace/hosts';
import type { DestinationRef, IndexedResource } from '../../../workspace/model';
import type { WorkspaceContext } from '../context';
import { closest, fullName, own, quoteList } from './common';
import { destinationRulesFor, lookupOf } from './lookup';

export function checkSubsets(ctx: WorkspaceContext, report: Reporter): void {
  for (const vs of own(ctx, 'VirtualService')) {
    for (const d of vs.destinations) checkSubset(ctx, vs, d, report);
    checkRepeatedSubsets(vs, report);
  }
}

function checkSubset(ctx: WorkspaceContext, vs: IndexedResource, d: DestinationRef, report: Reporter): void {
  const subset = d.subset?.value;
  const host = d.host.value;
  if (!d.subset || !subset || host.includes('*')) return;
  const fqdn = toFqdn(host, vs.namespace);
  const lookup = lookupOf(ctx.index);
  const rules = destinationRulesFor(lookup, fqdn, vs.namespace);
  const shown = fqdn === host ? `"${host}"` : `"${host}" (${fqdn})`;
  if (rules.length === 0) {
    // No rules at all, or one whose host a template writes: "no DestinationRule" would be a guess.
    if (lookup.rulesByHost.size === 0 || lookup.templatedKinds.has('DestinationRule')) return;
    report.add(d.subset.range, {
      severity: 'error',
      code: ErrorCode.ReferencedResourceNotFound,
      rule: 'subset-no-destination-rule',
      message: `Subset "${subset}" is not defined: no DestinationRule defines subsets for host ${shown}. Add a DestinationRule for this host with a subset "${subset}".`,
    });
    return;
  }
  const names = [...new Set(rules.flatMap((dr) => dr.subsets.map((s) => s.name.value)))];
  if (names.includes(subset) || rules.some((dr) => dr.templated)) return;
  const guess = closest(subset, names);
  const defined = names.length > 0 ? `defines the subsets ${quoteList(names)}` : 'defines no subsets';
  report.add(d.subset.range, {
    severity: 'error',
    code: ErrorCode.ReferencedResourceNotFound,
    rule: 'subset-not-found',
    message: `Subset "${subset}" is not defined for host ${shown}: DestinationRule ${rules.map(fullName).join(', ')} ${defined}.${guess ? ` Did you mean "${guess}"?` : ''}`,
    data: guess ? { replacement: guess } : undefined,
  });
}

/** The same host and subset twice in one route: the weights could be one entry. */
function checkRepeatedSubsets(vs: IndexedResource, report: Reporter): void {
  const seen = new Set<string>();
  for (const d of vs.destinations) {
    if (d.role !== 'route' || !d.subset?.value) continue;
    const route = d.path.slice(0, 3).join('.');
    const key = `${route}|${toFqdn(d.host.value, vs.namespace)}|${d.subset.value}|${d.port?.number ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    report.add(d.subset.range, {
      severity: 'warning',
      code: ErrorCode.DuplicateRouteDestination,
      rule: 'route-duplicate-subset',
      message: `Subset "${d.subset.value}" of host "${d.host.value}" appears twice in this route: merge the two destinations into one (and add up their weights).`,
    });
  }
}
