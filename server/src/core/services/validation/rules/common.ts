/**
 * Value checks shared by every kind: durations, ports, percentages,
 * non-negative counts. Each reports at the value it is about.
 */
import { error, type Obj, type Range, type RuleContext } from './view';

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MS = 1_000_000n;
const MAX_NS = 9_223_372_036_854_775_807n;

/**
 * Parses a duration the way Go's time.ParseDuration does (`1.5s`, `100ms`,
 * `1h30m`, `0`), in nanoseconds; undefined when the text is not one.
 */
export function parseDuration(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?([a-zµμ]+)/;
  while (s !== '') {
    const m = part.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
    const unit = UNIT_NS[m[3]];
    if (unit === undefined) return undefined;
    let ns = BigInt(m[1] || '0') * unit;
    if (m[2]) ns += (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length);
    total += ns;
    if (total > MAX_NS) return undefined;
    s = s.slice(m[0].length);
  }
  return negative ? -total : total;
}

export interface DurationOptions {
  /** `0s` is allowed (it switches the feature off). */
  readonly allowZero?: boolean;
}

/** Checks a duration field: its form, at least 1ms, whole milliseconds. */
export function checkDuration(o: Obj, key: string, opts: DurationOptions = {}): void {
  const text = o.str(key);
  if (text === undefined) return; // absent, or not a string (the structural walk says so)
  // Where the CRD has the "at least 1ms" CEL rule, the structural walk reports form and minimum.
  const precisionOnly = o.celRules(key).includes(CEL_MIN_DURATION);
  checkDurationText(o.rc, o.range(key), text, o.sub(key), { ...opts, precisionOnly });
}

const CEL_MIN_DURATION = "duration(self) >= duration('1ms')";

export function checkDurationText(rc: RuleContext, range: Range | undefined, text: string, where: string, opts: DurationOptions & { precisionOnly?: boolean } = {}): void {
  const ns = parseDuration(text);
  if (opts.precisionOnly) {
    if (ns !== undefined && ns >= MS && ns % MS !== 0n) error(rc, range, 'duration-precision', precisionMessage(text));
    return;
  }
  if (ns === undefined) {
    error(rc, range, 'duration-format', `"${text}" is not a duration: write a number followed by a unit, such as 500ms, 1.5s, 5m or 1h (in "${where}").`);
    return;
  }
  if (ns === 0n && opts.allowZero) return;
  if (ns < MS) {
    error(rc, range, 'duration-min', `The duration "${text}" is too short: "${where}" must be at least 1ms.`);
    return;
  }
  if (ns % MS !== 0n) error(rc, range, 'duration-precision', precisionMessage(text));
}

function precisionMessage(text: string): string {
  return `The duration "${text}" has sub-millisecond digits: Istio only supports whole milliseconds here.`;
}

/** True when the text parses as a duration with a fractional second part. */
export function hasSubSecond(text: string): boolean {
  const ns = parseDuration(text);
  return ns !== undefined && ns % 1_000_000_000n !== 0n;
}

/** Ports are 1..65535. */
export function validPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

export function checkPort(rc: RuleContext, range: Range | undefined, n: number, what = 'Port'): void {
  if (!validPort(n)) error(rc, range, 'port-range', `${what} ${n} is out of range: use a number from 1 to 65535.`);
}

/** A port number field (`number`, `port`, `targetPort` ...): absent is left alone. */
export function checkPortField(o: Obj, key: string, what = 'Port'): void {
  const n = o.num(key);
  if (n === undefined || o.celRules(key).includes(CEL_PORT)) return; // the structural walk checks the CEL rule
  checkPort(o.rc, o.range(key), n, what);
}

const CEL_PORT = '0 < self && self <= 65535';

/** An integer percentage, 0..100. */
export function checkPercent(o: Obj, key: string): void {
  const n = o.num(key);
  if (n !== undefined && (n < 0 || n > 100)) {
    error(o.rc, o.range(key), 'percentage', `"${key}" is a percentage: ${n} is not in 0..100.`);
  }
}

/** A fractional `Percent` message (`{ value: 0.5 }`): 0, or 0.0001..100. */
export function checkFraction(o: Obj, key: string): void {
  const p = o.obj(key);
  const v = p?.num('value');
  if (p === undefined || v === undefined) return;
  if (v < 0 || v > 100 || (v > 0 && v < 0.0001)) {
    error(o.rc, p.range('value'), 'percentage', `The percentage ${v} must be 0 or between 0.0001 and 100.`);
  }
}

/** Counts that the proto types as signed but that cannot be negative. */
export function checkNonNegative(o: Obj, keys: readonly string[]): void {
  for (const key of keys) {
    const n = o.num(key);
    if (n !== undefined && n < 0) error(o.rc, o.range(key), 'non-negative', `"${key}" cannot be negative (it is ${n}).`);
  }
}
