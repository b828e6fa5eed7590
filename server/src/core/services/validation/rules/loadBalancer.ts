/**
 * Load balancer settings: consistent hashing (cookies, maglev table size),
 * locality-aware balancing (distribute / failover), warmup.
 */
import { checkDuration } from './common';
import { entryNumber, error, warning, type Obj } from './view';

export function checkLoadBalancer(lb: Obj | undefined, hasOutlierDetection: boolean): void {
  if (!lb) return;
  const rc = lb.rc;
  const ch = lb.obj('consistentHash');
  if (ch) checkConsistentHash(ch);
  if (lb.has('localityLbSetting') && lb.has('zoneAwareLbSetting')) {
    error(rc, lb.keyRange('zoneAwareLbSetting'), 'locality-zone-conflict', 'Set either localityLbSetting or zoneAwareLbSetting, not both.');
  }
  checkLocality(lb.obj('localityLbSetting'), hasOutlierDetection);
  checkDuration(lb, 'warmupDurationSecs');
  const warmup = lb.obj('warmup');
  if (warmup) checkDuration(warmup, 'duration');
}

function checkConsistentHash(ch: Obj): void {
  const rc = ch.rc;
  const cookie = ch.obj('httpCookie');
  if (cookie) {
    if (cookie.str('name') === '') error(rc, cookie.range('name'), 'cookie-name', 'The hash cookie needs a name.');
    const seen = new Set<string>();
    for (const { obj: attr } of cookie.objects('attributes')) {
      const name = attr?.str('name');
      if (!attr || name === undefined) continue;
      if (name === '') error(rc, attr.range('name'), 'cookie-attribute', 'A cookie attribute needs a name.');
      else if (seen.has(name)) error(rc, attr.range('name'), 'cookie-attribute', `The cookie attribute "${name}" is set twice.`);
      seen.add(name);
    }
  }
  const ringSize = ch.num('minimumRingSize') ?? 0;
  if (ringSize !== 0 && (ch.has('maglev') || ch.has('ringHash'))) {
    error(rc, ch.keyRange('minimumRingSize'), 'ring-size-conflict', 'minimumRingSize cannot be combined with maglev or ringHash: use ringHash.minimumRingSize.');
  }
  const maglev = ch.obj('maglev');
  if (maglev) {
    const size = maglev.num('tableSize') ?? 0;
    const range = maglev.present('tableSize') ? maglev.range('tableSize') : ch.keyRange('maglev');
    if (size === 0) error(rc, range, 'maglev-table-size', 'maglev needs a tableSize (a prime number, e.g. 65537).');
    else if (size >= 5000011) error(rc, range, 'maglev-table-size', `The maglev tableSize must be less than 5000011 (it is ${size}).`);
    else if (!isPrime(size)) error(rc, range, 'maglev-table-size', `The maglev tableSize must be a prime number: ${size} is not (try ${nextPrime(size)}).`, { replacement: String(nextPrime(size)) });
  }
}

/** Envoy's primality test, so that the same sizes are accepted. */
function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(x));
  for (let f = 3; f <= limit; f += 2) if (x % f === 0) return false;
  return true;
}

function nextPrime(x: number): number {
  let n = x + 1;
  while (!isPrime(n)) n++;
  return n;
}

const TOPOLOGY_LABELS = new Set(['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone']);

function checkLocality(loc: Obj | undefined, hasOutlierDetection: boolean): void {
  if (!loc) return;
  const rc = loc.rc;
  const failover = loc.objects('failover');
  if (loc.count('distribute') > 0 && failover.length > 0) {
    error(rc, loc.keyRange('failover'), 'locality-lb', 'Set either "distribute" or "failover", not both.');
    return;
  }
  if (failover.length > 0) {
    const label = loc.strings('failoverPriority').find((p) => TOPOLOGY_LABELS.has(p.value));
    if (label) {
      error(rc, label.range, 'locality-lb', `"${label.value}" cannot be in failoverPriority together with "failover": failover already orders by region.`);
      return;
    }
  }
  const sources: { value: string; range: readonly [number, number] | undefined }[] = [];
  for (const { obj: d } of loc.objects('distribute')) {
    if (!d) continue;
    const from = d.str('from');
    if (from !== undefined) sources.push({ value: from, range: d.range('from') });
    let total = 0;
    const targets: { value: string; range: readonly [number, number] | undefined }[] = [];
    for (const e of d.entries('to')) {
      const w = entryNumber(e) ?? 0;
      if (w <= 0 || w > 100) {
        error(rc, e.range, 'locality-lb', 'A locality weight must be between 1 and 100.');
        return;
      }
      total += w;
      targets.push({ value: e.key, range: e.keyRange });
    }
    if (total !== 100) {
      error(rc, d.keyRange('to'), 'locality-lb', `The locality weights add up to ${total}: they must add up to 100.`);
      return;
    }
    if (!checkLocalities(loc, targets)) return;
  }
  if (!checkLocalities(loc, sources)) return;
  if ((failover.length > 0 || loc.count('failoverPriority') > 0) && !hasOutlierDetection) {
    warning(rc, loc.anchor, 'locality-outlier', 'Failover only happens when endpoints are ejected: add an outlierDetection policy.');
  }
  for (const { obj: f } of failover) {
    if (!f) continue;
    const from = f.str('from') ?? '';
    const to = f.str('to') ?? '';
    const range = f.anchor;
    if (from === to) error(rc, range, 'locality-lb', 'A failover must go from one region to a different one.');
    if (from.includes('/') || to.includes('/')) error(rc, range, 'locality-lb', 'failover takes regions only (no zone or sub-zone).');
    if (from.includes('*') || to.includes('*')) error(rc, range, 'locality-lb', 'failover regions cannot contain the "*" wildcard.');
  }
}

/**
 * Localities (`region/zone/subzone`, `*` only once and at the end) must not
 * overlap one listed before them (a region, then one of its zones, ...);
 * false after the first problem, as istiod stops there.
 */
function checkLocalities(loc: Obj, list: { value: string; range: readonly [number, number] | undefined }[]): boolean {
  const fail = (range: readonly [number, number] | undefined, message: string) => {
    error(loc.rc, range, 'locality-lb', message);
    return false;
  };
  const regions = new Map<string, Map<string, Set<string>>>();
  for (const l of list) {
    const stars = l.value.split('*').length - 1;
    if (stars > 1 || (stars === 1 && !l.value.endsWith('*'))) return fail(l.range, `In "${l.value}", the "*" wildcard may only appear once, at the end.`);
    const overlap = () => fail(l.range, `"${l.value}" overlaps a locality listed before it.`);
    if (regions.has('*')) return overlap();
    const first = l.value.indexOf('/');
    const second = first < 0 ? -1 : l.value.indexOf('/', first + 1);
    const parts = first < 0 ? [l.value] : second < 0 ? [l.value.slice(0, first), l.value.slice(first + 1)] : [l.value.slice(0, first), l.value.slice(first + 1, second), l.value.slice(second + 1)];
    if (parts.some((p) => p === '')) return fail(l.range, `"${l.value}" has an empty region, zone or sub-zone.`);
    const [region, zone, subZone] = parts;
    const zones = regions.get(region);
    if (parts.length === 1) {
      if (zones) return overlap();
      regions.set(region, new Map([['*', new Set(['*'])]]));
    } else if (!zones) {
      regions.set(region, new Map([[zone, new Set([subZone ?? '*'])]]));
    } else {
      if (zones.has('*')) return overlap();
      const subs = zones.get(zone);
      if (parts.length === 2) {
        if (subs) return overlap();
        zones.set(zone, new Set(['*']));
      } else if (!subs) zones.set(zone, new Set([subZone]));
      else {
        if (subs.has('*') || subs.has(subZone)) return overlap();
        subs.add(subZone);
      }
    }
  }
  return true;
}
