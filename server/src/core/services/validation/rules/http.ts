/**
 * HTTP-level values: header names and values (Envoy's `%VAR%` syntax),
 * regular expressions with RE2 semantics (what Envoy runs), string matches,
 * methods, status codes, retry policies.
 */
import { RE2JS } from 're2js';
import { error, type Obj, type Range, type RuleContext } from './view';

const HEADER_NAME = /^[-_A-Za-z0-9]+$/;

/** A header name in a match or a CORS list: a token of letters, digits, `-` and `_`. */
export function headerNameProblem(name: string, opts: { cors?: boolean; jwtClaim?: boolean } = {}): string | undefined {
  if (name === '') return 'A header name cannot be empty.';
  if (opts.cors && name === '*') return undefined;
  if (opts.jwtClaim && isJwtClaimRoute(name)) return undefined;
  if (!HEADER_NAME.test(name)) return `"${name}" is not a valid header name: use letters, digits, "-" and "_".`;
  return undefined;
}

/** `@request.auth.claims.<name>` (or `@request.auth.claims[a][b]`): routing on a JWT claim. */
export function isJwtClaimRoute(name: string): boolean {
  const prefix = '@request.auth.claims';
  if (!name.toLowerCase().startsWith(prefix)) return false;
  const rest = name.slice(prefix.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

/**
 * A header name in `headers.request/response` operations. `:authority` and
 * `host` may be set or added on requests; pseudo-headers and `host` may not
 * be touched otherwise.
 */
export function headerOperationProblem(name: string, canSetAuthority: boolean): string | undefined {
  if (name === '') return 'A header name cannot be empty.';
  const internal = name.startsWith(':') || name.toLowerCase() === 'host';
  if (canSetAuthority) return internal && !isAuthorityHeader(name) ? `The header "${name}" cannot be changed: names starting with ":" are reserved.` : undefined;
  if (name.toLowerCase() === 'host') return 'The Host header cannot be set or removed here.';
  if (internal) return `The header "${name}" cannot be changed: names starting with ":" are reserved.`;
  return undefined;
}

export function isAuthorityHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === ':authority' || lower === 'host';
}

/** A header value for Envoy: no control characters, `%` escaped as `%%` unless it opens a `%VARIABLE%`. */
export function headerValueProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000A-\u001F\u007F]/.test(value)) return 'The header value contains control characters.';
  const fail = (why: string) => `Invalid header value "${value}": ${why}`;
  type State = 'literal' | 'name' | 'array' | 'string' | 'delim' | 'str' | 'argsEnd' | 'varEnd';
  let state: State = 'literal';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    switch (state) {
      case 'literal':
        if (ch !== '%') break;
        if (i + 1 >= value.length) return fail('a lone "%" must be written "%%".');
        if (value[i + 1] === '%') i++;
        else state = 'name';
        break;
      case 'name':
        if (ch === '%') state = 'literal';
        else if (ch === '(') state = 'array';
        break;
      case 'array':
        if (ch === '[') state = 'string';
        else if (ch !== ' ') state = 'str';
        break;
      case 'delim':
        if (ch === ',') state = 'string';
        else if (ch === ']') state = 'argsEnd';
        else if (ch !== ' ') return fail('expected "," or "]" in the variable arguments.');
        break;
      case 'string':
        if (ch === '"') state = 'str';
        else if (ch !== ' ') return fail('expected a quoted string in the variable arguments.');
        break;
      case 'str':
        if (ch === '\\') {
          if (i + 1 >= value.length) return fail('unterminated backslash escape.');
          i++;
        } else if (ch === ')') state = 'varEnd';
        else if (ch === '"') state = 'delim';
        break;
      case 'argsEnd':
        if (ch === ')') state = 'varEnd';
        else if (ch !== ' ') return fail('expected ")" after the variable arguments.');
        break;
      case 'varEnd':
        if (ch === '%') state = 'literal';
        else if (ch !== ' ') return fail('expected "%" to close the variable.');
        break;
    }
  }
  if (state !== 'literal') return fail('a "%" opens a variable that is never closed; write "%%" for a literal percent sign.');
  return undefined;
}

const regexCache = new Map<string, string | undefined>();

/** What RE2 (as Envoy and istiod use it) says about a pattern, or undefined when it compiles. */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > 1024) return 'The regular expression is too long: at most 1024 characters.';
  if (regexCache.has(pattern)) return regexCache.get(pattern);
  let problem: string | undefined;
  try {
    RE2JS.compile(pattern);
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
    problem = `Invalid RE2 regular expression: ${detail}. Istio uses RE2 syntax (no lookaround or backreferences).`;
  }
  if (regexCache.size > 500) regexCache.clear();
  regexCache.set(pattern, problem);
  return problem;
}

/** Checks a regex string field. */
export function checkRegexField(o: Obj, key: string): void {
  const re = o.str(key);
  if (re === undefined) return;
  const problem = regexProblem(re);
  if (problem) error(o.rc, o.range(key), 'regex', problem);
}

/**
 * A StringMatch (`exact` / `prefix` / `regex`). An empty regex is never
 * useful; an empty prefix is rejected except for `uri` (Envoy takes it there).
 */
export function checkStringMatch(rc: RuleContext, m: Obj | undefined, where: string, opts: { allowEmptyPrefix?: boolean } = {}): void {
  if (!m) return;
  if (!opts.allowEmptyPrefix && m.str('prefix') === '') {
    error(rc, m.range('prefix'), 'empty-match', `An empty prefix is not allowed in a "${where}" match: give a non-empty prefix, or remove the condition.`);
  }
  const re = m.str('regex');
  if (re === '') error(rc, m.range('regex'), 'empty-match', `An empty regex is not allowed in a "${where}" match.`);
  else if (re !== undefined) checkRegexField(m, 'regex');
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE']);

export function isHttpMethod(m: string): boolean {
  return METHODS.has(m);
}

export function checkHttpStatus(rc: RuleContext, range: Range | undefined, status: number, what: string): void {
  if (status < 200 || status > 599) error(rc, range, 'http-status', `${what} ${status} is not an HTTP status from 200 to 599.`);
}

export const GRPC_STATUSES = new Set([
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
]);

const RETRY_ON = new Set([
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'retriable-4xx', 'refused-stream', 'retriable-status-codes',
  'retriable-headers', 'envoy-ratelimited', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
]);

/** The status codes Go's net/http has a name for (istiod accepts them in retryOn). */
const KNOWN_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

/** The policies of a retryOn list that Envoy does not know. */
export function unknownRetryPolicies(retryOn: string): string[] {
  return retryOn.split(',').filter((p) => !RETRY_ON.has(p) && !(/^[+-]?\d+$/.test(p) && KNOWN_STATUS.has(Number(p))));
}

/** Size in bytes of a direct response body (`string`, or base64 `bytes`). */
export function bodySize(body: Obj): number | undefined {
  const s = body.str('string');
  if (s !== undefined) return new TextEncoder().encode(s).length;
  const b = body.str('bytes');
  if (b === undefined) return undefined;
  const clean = b.replace(/\s+/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}
