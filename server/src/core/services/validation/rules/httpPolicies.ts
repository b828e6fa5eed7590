/**
 * The policies of an HTTP route: redirect, direct response, rewrite,
 * retries, fault injection and CORS.
 */
import { checkDuration, checkFraction, checkPortField, hasSubSecond } from './common';
import { bodySize, checkHttpStatus, checkRegexField, checkStringMatch, GRPC_STATUSES, headerNameProblem, isAuthorityHeader, isHttpMethod, unknownRetryPolicies } from './http';
import { entryString, error, warning, type Obj } from './view';

const KB = 1024;
const MB = 1024 * KB;

export function checkRedirect(http: Obj): void {
  const r = http.obj('redirect');
  if (!r) return;
  const rc = r.rc;
  if (!r.text('uri') && !r.text('authority') && !r.has('port') && !r.has('derivePort') && !r.text('scheme') && !r.text('prefixRewrite')) {
    error(rc, http.keyRange('redirect'), 'redirect-empty', 'A redirect must change something: set uri, prefixRewrite, authority, scheme or port.');
  }
  const code = r.num('redirectCode');
  if (code !== undefined && code !== 0 && (code < 300 || code > 399)) {
    error(rc, r.range('redirectCode'), 'redirect-code', `${code} is not a redirect status: use a 3xx code such as 301 or 302.`);
  }
  const scheme = r.str('scheme');
  if (scheme && scheme !== 'http' && scheme !== 'https') error(rc, r.range('scheme'), 'redirect-scheme', `The redirect scheme must be "http" or "https", not "${scheme}".`);
  if ((r.num('port') ?? 0) > 0) checkPortField(r, 'port', 'Redirect port');
  if (r.text('uri') && r.text('prefixRewrite')) {
    error(rc, r.keyRange('prefixRewrite'), 'redirect-uri-conflict', 'A redirect sets either "uri" or "prefixRewrite", not both.');
  }
  if (r.text('prefixRewrite') !== undefined) {
    for (const { obj: m } of http.objects('match')) {
      const uri = m?.obj('uri');
      if (uri && (uri.has('exact') || uri.has('regex'))) {
        error(rc, m!.keyRange('uri'), 'redirect-prefix-match', 'redirect.prefixRewrite replaces a matched prefix: every uri match of this route must be a prefix match.');
      }
    }
  }
}

export function checkDirectResponse(dr: Obj | undefined): void {
  if (!dr) return;
  const body = dr.obj('body');
  const size = body ? bodySize(body) : undefined;
  if (body && size !== undefined) {
    const key = body.has('string') ? 'string' : 'bytes';
    if (size > MB) error(dr.rc, body.keyRange(key), 'direct-response-size', `The direct response body is ${size} bytes: it must be at most 1 MiB (${MB} bytes).`);
    else if (size > 100 * KB) warning(dr.rc, body.keyRange(key), 'direct-response-size', `The direct response body is ${Math.round(size / KB)} KiB: bodies this large weigh on the control plane.`);
  }
  const status = dr.num('status');
  if (status !== undefined) checkHttpStatus(dr.rc, dr.range('status'), status, 'The direct response status');
}

export function checkRewrite(rw: Obj | undefined): void {
  if (!rw) return;
  const rc = rw.rc;
  const regex = rw.obj('uriRegexRewrite');
  if (rw.text('uri') && rw.has('uriRegexRewrite')) {
    error(rc, rw.keyRange('uriRegexRewrite'), 'rewrite-conflict', 'A rewrite sets either "uri" or "uriRegexRewrite", not both.');
  }
  if (!rw.text('uri') && !rw.has('uriRegexRewrite') && !rw.text('authority')) {
    error(rc, rw.anchor, 'rewrite-empty', 'A rewrite must change something: set uri, uriRegexRewrite or authority.');
  }
  if (regex) {
    if (!regex.text('match') || !regex.text('rewrite')) {
      error(rc, rw.keyRange('uriRegexRewrite'), 'rewrite-regex', 'uriRegexRewrite needs both "match" (an RE2 regex) and "rewrite".');
    }
    if (regex.text('match')) checkRegexField(regex, 'match');
  }
}

/** The authority may be rewritten in one place only: rewrite.authority or a `:authority`/`host` header. */
export function checkAuthorityRewrite(http: Obj): void {
  const rewritten = http.obj('rewrite')?.text('authority');
  let current = rewritten;
  const request = http.obj('headers')?.obj('request');
  for (const op of ['set', 'add']) {
    for (const e of request?.entries(op) ?? []) {
      if (!isAuthorityHeader(e.key)) continue;
      const value = entryString(e) ?? '';
      if (current) error(http.rc, e.keyRange, 'authority-conflict', `The authority is already rewritten to "${current}": it cannot also be set to "${value}" here.`);
      current = value;
    }
  }
}

export function checkRetries(r: Obj | undefined): void {
  if (!r) return;
  const rc = r.rc;
  const attempts = r.num('attempts') ?? 0;
  if (attempts < 0) error(rc, r.range('attempts'), 'retry-attempts', `attempts cannot be negative (it is ${attempts}).`);
  if (attempts === 0) {
    const key = ['perTryTimeout', 'retryOn', 'retryRemoteLocalities'].find((k) => (k === 'retryOn' ? r.text(k) !== undefined : r.has(k)));
    if (key) {
      const where = r.present('attempts') ? r.range('attempts') : r.keyRange(key);
      error(rc, where, 'retry-disabled', `Retries are off while attempts is 0, so "${key}" has no effect: set attempts, or remove the retry settings.`);
    }
  }
  checkDuration(r, 'perTryTimeout');
  checkDuration(r, 'backoff');
  const retryOn = r.text('retryOn');
  if (retryOn !== undefined) {
    const bad = unknownRetryPolicies(retryOn);
    if (bad.length > 0) {
      const trimmed = retryOn.split(',').map((p) => p.trim()).join(',');
      const fixable = trimmed !== retryOn && unknownRetryPolicies(trimmed).length === 0;
      error(rc, r.range('retryOn'), 'retry-on', `${bad.map((p) => `"${p}"`).join(', ')} ${bad.length === 1 ? 'is not a retry condition' : 'are not retry conditions'} Envoy knows (e.g. 5xx, gateway-error, connect-failure, retriable-4xx, or an HTTP status code); separate them with "," and no spaces.`, fixable ? { replacement: trimmed } : undefined);
    }
  }
}

export function checkFault(f: Obj | undefined): void {
  if (!f) return;
  const rc = f.rc;
  const abort = f.obj('abort');
  const delay = f.obj('delay');
  if (!f.has('abort') && !f.has('delay')) error(rc, f.anchor, 'fault-empty', 'A fault needs an "abort", a "delay", or both.');
  if (abort) {
    checkFraction(abort, 'percentage');
    if (abort.has('grpcStatus')) {
      const status = abort.str('grpcStatus');
      if (status !== undefined && !GRPC_STATUSES.has(status)) {
        error(rc, abort.range('grpcStatus'), 'grpc-status', `"${status}" is not a gRPC status name: use one such as NOT_FOUND, UNAVAILABLE or DEADLINE_EXCEEDED.`);
      }
    } else if (abort.has('http2Error')) {
      error(rc, abort.keyRange('http2Error'), 'fault-http2-error', 'Aborting with an HTTP/2 error is not supported yet: use httpStatus or grpcStatus.');
    } else if (abort.has('httpStatus')) {
      const status = abort.num('httpStatus');
      if (status !== undefined) checkHttpStatus(rc, abort.range('httpStatus'), status, 'The abort status');
    } else {
      error(rc, f.keyRange('abort'), 'fault-abort-type', 'The abort fault needs httpStatus, grpcStatus or http2Error.');
    }
  }
  if (delay) {
    checkFraction(delay, 'percentage');
    checkDuration(delay, 'fixedDelay');
    if (delay.has('exponentialDelay')) {
      checkDuration(delay, 'exponentialDelay');
      error(rc, delay.keyRange('exponentialDelay'), 'fault-exponential-delay', 'exponentialDelay is not supported yet: use fixedDelay.');
    }
  }
}

export function checkCors(c: Obj | undefined): void {
  if (!c) return;
  const rc = c.rc;
  for (const { obj: origin, entry } of c.objects('allowOrigins')) {
    const key = ['exact', 'prefix', 'regex'].find((k) => origin?.present(k));
    const value = key === undefined ? '' : origin?.str(key) ?? '';
    if (value === '') {
      const range = origin && key ? origin.range(key) : origin?.anchor ?? entry.range;
      error(rc, range, 'cors-origin', 'An allowed origin needs a non-empty exact, prefix or regex value.');
      continue;
    }
    checkStringMatch(rc, origin, 'corsPolicy.allowOrigins');
  }
  for (const m of c.strings('allowMethods')) {
    if (!isHttpMethod(m.value)) error(rc, m.range, 'cors-method', `"${m.value}" is not an HTTP method (GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE).`);
  }
  for (const key of ['allowHeaders', 'exposeHeaders']) {
    for (const h of c.strings(key)) {
      const problem = headerNameProblem(h.value, { cors: true });
      if (problem) error(rc, h.range, 'header-name', problem);
    }
  }
  checkDuration(c, 'maxAge');
  const maxAge = c.str('maxAge');
  if (maxAge !== undefined && hasSubSecond(maxAge)) {
    error(rc, c.range('maxAge'), 'cors-max-age', `maxAge is sent to browsers in whole seconds: "${maxAge}" has a fractional part.`);
  }
}
