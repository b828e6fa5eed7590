/**
 * What the quick fixes share: the request they answer, building a CodeAction
 * from offset edits (in this file or another indexed one), finding the pair
 * a diagnostic points at, and the indentation a file uses.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { ParsedDocument, ParsedFile } from '../../parser';
import type { IndexedFile, WorkspaceIndex } from '../../workspace';
import { isMap, isScalar, isSeq, nodeRange, type Pair, type YAMLMap } from '../../yamlAst';

export interface FixContext {
  readonly document: TextDocument;
  readonly file: ParsedFile;
  readonly index: WorkspaceIndex;
  /** The document's file as indexed (the same parse as `file`). */
  readonly indexed: IndexedFile;
}

/** A quick fix: the actions that fix one diagnostic (none when it cannot be fixed from here). */
export type Fix = (ctx: FixContext, diagnostic: Diagnostic) => CodeAction[];

/** An edit by offsets into the text of `uri`. */
export interface OffsetEdit {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A quickfix CodeAction; offsets become positions through each file's TextDocument, new lines follow the file's. */
export function quickFix(ctx: FixContext, title: string, diagnostic: Diagnostic, edits: readonly OffsetEdit[], isPreferred = false): CodeAction {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const doc = documentFor(ctx, e.uri);
    if (!doc) continue;
    const newText = doc.getText().includes('\r\n') ? e.newText.replace(/\r?\n/g, '\r\n') : e.newText;
    (changes[e.uri] ??= []).push({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText });
  }
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes } };
  if (isPreferred) action.isPreferred = true;
  return action;
}

function documentFor(ctx: FixContext, uri: string): TextDocument | undefined {
  if (uri === ctx.document.uri) return ctx.document;
  const other = ctx.index.get(uri);
  return other && TextDocument.create(uri, 'yaml', 0, other.parsed.text);
}

/** The diagnostic's range as offsets into the document. */
export function offsets(ctx: FixContext, d: Diagnostic): [number, number] {
  return [ctx.document.offsetAt(d.range.start), ctx.document.offsetAt(d.range.end)];
}

/** A string from the diagnostic's data. */
export function dataString(d: Diagnostic, key: string): string | undefined {
  const v = (d.data as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Replaces the scalar at [start, end) with `value`, keeping its quotes if it had any. */
export function replaceScalar(uri: string, text: string, start: number, end: number, value: string): OffsetEdit {
  const raw = text.slice(start, end);
  const q = raw[0];
  const quoted = (q === '"' || q === "'") && raw.length >= 2 && raw[raw.length - 1] === q;
  const escaped = q === '"' ? value.replace(/["\\]/g, '\\$&') : value.replace(/'/g, "''");
  return { uri, start, end, newText: quoted ? `${q}${escaped}${q}` : value };
}

/** True when [start, end) is a single-line token (what key and value fixes replace). */
export function isToken(text: string, start: number, end: number): boolean {
  return end > start && !/[\n\r]/.test(text.slice(start, end));
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The indentation step the file already uses (2 when it shows none). */
export function indentUnit(text: string): number {
  const m = /\n( +)\S/.exec(text);
  const n = m ? m[1].length : 2;
  return n >= 2 && n <= 8 ? n : 2;
}

/** The document of `file` that contains `offset`. */
export function documentAt(file: ParsedFile, offset: number): ParsedDocument | undefined {
  return file.docs.find((d) => d.start <= offset && offset <= d.end);
}

/** The map pair whose key starts at `offset`, with the map holding it. */
export function pairAtKey(doc: ParsedDocument, offset: number): { pair: Pair<unknown, unknown>; parent: YAMLMap<unknown, unknown> } | undefined {
  let node: unknown = doc.yaml.contents;
  for (let depth = 0; depth < 100 && node; depth++) {
    if (isMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        const k = nodeRange(pair.key);
        if (k && k[0] === offset) return { pair, parent: node };
        if (contains(nodeRange(pair.value), offset)) next = pair.value;
      }
      node = next;
    } else if (isSeq(node)) {
      node = node.items.find((i) => contains(nodeRange(i), offset));
    } else return undefined;
  }
  return undefined;
}

function contains(range: [number, number] | undefined, offset: number): boolean {
  return range !== undefined && range[0] <= offset && offset < range[1];
}

/** The text of a single-line scalar value, or undefined for anything else. */
export function scalarText(text: string, value: unknown): { text: string; range: [number, number] } | undefined {
  const range = nodeRange(value);
  if (!isScalar(value) || value.value === null || !range || !isToken(text, range[0], range[1])) return undefined;
  return { text: text.slice(range[0], range[1]), range };
}

/** Where to append after a node: the end of its last non-blank line. */
export function endOfLastLine(text: string, range: readonly [number, number]): number {
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return lineEndOf(text, end);
}

/** How far the file indents `- ` items under their key (0, as kubectl and the Istio docs, when it shows none). */
export function sequenceIndent(text: string): number {
  const m = /^( *)[^\s#-][^\n]*:[ \t]*\r?\n( *)- /m.exec(text);
  return m ? Math.max(0, m[2].length - m[1].length) : 0;
}

/** `value` as a YAML string scalar: plain when it reads back as that string, else double-quoted. */
export function yamlString(value: string): string {
  const plainString = /^[A-Za-z_/][\w./-]*$/.test(value) && !/^(true|false|yes|no|on|off|y|n|null|nan|inf)$/i.test(value);
  return plainString ? value : JSON.stringify(value);
}
