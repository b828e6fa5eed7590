/**
 * Several ServiceEntries of one namespace for the same host and port: Istio
 * takes one of them, and which one it takes is not defined.
 */
import { ErrorCode } from '../../../codes';
import type { Reporter } from '../../../findings';
import { toFqdn } from '../../../workspace/hosts';
import type { WorkspaceContext } from '../context';
import { fullName, own, sameResource } from './common';
import { lookupOf } from './lookup';

export function checkServiceEntries(ctx: WorkspaceContext, report: Reporter): void {
  const mine = own(ctx, 'ServiceEntry');
  if (mine.length === 0) return;
  const lookup = lookupOf(ctx.index);
  for (const se of mine) {
    const ports = new Set(se.ports.map((p) => p.number));
    for (const h of se.hosts) {
      const fqdn = toFqdn(h.value, se.namespace);
      const clashes = (lookup.entriesByHost.get(fqdn) ?? []).filter((o) => o.namespace === se.namespace && !sameResource(o, se));
      const shared = clashes.flatMap((o) => o.ports.map((p) => p.number).filter((n) => ports.has(n)));
      if (shared.length === 0) continue;
      const names = [...new Set(clashes.filter((o) => o.ports.some((p) => ports.has(p.number))).map(fullName))].join(', ');
      report.add(h.range, {
        severity: 'warning',
        code: ErrorCode.DuplicateServiceEntry,
        rule: 'se-duplicate-host-port',
        message: `ServiceEntry ${names} also defines host "${h.value}" on port ${[...new Set(shared)].sort((a, b) => a - b).join(', ')} in namespace "${se.namespace}": only one of them takes effect. Keep one ServiceEntry per host and port.`,
      });
    }
  }
}
