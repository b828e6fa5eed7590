/**
 * What the checker reports, independent of the output format: one entry per
 * checked file with its findings (1-based lines and columns, end column
 * exclusive, columns in UTF-16 code units as in LSP and SARIF).
 */
export type Level = 'error' | 'warning' | 'info';

export const LEVELS: readonly Level[] = ['error', 'warning', 'info'];

export interface CliDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Level;
  readonly code: string;
  /** Our finer rule id (equal to the code where there is no finer one). */
  readonly rule: string;
  readonly message: string;
}

export interface FileReport {
  /** The path as shown: relative to the working directory, `/`-separated; `-` for stdin. */
  readonly path: string;
  readonly diagnostics: readonly CliDiagnostic[];
}

/** A file that was not checked (too large), with why. */
export interface Skipped {
  readonly path: string;
  readonly reason: string;
}

export interface Summary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly skipped: number;
}

export interface CheckResult {
  readonly files: readonly FileReport[];
  readonly skipped: readonly Skipped[];
}

/** Is `level` at least as severe as `threshold`? */
export function reaches(level: Level, threshold: Level): boolean {
  return LEVELS.indexOf(level) <= LEVELS.indexOf(threshold);
}

export function summarize(result: CheckResult): Summary {
  const count = (l: Level) => result.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === l).length, 0);
  return { files: result.files.length, errors: count('error'), warnings: count('warning'), infos: count('info'), skipped: result.skipped.length };
}

/** Does any finding reach the `--fail-on` level? */
export function fails(result: CheckResult, failOn: Level): boolean {
  return result.files.some((f) => f.diagnostics.some((d) => reaches(d.severity, failOn)));
}
