/**
 * DestinationRule: the host, subsets (unique DNS-label names), exportTo and
 * the workload selector. Traffic policies are in trafficPolicy.ts.
 */
import type { SemanticContext } from '../semantic';
import { checkSubsetName } from './destinations';
import { wildcardDomainProblem } from './hosts';
import { checkExportTo, checkLabels, checkSelector } from './refs';
import { checkTrafficPolicy } from './trafficPolicy';
import { entryIsNull, error, view } from './view';

export function checkDestinationRule(ctx: SemanticContext): void {
  const spec = view(ctx)?.obj('spec');
  if (!spec) return;
  const rc = spec.rc;
  const host = spec.str('host');
  if (host !== undefined) {
    const problem = wildcardDomainProblem(host);
    if (problem) error(rc, spec.range('host'), 'dr-host', problem);
  }
  checkTrafficPolicy(spec, 'trafficPolicy');
  const names = new Set<string>();
  for (const { obj: subset, entry } of spec.objects('subsets')) {
    if (!subset) {
      if (entryIsNull(entry)) error(rc, entry.range, 'null-item', 'A subset cannot be null.');
      continue;
    }
    const name = subset.str('name');
    if (name !== undefined && name !== '') {
      if (names.has(name)) error(rc, subset.range('name'), 'subset-duplicate', `The subset name "${name}" is already used in this DestinationRule.`);
      names.add(name);
    }
    checkSubsetName(subset, 'name');
    checkLabels(subset, 'labels');
    checkTrafficPolicy(subset, 'trafficPolicy');
  }
  checkExportTo(spec, { withSelector: spec.has('workloadSelector') });
  checkSelector(spec.obj('workloadSelector'), 'matchLabels', 'workloadSelector');
}
