/**
 * http rules that can never apply, because an earlier rule of the same
 * VirtualService takes their requests first: a rule after a rule without
 * matches, or a rule whose every match an earlier match covers (IST0130,
 * warning); a single match so covered (IST0131, info). Coverage is a superset
 * test on uri (exact/prefix/regex), scheme, method, authority, headers,
 * query parameters, port, source and gateways (see matchCover.ts).
 */
import { ErrorCode } from '../../../codes';
import type { Reporter } from '../../../findings';
import type { HttpMatchDef, HttpRouteDef, IndexedResource } from '../../../workspace/model';
import type { WorkspaceContext } from '../context';
import { own } from './common';
import { covers } from './matchCover';

export function checkShadowedRules(ctx: WorkspaceContext, report: Reporter): void {
  for (const vs of own(ctx, 'VirtualService')) checkRules(vs, report);
}

function checkRules(vs: IndexedResource, report: Reporter): void {
  const top = (vs.topGateways ?? []).map((g) => g.value);
  const earlier: { match: HttpMatchDef; route: HttpRouteDef }[] = [];
  let catchAll: HttpRouteDef | undefined;
  for (const route of vs.httpRoutes ?? []) {
    if (catchAll) {
      unreachable(report, route, `rule ${ruleName(catchAll)} before it has no match conditions and takes every request`);
      continue;
    }
    if (route.matches.length === 0) {
      catchAll = route;
      continue;
    }
    const takenBy = route.matches.map((m) => earlier.find((e) => covers(e.match, m, top))?.route);
    if (takenBy.every((r) => r !== undefined)) {
      const names = [...new Set(takenBy.map((r) => ruleName(r!)))];
      unreachable(report, route, `${names.length > 1 ? 'rules' : 'rule'} ${names.join(', ')} before it already ${names.length > 1 ? 'take' : 'takes'} every request its matches would`);
    } else {
      takenBy.forEach((r, i) => {
        if (!r) return;
        report.add(route.matches[i].keyRange, {
          severity: 'info',
          code: ErrorCode.VirtualServiceIneffectiveMatch,
          rule: 'match-shadowed',
          message: `Match #${i} of rule ${ruleName(route)} is never used: rule ${ruleName(r)} before it takes every request this match would. Remove it, or move the more specific rule first.`,
        });
      });
    }
    for (const m of route.matches) earlier.push({ match: m, route });
  }
}

function unreachable(report: Reporter, route: HttpRouteDef, reason: string): void {
  report.add(route.keyRange, {
    severity: 'warning',
    code: ErrorCode.VirtualServiceUnreachableRule,
    rule: 'rule-shadowed',
    message: `Rule ${ruleName(route)} is never used: ${reason}. Put the more specific rules first and the catch-all rule last.`,
  });
}

function ruleName(route: HttpRouteDef): string {
  return route.name ? `"${route.name}"` : `#${route.index}`;
}
