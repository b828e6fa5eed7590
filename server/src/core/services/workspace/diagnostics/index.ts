/**
 * Cross-file diagnostics: checks that need the workspace index (subsets,
 * gateways, hosts, conflicts between resources). Each check lives in its own
 * file and is listed here.
 */
import type { Reporter } from '../../../findings';
import type { WorkspaceContext } from '../context';

export type CrossFileCheck = (ctx: WorkspaceContext, report: Reporter) => void;

const CHECKS: CrossFileCheck[] = [];

export function crossFileDiagnostics(ctx: WorkspaceContext, report: Reporter): void {
  for (const check of CHECKS) check(ctx, report);
}
