/**
 * Checks every input as ONE workspace, as the editor does: all files are
 * parsed and indexed first, then each is validated, so cross-file checks
 * see every other file. Suppressions (flags and annotations) are applied to
 * the findings here. A failure on one file becomes a finding on that file.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService, type IndexedFile, type ParsedFile, type Settings } from '../core/languageService';
import { BatchWorkspaceIndex } from './batchIndex';
import type { CheckResult, CliDiagnostic, FileReport, Level, Skipped } from './model';
import type { Loaded } from './read';
import { isSuppressed, type ResourceId, type Suppression } from './suppress';

/** Codes only the command line reports (the core's are in core/codes.ts). */
export const enum CliCode {
  FileUnreadable = 'file-unreadable',
  InternalError = 'internal-error',
}

export interface Source {
  readonly path: string;
  readonly uri: string;
  readonly loaded: Loaded;
}

export interface AnalyzeOptions {
  readonly settings: Settings;
  readonly suppress: readonly Suppression[];
  readonly onProgress?: (phase: 'parsing' | 'checking', done: number, total: number) => void;
}

interface Parsed {
  readonly source: Source;
  readonly text: string;
  parsed?: ParsedFile;
  indexed?: IndexedFile;
  failure?: CliDiagnostic;
}

export function analyze(sources: readonly Source[], opts: AnalyzeOptions): CheckResult {
  const service = getLanguageService({ workspace: new BatchWorkspaceIndex(opts.settings.defaultNamespace) });
  const skipped: Skipped[] = [];
  const files: FileReport[] = [];
  const texts: Parsed[] = [];
  for (const source of sources) {
    const l = source.loaded;
    if (l.kind === 'skipped') skipped.push({ path: source.path, reason: l.reason });
    else if (l.kind === 'unreadable') files.push({ path: source.path, diagnostics: [point(l.line, l.column, CliCode.FileUnreadable, l.reason)] });
    else texts.push({ source, text: l.text });
  }
  texts.forEach((t, i) => {
    try {
      t.parsed = service.parseFile(t.text);
      t.indexed = service.indexFile(t.source.uri, t.parsed);
    } catch (e) {
      t.failure = internalError('parsing', e);
    }
    opts.onProgress?.('parsing', i + 1, texts.length);
  });
  texts.forEach((t, i) => {
    files.push({ path: t.source.path, diagnostics: t.failure ? [t.failure] : validate(service, t, opts) });
    opts.onProgress?.('checking', i + 1, texts.length);
  });
  const order = new Map(sources.map((s, i) => [s.path, i]));
  files.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  return { files, skipped };
}

function validate(service: ReturnType<typeof getLanguageService>, t: Parsed, opts: AnalyzeOptions): CliDiagnostic[] {
  const document = TextDocument.create(t.source.uri, 'yaml', 1, t.text);
  let diagnostics: Diagnostic[];
  try {
    diagnostics = t.parsed ? service.doValidation(document, t.parsed, opts.settings) : [];
  } catch (e) {
    return [internalError('checking', e)];
  }
  return diagnostics
    .map((d) => ({ d, cli: toCli(d) }))
    .filter(({ d, cli }) => !isSuppressed([cli.code, cli.rule], resourceAt(t.indexed, document.offsetAt(d.range.start)), opts.suppress))
    .map(({ cli }) => cli)
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function resourceAt(file: IndexedFile | undefined, offset: number): ResourceId | undefined {
  let found: ResourceId | undefined;
  for (const r of file?.resources ?? []) if (r.range[0] <= offset && offset <= r.range[1]) found = r;
  return found;
}

const LEVEL: Record<number, Level> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

function toCli(d: Diagnostic): CliDiagnostic {
  const code = String(d.code ?? 'unknown');
  const rule = (d.data as { rule?: unknown } | undefined)?.rule;
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: LEVEL[d.severity ?? 1] ?? 'error',
    code,
    rule: typeof rule === 'string' ? rule : code,
    message: d.message,
  };
}

function point(line: number, column: number, code: CliCode, message: string): CliDiagnostic {
  return { line, column, endLine: line, endColumn: column + 1, severity: 'error', code, rule: code, message };
}

function internalError(phase: string, e: unknown): CliDiagnostic {
  const why = e instanceof Error ? e.message : String(e);
  return point(1, 1, CliCode.InternalError, `internal error while ${phase} this file (please report it): ${why}`);
}
