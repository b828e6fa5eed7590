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
import { Reporter, shiftFindings, type Finding } from '../../../findings';
import { rebased } from '../../../parser';
import type { IndexedResource } from '../../../workspace/model';
import { resourceAt, type WorkspaceContext } from '../context';
import { checkDestinationHosts } from './destinationHosts';
import { checkDestinationRules } from './destinationRules';
import { checkGateways } from './gateways';
import { checkMeshHosts } from './meshHosts';
import { checkServiceEntries } from './serviceEntries';
import { checkShadowedRules } from './shadowedRules';
import { checkSubsets } from './subsets';
import { changedKeys, recordReads } from './lookup';

export type CrossFileCheck = (ctx: WorkspaceContext, report: Reporter) => void;

const CHECKS: CrossFileCheck[] = [checkSubsets, checkDestinationRules, checkGateways, checkMeshHosts, checkShadowedRules, checkDestinationHosts, checkServiceEntries];

export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

/**
 * The checks run resource by resource, and what they find for a resource is
 * kept with it, with the lookup keys its checks read. The findings stay
 * valid until the resource changes (a new object) or a fact under one of
 * those keys changes: an edit re-checks the edited resource and the
 * resources that depend on what it changed, not the whole file. A resource
 * that only moved gets its findings shifted.
 */
interface Checked {
  key: string;
  generation: number;
  reads: ReadonlySet<string>;
  base: number;
  value: readonly Finding[];
}

const perResource = new WeakMap<IndexedResource, Checked>();

export function crossFileDiagnostics(ctx: WorkspaceContext, report: Reporter): void {
  const findingsOf = checker(ctx);
  for (const r of ctx.file.resources) report.findings.push(...findingsOf(r));
}

/**
 * crossFileDiagnostics' work in steps, one resource each, for a caller that
 * pauses between them (the first validation of a big file); what they
 * compute is kept with each resource, so crossFileDiagnostics reuses it.
 */
export function* crossFileSteps(ctx: WorkspaceContext): Generator<void, void, void> {
  const findingsOf = checker(ctx);
  for (const r of ctx.file.resources) {
    findingsOf(r);
    yield;
  }
}

/** A resource's findings: kept ones while still valid (shifted if it moved), else checked now and kept. */
function checker(ctx: WorkspaceContext): (r: IndexedResource) => readonly Finding[] {
  const key = `${ctx.settings.istioVersion}|${ctx.settings.defaultNamespace}`;
  const generation = ctx.index.factsGeneration;
  const changedSince = new Map<number, ReadonlySet<string> | undefined>();
  const stillValid = (c: Checked): boolean => {
    if (c.key !== key) return false;
    if (c.generation === generation) return true;
    if (!changedSince.has(c.generation)) changedSince.set(c.generation, changedKeys(ctx.index, c.generation));
    const changed = changedSince.get(c.generation);
    if (!changed) return false;
    for (const k of c.reads) if (changed.has(k)) return false;
    c.generation = generation;
    return true;
  };
  return (r) => {
    const hit = perResource.get(r);
    if (hit && stillValid(hit)) return rebased(hit, r.range[0], shiftFindings);
    const { value, reads } = recordReads(() => checkResource(ctx, r));
    perResource.set(r, { key, generation, reads, base: r.range[0], value });
    return value;
  };
}

function checkResource(ctx: WorkspaceContext, r: IndexedResource): readonly Finding[] {
  // A resource whose YAML does not parse gets none: its tree cannot be trusted, so do not check it at all.
  if (hasSyntaxErrors(ctx, r)) return [];
  const local = new Reporter();
  const one: WorkspaceContext = { ...ctx, file: { ...ctx.file, resources: [r] } };
  for (const check of CHECKS) check(one, local);
  return local.findings.filter((f) => resourceAt(one.file, f.start) === r && !suppressed(r, f));
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
