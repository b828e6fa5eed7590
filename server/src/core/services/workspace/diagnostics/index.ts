/**
 * Cross-file diagnostics: checks that need the workspace index (subsets,
 * gateways, hosts, conflicts between resources). Each check lives in its own
 * file and is listed here. They report only on the document being validated;
 * the index tells them about the others.
 *
 * The dispatcher then drops what must not be shown: findings in a resource
 * whose YAML does not parse (its tree cannot be trusted), and findings whose
 * code the resource suppresses with the istioctl annotation
 * `galley.istio.io/analyze-suppress: "IST0101,IST0132"` (`*` for all; our
 * rule ids work too).
 */
import { Reporter, type Finding } from '../../../findings';
import type { IndexedResource } from '../../../workspace/model';
import { resourceAt, type WorkspaceContext } from '../context';
import { checkDestinationHosts } from './destinationHosts';
import { checkDestinationRules } from './destinationRules';
import { checkGateways } from './gateways';
import { checkMeshHosts } from './meshHosts';
import { checkServiceEntries } from './serviceEntries';
import { checkShadowedRules } from './shadowedRules';
import { checkSubsets } from './subsets';

export type CrossFileCheck = (ctx: WorkspaceContext, report: Reporter) => void;

const CHECKS: CrossFileCheck[] = [checkSubsets, checkDestinationRules, checkGateways, checkMeshHosts, checkShadowedRules, checkDestinationHosts, checkServiceEntries];

export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

export function crossFileDiagnostics(ctx: WorkspaceContext, report: Reporter): void {
  const local = new Reporter();
  for (const check of CHECKS) check(ctx, local);
  for (const f of local.findings) {
    const owner = resourceAt(ctx.file, f.start);
    if (!owner || hasSyntaxErrors(ctx, owner) || suppressed(owner, f)) continue;
    report.findings.push(f);
  }
}

function hasSyntaxErrors(ctx: WorkspaceContext, r: IndexedResource): boolean {
  return ctx.file.parsed.docs[r.docIndex]?.problems.some((p) => p.severity === 'error') ?? false;
}

function suppressed(r: IndexedResource, f: Finding): boolean {
  const value = r.annotations[SUPPRESS_ANNOTATION];
  if (!value) return false;
  return value.split(',').some((c) => {
    const code = c.trim();
    return code === '*' || code === f.code || code === f.rule;
  });
}
