/**
 * Names and addresses: DNS labels, host names with wildcards, IP addresses
 * and CIDR blocks, Kubernetes label maps. The functions return what is wrong
 * (a sentence) or undefined; the callers decide where and how to report.
 */

const LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

/** An RFC 1123 label (letters of either case, digits, inner dashes; at most 63). */
export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && LABEL.test(s);
}

/** A label, `*`, or a label led by `*` or `*-` (`*foo`, `*-foo`). */
export function isWildcardLabel(s: string): boolean {
  return s.length <= 63 && WILDCARD_LABEL.test(s);
}

function preconditions(name: string): string | undefined {
  if (name.length > 255) return `The name "${name.slice(0, 40)}…" is too long: at most 255 characters.`;
  if (name.length === 0) return 'The host name is empty.';
  return undefined;
}

function labelsProblem(domain: string, whole: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1];
  if (/^[+-]?\d+$/.test(tld)) return `"${whole}" is not a valid DNS name: the last label "${tld}" cannot be all digits.`;
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined; // `istio.io.` is allowed
    if (!isDns1123Label(parts[i])) return `"${whole}" is not a valid DNS name: the label "${parts[i]}" is invalid.`;
  }
  return undefined;
}

/** A fully qualified DNS name (no wildcard). */
export function fqdnProblem(name: string): string | undefined {
  return preconditions(name) ?? labelsProblem(name, name);
}

/** A DNS name whose first label may be a wildcard (`*.example.com`, `*foo.example.com`). */
export function wildcardDomainProblem(name: string): string | undefined {
  const pre = preconditions(name);
  if (pre) return pre;
  const dot = name.indexOf('.');
  const first = dot < 0 ? name : name.slice(0, dot);
  if (!isWildcardLabel(first)) {
    const hint = first.includes('*') ? ' (a wildcard may only be "*", or lead the first label: "*.example.com")' : '';
    return `"${name}" is not a valid host name: the label "${first}" is invalid${hint}.`;
  }
  return dot < 0 ? undefined : labelsProblem(name.slice(dot + 1), name);
}

/** `*` alone or `*.` in front is the only wildcard a Gateway or Sidecar host may use. */
export function partialWildcardProblem(host: string): string | undefined {
  if (host.includes('*') && host.length !== 1 && !host.startsWith('*.')) {
    return `"${host}" uses a partial wildcard: only "*" or a leading "*." is allowed here.`;
  }
  return undefined;
}

/**
 * The host of a VirtualService bound to gateways: SNI names that the mesh
 * generates for AUTO_PASSTHROUGH (`outbound_.80_._.svc.ns.svc.cluster.local`)
 * are accepted as well.
 */
export function gatewayBoundHostProblem(name: string, sni: boolean): string | undefined {
  const pre = preconditions(name);
  if (pre) return pre;
  if (sni && name.startsWith('outbound_')) {
    const parts = name.split('_');
    const format = 'outbound_.<PORT>_._.<HOSTNAME>';
    if (parts.length < 4) return `"${name}" does not follow the ${format} form.`;
    if (parts[0] !== 'outbound') return `"${name}" does not follow the ${format} form.`;
    if (!/[0-9]/.test(trimDots(parts[1]))) return `"${name}" does not follow the ${format} form: "${trimDots(parts[1])}" is not a port.`;
    if (!/[a-zA-Z]/.test(trimDots(parts[3]))) return `"${name}" does not follow the ${format} form: "${trimDots(parts[3])}" is not a host name.`;
    return undefined;
  }
  return wildcardDomainProblem(name);
}

function trimDots(s: string): string {
  return s.replace(/^\.+|\.+$/g, '');
}

/** An IPv4 (dotted decimal, no leading zeros) or IPv6 address, as Go's netip.ParseAddr takes it. */
export function isIpAddress(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  const zone = s.indexOf('%');
  if (zone >= 0) {
    if (zone === s.length - 1) return false;
    s = s.slice(0, zone);
  }
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIPv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

/** An address or a CIDR block (`10.0.0.0/8`, `2001:db8::/32`). */
export function subnetProblem(s: string): string | undefined {
  const slashes = s.split('/').length - 1;
  if (slashes === 1) {
    const [addr, bits] = s.split('/');
    const max = isIPv4(addr) ? 32 : isIPv6(addr) && !addr.includes('%') ? 128 : -1;
    if (max < 0 || !/^(0|[1-9]\d*)$/.test(bits) || Number(bits) > max) return `"${s}" is not a valid CIDR block.`;
    return undefined;
  }
  return isIpAddress(s) ? undefined : `"${s}" is not a valid IP address.`;
}

const LABEL_KEY = /^(?:[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*\/)?((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const LABEL_VALUE = /^(?:(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A Kubernetes label key (`app`, `example.com/tier`). */
export function labelKeyProblem(key: string): string | undefined {
  const m = LABEL_KEY.exec(key);
  if (!m) return `"${key}" is not a valid label key.`;
  const prefix = key.length - m[1].length - 1;
  if (prefix > 253) return `The prefix of the label key "${key}" is too long (at most 253 characters).`;
  if (m[1].length > 63) return `The name part of the label key "${key}" is too long (at most 63 characters).`;
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  return LABEL_VALUE.test(value) ? undefined : `"${value}" is not a valid label value.`;
}

function isWildcarded(h: string): boolean {
  return h.startsWith('*');
}

/** Two hosts overlap: one is the other, or a wildcard of one covers the other. */
export function hostsOverlap(a: string, b: string): boolean {
  if (isWildcarded(a)) {
    if (isWildcarded(b)) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
    return b.endsWith(a.slice(1));
  }
  if (isWildcarded(b)) return a.endsWith(b.slice(1));
  return a === b;
}

/**
 * For each host of a list, the first host listed before it that overlaps it
 * (or undefined), as `hosts.slice(0, j).find(h => hostsOverlap(h, hosts[j]))`
 * would say, but near-linear: plain names only overlap equal names, so only
 * wildcards are compared one by one.
 */
export function earlierOverlaps<T extends { readonly value: string }>(hosts: readonly T[]): (T | undefined)[] {
  const firstExact = new Map<string, number>();
  const wildcards: number[] = [];
  return hosts.map((h, j) => {
    let found = -1;
    if (isWildcarded(h.value)) {
      for (let i = 0; i < j && found < 0; i++) if (hostsOverlap(hosts[i].value, h.value)) found = i;
      wildcards.push(j);
    } else {
      found = firstExact.get(h.value) ?? -1;
      for (const i of wildcards) {
        if (found >= 0 && i > found) break;
        if (hostsOverlap(hosts[i].value, h.value)) {
          found = i;
          break;
        }
      }
      if (!firstExact.has(h.value)) firstExact.set(h.value, j);
    }
    return found >= 0 ? hosts[found] : undefined;
  });
}

/** Every name `a` matches is also matched by `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  if (isWildcarded(a)) return isWildcarded(b) && a.length >= b.length && a.slice(1).endsWith(b.slice(1));
  if (isWildcarded(b)) return a.endsWith(b.slice(1));
  return a === b;
}
