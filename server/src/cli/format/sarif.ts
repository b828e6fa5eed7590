/**
 * SARIF 2.1.0 for code-scanning services (GitHub's upload-sarif and others):
 * one run, a rule per code seen, one result per finding with its location
 * relative to the working directory (`%SRCROOT%`). Files skipped for size
 * become tool execution notifications.
 */
import { pathToFileURL } from 'node:url';
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { CheckResult, CliDiagnostic, Level } from '../model';
import { HOMEPAGE, TOOL_NAME, VERSION } from '../version';
import { describeCode, helpUri } from './rules';

const SARIF_LEVEL: Record<Level, Result.level> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';

export function formatSarif(result: CheckResult, cwd: string): string {
  const codes = [...new Set(result.files.flatMap((f) => f.diagnostics.map((d) => d.code)))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const rules: ReportingDescriptor[] = codes.map((id) => ({ id, shortDescription: { text: describeCode(id) }, helpUri: helpUri(id) }));
  const results: Result[] = result.files.flatMap((f) => f.diagnostics.map((d) => toResult(f.path, d, ruleIndex.get(d.code) ?? 0)));
  const notifications: Notification[] = result.skipped.map((s) => ({
    level: 'note',
    message: { text: `Skipped ${s.path}: ${s.reason}` },
    locations: [{ physicalLocation: { artifactLocation: artifact(s.path) } }],
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: HOMEPAGE, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function toResult(path: string, d: CliDiagnostic, ruleIndex: number): Result {
  const location: Location = {
    physicalLocation: {
      artifactLocation: artifact(path),
      region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
    },
  };
  return {
    ruleId: d.code,
    ruleIndex,
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [location],
    ...(d.rule !== d.code ? { properties: { rule: d.rule } } : {}),
  };
}

function artifact(path: string): { uri: string; uriBaseId: string } {
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
