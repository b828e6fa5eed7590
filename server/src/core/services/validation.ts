/**
 * Diagnostics for a file. Only files that hold an Istio resource get any:
 * workflows, compose files and Helm values are none of our business.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { codeForYamlError, DIAGNOSTIC_SOURCE, ErrorCode } from '../codes';
import type { ParsedFile } from '../parser';
import type { YamlProblem } from '../yamlAst';

export function doValidation(document: TextDocument, file: ParsedFile): Diagnostic[] {
  if (!file.hasIstio) return [];
  const out: Diagnostic[] = [];
  for (const doc of file.docs) {
    for (const p of doc.problems) out.push(syntaxDiagnostic(document, file, p));
  }
  return out;
}

function syntaxDiagnostic(document: TextDocument, file: ParsedFile, p: YamlProblem): Diagnostic {
  const code = p.severity === 'warning' ? ErrorCode.YamlWarning : codeForYamlError(p.code, p.message);
  const [start, end] = refineRange(file.text, p.start, p.end);
  return {
    range: { start: document.positionAt(start), end: document.positionAt(end) },
    severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code,
    message: wordSyntaxMessage(code, p.message),
  };
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
