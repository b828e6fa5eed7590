/**
 * Every request handler runs through `runSafe`: a failing feature is logged
 * and answers with its empty result, a cancelled request answers with the
 * LSP cancellation error, and the server keeps serving.
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
