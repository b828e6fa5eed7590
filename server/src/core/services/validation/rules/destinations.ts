/**
 * Where a VirtualService sends traffic: destinations, weighted route lists,
 * and the header operations attached to them.
 */
import { versionBelow } from '../../../settings';
import { checkPortField } from './common';
import { headerOperationProblem, headerValueProblem } from './http';
import { isDns1123Label, wildcardDomainProblem } from './hosts';
import { entryIsNull, entryString, error, info, warning, type Obj } from './view';

/** A Destination: host (no bare `*`), subset, port. */
export function checkDestination(d: Obj | undefined): void {
  if (!d) return;
  const host = d.str('host');
  if (host === '*') error(d.rc, d.range('host'), 'destination-host', 'A destination host cannot be "*": name the service to send traffic to.');
  else if (host !== undefined) {
    const problem = wildcardDomainProblem(host);
    if (problem) error(d.rc, d.range('host'), 'destination-host', problem);
  }
  const subset = d.str('subset');
  if (subset !== undefined && subset !== '') checkSubsetName(d, 'subset');
  const port = d.obj('port');
  if (port) {
    if (port.num('number') === undefined) error(d.rc, d.keyRange('port'), 'port-range', 'The destination port needs a number from 1 to 65535.');
    else checkPortField(port, 'number');
  }
}

/** A subset name is a DNS label. */
export function checkSubsetName(o: Obj, key: string): void {
  const name = o.str(key);
  if (name === undefined) return;
  if (name === '') error(o.rc, o.range(key), 'subset-name', 'The subset name cannot be empty.');
  else if (!isDns1123Label(name)) error(o.rc, o.range(key), 'subset-name', `"${name}" is not a valid subset name: use letters, digits and "-" (a DNS label).`);
}

/**
 * A list of weighted destinations (`route` of an HTTP, TCP or TLS route):
 * each needs a destination; weights cannot be negative nor all zero, and a
 * total other than 100 is pointed out (older Istio versions required 100).
 */
export function checkRouteDestinations(parent: Obj, key: string, withHeaders: boolean): void {
  const items = parent.objects(key);
  let total = 0;
  let anyWeight = false;
  for (const { obj: rd, entry } of items) {
    if (!rd) {
      if (entryIsNull(entry)) error(parent.rc, entry.range, 'null-item', `An entry of "${parent.sub(key)}" cannot be null.`);
      continue;
    }
    if (!rd.has('destination')) {
      if (rd.present('destination') || !rd.requires('destination')) {
        error(rd.rc, rd.present('destination') ? rd.range('destination') : rd.anchor, 'destination-missing', 'A route entry needs a destination.');
      }
    } else checkDestination(rd.obj('destination'));
    if (withHeaders) checkHeaderOperations(rd.obj('headers'));
    const w = rd.num('weight');
    if (w !== undefined) {
      anyWeight = true;
      if (w < 0) error(rd.rc, rd.range('weight'), 'weight-negative', `A weight cannot be negative (it is ${w}).`);
      total += w;
    }
  }
  if (items.length > 1 && total === 0) {
    error(parent.rc, parent.keyRange(key), 'weights-zero', 'The weights of these destinations add up to 0, so no traffic would be sent: give at least one a positive weight.');
  } else if (items.length > 1 && anyWeight && total !== 100) {
    const old = versionBelow(parent.rc.settings.istioVersion, '1.15');
    const message = old
      ? `The weights add up to ${total}; Istio ${parent.rc.settings.istioVersion} requires them to add up to 100.`
      : `The weights add up to ${total}, not 100: traffic is split in proportion to them.`;
    (old ? warning : info)(parent.rc, parent.keyRange(key), 'weights-sum', message, { total });
  }
}

/** `headers.request` / `headers.response`: names that may be changed, values Envoy can parse. */
export function checkHeaderOperations(headers: Obj | undefined): void {
  if (!headers) return;
  for (const side of ['request', 'response'] as const) {
    const ops = headers.obj(side);
    if (!ops) continue;
    for (const op of ['add', 'set'] as const) {
      for (const e of ops.entries(op)) {
        const nameProblem = headerOperationProblem(e.key, side === 'request');
        if (nameProblem) error(ops.rc, e.keyRange, 'header-name', nameProblem);
        const value = entryString(e);
        const valueProblem = value === undefined ? undefined : headerValueProblem(value);
        if (valueProblem) error(ops.rc, e.range, 'header-value', valueProblem);
      }
    }
    for (const name of ops.strings('remove')) {
      const problem = headerOperationProblem(name.value, false);
      if (problem) error(ops.rc, name.range, 'header-name', problem);
    }
  }
}
