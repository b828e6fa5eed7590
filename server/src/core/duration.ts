/**
 * Durations as Kubernetes and istiod read them (Go's time.ParseDuration):
 * a sequence of decimal numbers with units, `1h30m`, `1.5s`, `250ms`.
 */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let sign = 1;
  let i = 0;
  if (t[0] === '-' || t[0] === '+') {
    sign = t[0] === '-' ? -1 : 1;
    i = 1;
  }
  if (i >= t.length) return undefined;
  let total = 0;
  re.lastIndex = i;
  while (re.lastIndex < t.length) {
    const m = re.exec(t);
    if (!m) return undefined;
    total += parseFloat(m[1]) * UNIT_MS[m[2]];
  }
  return sign * total;
}
