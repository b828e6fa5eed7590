/**
 * The JSON format, version 1 (documented in server/README.md; a change to
 * the shape bumps `version`). Lines and columns are 1-based, end columns
 * exclusive, columns in UTF-16 code units.
 */
import { summarize, type CheckResult, type CliDiagnostic, type Skipped, type Summary } from '../model';
import { TOOL_NAME, VERSION } from '../version';

export interface JsonReport {
  readonly version: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly files: readonly { readonly path: string; readonly diagnostics: readonly CliDiagnostic[] }[];
  readonly skipped: readonly Skipped[];
  readonly summary: Summary;
}

export function formatJson(result: CheckResult): string {
  const report: JsonReport = {
    version: 1,
    tool: { name: TOOL_NAME, version: VERSION },
    files: result.files.map((f) => ({
      path: f.path,
      diagnostics: f.diagnostics.map((d) => ({
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        severity: d.severity,
        code: d.code,
        rule: d.rule,
        message: d.message,
      })),
    })),
    skipped: result.skipped,
    summary: summarize(result),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
