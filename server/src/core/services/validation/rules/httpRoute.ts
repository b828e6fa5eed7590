/**
 * One `http` route of a VirtualService: what it does (route, redirect,
 * direct response or delegate, exclusively), its matches, header
 * operations and mirrors. The policies (retries, faults, CORS, rewrite,
 * redirect, direct response) are in httpPolicies.ts.
 */
import { checkDuration, checkPortField } from './common';
import { checkDestination, checkHeaderOperations, checkRouteDestinations } from './destinations';
import { checkAuthorityRewrite, checkCors, checkDirectResponse, checkFault, checkRedirect, checkRetries, checkRewrite } from './httpPolicies';
import { checkStringMatch, headerNameProblem } from './http';
import { isDns1123Label } from './hosts';
import { checkGatewayNames, checkLabels } from './refs';
import { entryIsNull, error, type Obj } from './view';

export type RouteKind = 'independent' | 'root' | 'delegate';

export function checkHttpRoute(http: Obj, inDelegateVs: boolean): void {
  const kind: RouteKind = inDelegateVs ? 'delegate' : http.has('delegate') ? 'root' : 'independent';
  checkConflicts(http, kind);
  checkMatches(http);
  checkHeaderOperations(http.obj('headers'));
  checkCors(http.obj('corsPolicy'));
  checkFault(http.obj('fault'));
  checkMirrors(http);
  checkRedirect(http);
  checkDirectResponse(http.obj('directResponse'));
  checkRetries(http.obj('retries'));
  checkRewrite(http.obj('rewrite'));
  checkAuthorityRewrite(http);
  checkRouteDestinations(http, 'route', true);
  checkDuration(http, 'timeout');
}

/** route / redirect / directResponse / delegate: which may go together. */
function checkConflicts(http: Obj, kind: RouteKind): void {
  const rc = http.rc;
  const conflict = (key: string, other: string) =>
    error(rc, http.keyRange(key), 'route-conflict', `An HTTP route cannot have both "${other}" and "${key}": ${other === 'redirect' || other === 'directResponse' ? `"${other}" answers the request itself` : 'they exclude each other'}.`);
  const hasRoute = http.count('route') > 0;
  if (kind === 'root') {
    for (const key of ['redirect', 'route']) {
      if (key === 'route' ? hasRoute : http.has(key)) error(rc, http.keyRange(key), 'root-route-conflict', `A route that delegates to another VirtualService cannot also set "${key}".`);
    }
    return;
  }
  if (kind === 'delegate' && http.has('delegate')) {
    error(rc, http.keyRange('delegate'), 'delegate-nested', 'This VirtualService is a delegate (it has no hosts): its routes cannot delegate again.');
  }
  if (http.has('redirect')) {
    if (hasRoute) conflict('route', 'redirect');
    for (const key of ['fault', 'rewrite', 'directResponse']) if (http.has(key)) conflict(key, 'redirect');
  } else if (http.has('directResponse')) {
    if (hasRoute) conflict('route', 'directResponse');
    for (const key of ['fault', 'rewrite']) if (http.has(key)) conflict(key, 'directResponse');
  } else if (!hasRoute) {
    error(rc, http.present('route') ? http.keyRange('route') : http.anchor, 'route-missing', `"${http.path}" needs a "route" (destinations), a "redirect" or a "directResponse".`);
  }
  if (http.has('mirror') && http.count('mirrors') > 0) {
    error(rc, http.keyRange('mirrors'), 'mirror-conflict', 'Use either "mirror" or "mirrors", not both.');
  }
}

function checkMatches(http: Obj): void {
  for (const { obj: m } of http.objects('match')) {
    if (!m) continue; // a null match matches everything
    const rc = m.rc;
    for (const e of m.entries('headers')) {
      if (entryIsNull(e)) error(rc, e.keyRange, 'header-match-null', `The header match "${e.key}" has no condition: give exact, prefix or regex (or use withoutHeaders).`);
      const problem = headerNameProblem(e.key, { jwtClaim: true });
      if (problem) error(rc, e.keyRange, 'header-name', problem);
      checkStringMatch(rc, m.obj('headers')?.obj(e.key), 'headers');
    }
    for (const e of m.entries('withoutHeaders')) {
      const problem = headerNameProblem(e.key, { jwtClaim: true });
      if (problem) error(rc, e.keyRange, 'header-name', problem);
      const sm = m.obj('withoutHeaders')?.obj(e.key);
      if (sm?.str('regex') !== '*') checkStringMatch(rc, sm, 'withoutHeaders'); // `*` means "present"
    }
    checkStringMatch(rc, m.obj('uri'), 'uri', { allowEmptyPrefix: true });
    for (const key of ['scheme', 'method', 'authority']) checkStringMatch(rc, m.obj(key), key);
    const params = m.obj('queryParams');
    for (const e of m.entries('queryParams')) checkStringMatch(rc, params?.obj(e.key), 'queryParams');
    if (m.num('port') !== 0) checkPortField(m, 'port');
    checkLabels(m, 'sourceLabels');
    checkGatewayNames(m, 'gateways');
    const ns = m.text('sourceNamespace');
    if (ns !== undefined && !isDns1123Label(ns)) error(rc, m.range('sourceNamespace'), 'source-namespace', `"${ns}" is not a valid namespace name.`);
  }
}

/** `mirror`, `mirrors`, and the mirror percentages. */
function checkMirrors(http: Obj): void {
  const rc = http.rc;
  const percent = http.num('mirrorPercent') ?? http.obj('mirrorPercent')?.num('value');
  if (percent !== undefined && percent > 100) {
    error(rc, http.range('mirrorPercent'), 'mirror-percentage', `mirrorPercent is at most 100 (it is ${percent}).`);
  }
  const pct = http.obj('mirrorPercentage');
  checkMirrorPercentage(pct, 'mirrorPercentage');
  checkDestination(http.obj('mirror'));
  for (const { obj: mirror, entry } of http.objects('mirrors')) {
    if (!mirror) {
      if (entryIsNull(entry)) error(rc, entry.range, 'null-item', 'A mirror cannot be null.');
      continue;
    }
    if (!mirror.has('destination')) {
      if (mirror.present('destination') || !mirror.requires('destination')) {
        error(rc, mirror.present('destination') ? mirror.range('destination') : mirror.anchor, 'destination-missing', 'A mirror needs a destination.');
      }
      continue;
    }
    checkDestination(mirror.obj('destination'));
    checkMirrorPercentage(mirror.obj('percentage'), 'The mirror percentage');
  }
}

function checkMirrorPercentage(p: Obj | undefined, what: string): void {
  const v = p?.num('value');
  if (!p || v === undefined) return;
  if (v > 100 || v < 0) error(p.rc, p.range('value'), 'mirror-percentage', `${what} must be between 0 and 100 (it is ${v}).`);
}
