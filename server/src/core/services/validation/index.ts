/**
 * Diagnostics for a file. Only files that hold an Istio resource get any:
 * workflows, compose files and Helm values are none of our business.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { codeForYamlError, DIAGNOSTIC_SOURCE, ErrorCode } from '../../codes';
import { Reporter, shiftFindings, type Finding, type Severity } from '../../findings';
import { rebased, type ParsedDocument, type ParsedFile } from '../../parser';
import { resolveSchema } from '../../schema/resolve';
import { rootOf } from '../../schema/model';
import { mapGet, nodeRange, type YamlProblem } from '../../yamlAst';
import { aliasLimit, walk } from './structure';
import { checkKeysByLine } from './lineKeys';
import { checkSemantics } from './semantic';
import { unknownAnchorFindings } from './anchors';
import { DEFAULT_SETTINGS, type Settings } from '../../settings';
import type { WorkspaceIndex } from '../../workspace';
import { crossFileDiagnostics, crossFileSteps } from '../workspace/diagnostics';
import { filterTemplated, isChartTemplateUri } from '../../templates';
import { patchFilter } from '../../workspace/kustomize';

export function doValidation(document: TextDocument, file: ParsedFile, settings: Settings = DEFAULT_SETTINGS, workspace?: WorkspaceIndex): Diagnostic[] {
  if (!file.hasIstio) return [];
  if (file.limit) return [toDiagnostic(document, file.limit)]; // over a limit of core/limits.ts: the notice only
  const report = new Reporter();
  if (workspace && settings.crossFileChecks) {
    const indexed = workspace.get(document.uri);
    if (indexed && indexed.parsed === file) crossFileDiagnostics({ index: workspace, file: indexed, document, settings }, report);
  }
  // One at a time: spreading a document's findings into push() overflows the stack past ~100,000 of them.
  for (const doc of file.docs) for (const f of documentFindings(file, doc, settings)) report.findings.push(f);
  return capped(believable(report.findings, file, document.uri, workspace)).map((f) => toDiagnostic(document, f));
}

/**
 * doValidation's work in steps, one document's findings, then one
 * resource's cross-file findings, per step, for a caller that answers other
 * requests in between (the first validation of a big file). What a step
 * computes is kept with its document or resource, so doValidation afterwards
 * reuses it; the steps of an outdated parse may simply be dropped.
 */
export function* validationSteps(document: TextDocument, file: ParsedFile, settings: Settings = DEFAULT_SETTINGS, workspace?: WorkspaceIndex): Generator<void, void, void> {
  if (!file.hasIstio || file.limit) return;
  for (const doc of file.docs) {
    documentFindings(file, doc, settings);
    yield;
  }
  const indexed = workspace && settings.crossFileChecks ? workspace.get(document.uri) : undefined;
  if (workspace && indexed && indexed.parsed === file) yield* crossFileSteps({ index: workspace, file: indexed, document, settings });
}

/**
 * Most findings shown for one file. Past a few thousand, an editor's problem
 * list is unusable and slow; the rest are summed up in one notice.
 */
export const MAX_FINDINGS = 1000;

/**
 * One finding per rule and range (an aliased route used 5,000 times repeats
 * its problem 5,000 times at the anchor: said once), at most MAX_FINDINGS,
 * then a notice.
 */
function capped(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  let more = 0;
  let firstHidden: Finding | undefined;
  for (const f of findings) {
    const key = `${f.start}|${f.end}|${f.code}|${f.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length < MAX_FINDINGS) out.push(f);
    else {
      firstHidden ??= f;
      more++;
    }
  }
  if (firstHidden) {
    out.push({
      start: firstHidden.start,
      end: firstHidden.end,
      severity: 'info',
      code: ErrorCode.TooManyProblems,
      rule: ErrorCode.TooManyProblems,
      message: `${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'} in this file ${more === 1 ? 'is' : 'are'} not shown: only the first ${MAX_FINDINGS.toLocaleString('en-US')} are listed. Fix those, or split the file.`,
    });
  }
  return out;
}

/**
 * Drops what a template (core/templates/suppress.ts) or a Kustomize patch
 * (workspace/kustomize.ts: a partial resource) makes unreliable.
 */
function believable(findings: readonly Finding[], file: ParsedFile, uri: string, workspace?: WorkspaceIndex): Finding[] {
  const patch = workspace && patchFilter(workspace, uri);
  const chart = file.templated !== undefined && isChartTemplateUri(uri, workspace && ((u) => workspace.get(u) !== undefined));
  const out: Finding[] = [];
  for (const f of findings) {
    const kept = filterTemplated(file, f, chart);
    if (kept && (!patch || patch(kept, file.text))) out.push(kept);
  }
  return out;
}

/**
 * The findings of one document depend only on it and the settings, so they
 * are kept with the (reused-while-unchanged) parsed document: an edit
 * re-checks the edited document only; a document that merely moved gets its
 * findings shifted.
 */
const perDocument = new WeakMap<ParsedDocument, { key: string; base: number; value: readonly Finding[] }>();


function documentFindings(file: ParsedFile, doc: ParsedDocument, settings: Settings): readonly Finding[] {
  const key = `${settings.istioVersion}|${settings.defaultNamespace}`;
  const hit = perDocument.get(doc);
  if (hit && hit.key === key) return rebased(hit, doc.start, shiftFindings);
  const runaway = aliasLimit(doc);
  if (runaway) {
    perDocument.set(doc, { key, base: doc.start, value: runaway });
    return runaway;
  }
  const report = new Reporter();
  let lastStart = -1;
  let tabLineEnd = -1;
  for (const p of doc.problems) {
    if (p.start === lastStart) continue; // one message per spot: the parser's first is the clearest
    // After a tab in the indentation, what the parser says about the rest of that line follows from it.
    if (p.start < tabLineEnd) continue;
    lastStart = p.start;
    if (p.code === 'TAB_AS_INDENT') {
      const nl = file.text.indexOf('\n', p.start);
      tabLineEnd = nl < 0 ? file.text.length : nl;
    }
    report.findings.push(syntaxFinding(file.text, p));
  }
  const unknown = unknownAnchorFindings(doc);
  report.findings.push(...unknown);
  if (doc.resource?.kind === 'istio') validateResource(file, doc, report, settings);
  // What follows from an alias that resolves to nothing (a missing host, destination ...) is said by its own error.
  if (unknown.length > 0) dropAt(report.findings, unknown);
  perDocument.set(doc, { key, base: doc.start, value: report.findings });
  return report.findings;
}

function dropAt(findings: Finding[], errors: readonly Finding[]): void {
  const at = new Set(errors.map((e) => `${e.start}:${e.end}`));
  for (let i = findings.length - 1; i >= 0; i--) {
    if (at.has(`${findings[i].start}:${findings[i].end}`) && !errors.includes(findings[i])) findings.splice(i, 1);
  }
}

function validateResource(file: ParsedFile, doc: ParsedDocument, report: Reporter, settings: Settings): void {
  const resolved = resolveSchema(doc);
  if (!resolved.schema) {
    if (resolved.problem) report.add(resolved.problem.range, { severity: 'error', code: ErrorCode.UnknownResource, rule: 'unknown-resource', message: resolved.problem.message, data: resolved.problem.data });
    return;
  }
  if (doc.problems.some((p) => p.severity === 'error')) {
    checkKeysByLine(file, doc, resolved.schema, report);
    return;
  }
  const root = doc.yaml.contents;
  const anchor = nodeRange(mapGet(root, 'kind')?.value) ?? [doc.start, doc.start];
  walk({ doc: doc.yaml, report, aliasBudget: 1000 }, root, rootOf(resolved.schema), [], anchor);
  checkSemantics({ doc, schema: resolved.schema, report, settings });
}

function syntaxFinding(text: string, p: YamlProblem): Finding {
  const code = p.severity === 'warning' ? ErrorCode.YamlWarning : codeForYamlError(p.code, p.message);
  const [start, end] = refineRange(text, p.start, p.end);
  return { start, end, severity: p.severity, code, rule: code, message: wordSyntaxMessage(code, p.message) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(document: TextDocument, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: { start: document.positionAt(f.start), end: document.positionAt(f.end) },
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    message: f.message,
    data: { rule: f.rule, ...f.data },
  };
  if (/^IST\d{4}$/.test(f.code)) d.codeDescription = { href: `https://istio.io/latest/docs/reference/config/analysis/${f.code.toLowerCase()}/` };
  if (f.deprecated) d.tags = [DiagnosticTag.Deprecated];
  return d;
}

/**
 * The parser often points at a line's indentation, a single character or the
 * end of the file. Move such ranges onto the token they are about: the next
 * token on the same line, else the last token before them.
 */
export function refineRange(text: string, start: number, end: number): [number, number] {
  if (text.slice(start, end).trim() !== '' && end - start > 1) return [start, end];
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i < text.length && text[i] !== '\n' && text[i] !== '\r') return [i, tokenEnd(text, i)];
  let j = Math.min(start, text.length) - 1;
  while (j >= 0 && /\s/.test(text[j])) j--;
  if (j < 0) return [start, end];
  let k = j;
  while (k > 0 && !/\s/.test(text[k - 1])) k--;
  return [k, j + 1];
}

function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/\s/.test(text[i]) && !(text[i] === ':' && /\s|$/.test(text[i + 1] ?? ''))) i++;
  return Math.max(i, from + 1);
}

function wordSyntaxMessage(code: ErrorCode, message: string): string {
  switch (code) {
    case ErrorCode.YamlTabIndent:
      return 'Tab characters cannot be used for indentation in YAML; indent with spaces.';
    case ErrorCode.YamlDuplicateKey:
      return `${message.replace(/\.$/, '')}: the later value would silently replace the earlier one.`;
    default:
      return message;
  }
}
