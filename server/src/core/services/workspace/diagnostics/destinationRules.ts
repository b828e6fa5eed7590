/**
 * DestinationRules among themselves. Several for one host in one namespace
 * (same workload selector and exportTo) are merged by Istio: subsets are
 * joined and the first top-level trafficPolicy is kept. That is only a
 * problem where the merge drops something: the same subset name in both, or
 * a trafficPolicy in both. Subsets without labels select every endpoint of
 * the host; one is flagged when it looks like a forgotten label: a sibling
 * subset has labels, or its name is a version (`v1`, `v2-beta`). Subsets
 * that all lack labels are a known pattern (per-destination subsets of an
 * egress gateway), not a mistake.
 */
import { ErrorCode } from '../../../codes';
import type { Reporter } from '../../../findings';
import { toFqdn } from '../../../workspace/hosts';
import type { IndexedResource } from '../../../workspace/model';
import type { WorkspaceContext } from '../context';
import { fullName, own, quoteList, sameResource } from './common';
import { lookupOf, type Lookup } from './lookup';

export function checkDestinationRules(ctx: WorkspaceContext, report: Reporter): void {
  const rules = own(ctx, 'DestinationRule');
  if (rules.length === 0) return;
  const lookup = lookupOf(ctx.index);
  for (const dr of rules) {
    checkDuplicateHost(dr, lookup, report);
    const labelled = dr.subsets.some((s) => s.hasLabels);
    for (const s of dr.subsets) {
      if (s.hasLabels || (!labelled && !/^v\d/.test(s.name.value))) continue;
      report.add(s.name.range, {
        severity: 'warning',
        code: ErrorCode.SubsetWithoutLabels,
        rule: 'subset-without-labels',
        message: `Subset "${s.name.value}" has no labels, so it selects every endpoint of the host, like no subset at all. Give it the labels of the pods it stands for (for example version: ${s.name.value}).`,
      });
    }
  }
}

function checkDuplicateHost(dr: IndexedResource, lookup: Lookup, report: Reporter): void {
  if (!dr.host) return;
  const fqdn = toFqdn(dr.host.value, dr.namespace);
  const mine = new Set(dr.subsets.map((s) => s.name.value));
  const clashes: string[] = [];
  const names = new Set<string>();
  for (const o of lookup.rulesByHost.get(fqdn) ?? []) {
    if (sameResource(o, dr) || o.namespace !== dr.namespace || key(o.workloadSelector) !== key(dr.workloadSelector) || audience(o) !== audience(dr)) continue;
    const shared = o.subsets.map((s) => s.name.value).filter((n) => mine.has(n));
    const policies = o.hasTrafficPolicy === true && dr.hasTrafficPolicy === true;
    if (shared.length === 0 && !policies) continue;
    names.add(fullName(o));
    if (shared.length > 0) clashes.push(`the subsets ${quoteList([...new Set(shared)])}`);
    if (policies) clashes.push('a trafficPolicy');
  }
  if (names.size === 0) return;
  report.add(dr.host.range, {
    severity: 'warning',
    code: ErrorCode.DuplicateDestinationRule,
    rule: 'dr-duplicate-host',
    message: `DestinationRule ${[...names].join(', ')} is also for host "${dr.host.value}" in namespace "${dr.namespace}", and both define ${[...new Set(clashes)].join(' and ')}: Istio merges them and keeps only one of each. Keep one DestinationRule per host.`,
  });
}

function key(labels: Readonly<Record<string, string>> | undefined): string {
  return labels === undefined ? '' : JSON.stringify(Object.entries(labels).sort());
}

/** Who sees the rule: `*` for everyone (no exportTo), else the sorted namespaces. */
function audience(dr: IndexedResource): string {
  const to = dr.exportTo ?? [];
  if (to.length === 0 || to.includes('*')) return '*';
  return [...new Set(to.map((e) => (e === '.' ? dr.namespace : e)))].sort().join(',');
}
