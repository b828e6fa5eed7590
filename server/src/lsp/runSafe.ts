/**
 * Every request handler runs through `runSafe`: a failing feature is logged
 * and answers with its empty result, a cancelled request answers with the
 * LSP cancellation error, and the server keeps serving. Params that break
 * the protocol's shapes (no `textDocument`, a negative position ...) are
 * refused with InvalidParams before they reach the core.
 */
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

export type Logger = (message: string) => void;

export function runSafe<T>(
  log: Logger,
  label: string,
  fallback: T,
  token: CancellationToken | undefined,
  fn: () => T,
): T | ResponseError<never> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = fn();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (e) {
    if (e instanceof RenameRefused) return new ResponseError<never>(ErrorCodes.InvalidRequest, e.message);
    if (e instanceof ResponseError) return e as ResponseError<never>;
    log(`${label} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return fallback;
  }
}

/** A rename the core refused, with the reason the user sees. */
export class RenameRefused extends Error {}

function cancelled(): ResponseError<never> {
  return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Runs a notification handler; an exception is logged, never thrown. */
export function runSafeNotification(log: Logger, label: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    log(`${label} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/** The parts of a request's params a handler reads, checked before use. */
export type ParamPart = 'textDocument' | 'position' | 'range' | 'newName' | 'query' | 'codeActionContext' | 'referenceContext';

/**
 * Throws InvalidParams (which `runSafe` passes on as the answer) when `params` lacks one
 * of `parts` or has it in the wrong shape. Positions are LSP `uinteger`s: a negative or
 * fractional line or character is refused; one past the end is clamped later, as the
 * protocol asks.
 */
export function checkParams(params: unknown, ...parts: ParamPart[]): void {
  const p = (params ?? {}) as Record<string, unknown>;
  for (const part of parts) {
    if (!PART_OK[part](p)) throw new ResponseError<never>(ErrorCodes.InvalidParams, `${PART_DESCRIPTION[part]} is missing or malformed`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isUint = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPosition = (v: unknown): boolean => isObject(v) && isUint(v.line) && isUint(v.character);

const PART_OK: Record<ParamPart, (p: Record<string, unknown>) => boolean> = {
  textDocument: (p) => isObject(p.textDocument) && typeof p.textDocument.uri === 'string',
  position: (p) => isPosition(p.position),
  range: (p) => isObject(p.range) && isPosition(p.range.start) && isPosition(p.range.end),
  newName: (p) => typeof p.newName === 'string',
  query: (p) => typeof p.query === 'string',
  codeActionContext: (p) => isObject(p.context) && Array.isArray(p.context.diagnostics),
  referenceContext: (p) => isObject(p.context) && typeof p.context.includeDeclaration === 'boolean',
};

const PART_DESCRIPTION: Record<ParamPart, string> = {
  textDocument: 'textDocument.uri',
  position: 'position (line and character, whole numbers from 0)',
  range: 'range (start and end positions)',
  newName: 'newName',
  query: 'query',
  codeActionContext: 'context.diagnostics',
  referenceContext: 'context.includeDeclaration',
};

/**
 * Test-only fault injection: makes the language service's `method` (e.g. `doHover`)
 * throw, so that a test can prove over LSP that one failing feature is logged and
 * answers empty while the others keep working. The server passes the value of the
 * ISTIO_YAML_FAULT environment variable; unset (always, in normal use) nothing changes.
 * Returns what to log once the connection is up, if anything.
 */
export function injectFault(service: object, method: string | undefined): string | undefined {
  if (!method) return undefined;
  const target = service as Record<string, unknown>;
  if (typeof target[method] !== 'function') return `ISTIO_YAML_FAULT=${method} names no language service method; ignored`;
  target[method] = () => {
    throw new Error(`fault injected into ${method} (ISTIO_YAML_FAULT)`);
  };
  return `ISTIO_YAML_FAULT=${method}: ${method} fails on every call`;
}
