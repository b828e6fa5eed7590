/**
 * What the core refuses to analyse deeply, and why. Hostile or accidental
 * input (a generated 20 MB bundle, `[[[[...]]]]` ten thousand deep, a file
 * with NUL bytes) must never crash, hang or block the editor. A text over a
 * limit becomes a parse with no documents and one information notice;
 * every feature then answers at once with nothing.
 *
 * There is deliberately no limit on line length: a minified JSON manifest is
 * one long line, and every line-level routine (lineScan, path) is linear in
 * the length of the line it reads.
 */
import { ErrorCode } from './codes';
import type { Finding } from './findings';
import type { ParsedFile } from './parser';

/**
 * Longest text analysed, in UTF-16 code units (5 MiB of ASCII). Parsing and
 * validation cost roughly a second per megabyte on a slow machine, and they
 * run again after each pause in typing; the CLI (`cli/read.ts`) skips files
 * over the same size. Real manifests are far smaller.
 */
export const MAX_TEXT_LENGTH = 5 * 1024 * 1024;

/**
 * Deepest nesting of collections analysed. The deepest Istio schema path is
 * about 20 levels, and free-form fields (EnvoyFilter patches) seldom pass 30.
 * The YAML composer and the tree conversions recurse several frames per
 * level; 500 keeps them an order of magnitude below the default stack.
 */
export const MAX_NESTING_DEPTH = 500;

/**
 * Most nodes that aliases may add to one document. Reusing a block with
 * `*anchor` is normal; anchors that alias anchors multiply ("billion laughs")
 * and would make every walk over the tree exponential.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * The notice for a text over the size limit or binary, or undefined. (The
 * nesting limit is checked per `---` section as sections are parsed, so that
 * an edit does not rescan the whole file: see `sectionTooDeep`.)
 */
export function textLimit(text: string): Finding | undefined {
  if (text.length > MAX_TEXT_LENGTH) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    return notice(ErrorCode.FileTooLarge, firstLine(text), `This file is ${mb(text.length)} MB; files over ${mb(MAX_TEXT_LENGTH)} MB are not checked, and completion and hover are off in them.`);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    return notice(ErrorCode.BinaryContent, [nul, nul + 1], 'This file contains a NUL character, so it is treated as binary: it is not checked, and completion and hover are off in it.');
  }
  return undefined;
}

/** Where a section's collections nest deeper than the limit (an offset in it), or undefined. */
export const sectionTooDeep = (section: string): number | undefined => nestingExcess(section, MAX_NESTING_DEPTH);

/** The notice for collections nested too deep at `offset`. */
export function nestingNotice(offset: number): Finding {
  return notice(ErrorCode.NestingTooDeep, [offset, offset + 1], `Collections are nested more than ${MAX_NESTING_DEPTH} levels deep here; the file is not checked, and completion and hover are off in it.`);
}

/** The parse of a text over a limit: no documents, only the notice. */
export function overLimitFile(text: string, limit: Finding): ParsedFile {
  const hasIstio = /apiVersion["']?[ \t]*:[ \t]*["']?[a-z0-9.-]*\.istio\.io\//.test(text);
  return { text, docs: [], hasIstio, hasKubernetes: hasIstio || /apiVersion["']?[ \t]*:/.test(text), limit };
}

function notice(code: ErrorCode, range: [number, number], message: string): Finding {
  return { start: range[0], end: range[1], severity: 'info', code, rule: code, message };
}

function firstLine(text: string): [number, number] {
  const nl = text.indexOf('\n');
  const end = Math.min(nl < 0 ? text.length : nl, 200);
  return [0, text[end - 1] === '\r' ? end - 1 : end];
}

const SPACE = 32, TAB = 9, LF = 10, CR = 13, HASH = 35, DASH = 45, QUESTION = 63, COLON = 58, COMMA = 44;
const OPEN_SQ = 91, CLOSE_SQ = 93, OPEN_CURLY = 123, CLOSE_CURLY = 125, DQUOTE = 34, SQUOTE = 39, BACKSLASH = 92;
const AMP = 38, BANG = 33, PIPE = 124, GT = 62, DOT = 46;

const blank = (c: number) => c === SPACE || c === TAB || c === CR || c === LF || Number.isNaN(c);

/**
 * The offset where collections first nest deeper than `max`, or undefined.
 * One linear pass, no tree: block levels are tracked as a stack of
 * indentation columns (each `- ` on a line opens a level of its own), flow
 * levels by counting brackets outside quotes and comments. Brackets count
 * only where a node can start, so `regex: ^[a-z]` in a plain scalar does not.
 * It is an estimate (it may count a continuation line as a level) that errs
 * on the side of a few levels too many, far below any real limit.
 */
export function nestingExcess(text: string, max: number): number | undefined {
  const n = text.length;
  const stack: number[] = [];
  let flow = 0;
  let scalarIndent = -1; // inside a block scalar: the indentation its content must exceed
  let i = 0;
  while (i < n) {
    // Start of a line in block context.
    const lineStart = i;
    while (i < n && text.charCodeAt(i) === SPACE) i++;
    const col = i - lineStart;
    const c0 = text.charCodeAt(i);
    if (i >= n || c0 === LF || c0 === CR || c0 === HASH) {
      i = skipLine(text, i);
      continue;
    }
    if (scalarIndent >= 0) {
      if (col > scalarIndent) {
        i = skipLine(text, i);
        continue;
      }
      scalarIndent = -1;
    }
    if (col === 0 && isMarker(text, i)) {
      stack.length = 0;
      i += 3;
    } else {
      while (stack.length > 0 && stack[stack.length - 1] >= col) stack.pop();
      stack.push(col);
      if (stack.length > max) return i;
    }
    // The rest of the line (and, inside flow collections or quotes, what follows).
    let nodeStart = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (flow === 0 && (c === LF)) break;
      if (c === LF || c === SPACE || c === TAB || c === CR) {
        i++;
        continue;
      }
      if (c === HASH && blank(text.charCodeAt(i - 1))) {
        i = endOfLine(text, i);
        continue;
      }
      if (nodeStart && (c === DQUOTE || c === SQUOTE)) {
        i = skipQuoted(text, i);
        nodeStart = false;
        continue;
      }
      if (c === OPEN_SQ || c === OPEN_CURLY) {
        if (flow > 0 || nodeStart) {
          flow++;
          if (stack.length + flow > max) return i;
          nodeStart = true;
        }
        i++;
        continue;
      }
      if (flow > 0 && (c === CLOSE_SQ || c === CLOSE_CURLY)) {
        flow--;
        nodeStart = false;
        i++;
        continue;
      }
      if (flow > 0 && c === COMMA) {
        nodeStart = true;
        i++;
        continue;
      }
      if (c === COLON && (blank(text.charCodeAt(i + 1)) || flow > 0 && (text.charCodeAt(i + 1) === COMMA || text.charCodeAt(i + 1) === CLOSE_CURLY))) {
        nodeStart = true;
        i++;
        continue;
      }
      if (nodeStart && flow === 0 && (c === DASH || c === QUESTION) && blank(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && (text.charCodeAt(i) === SPACE)) i++;
        stack.push(i - lineStart);
        if (stack.length > max) return i;
        continue;
      }
      if (nodeStart && (c === AMP || c === BANG)) {
        while (i < n && !blank(text.charCodeAt(i))) i++;
        continue;
      }
      if (nodeStart && flow === 0 && (c === PIPE || c === GT)) {
        scalarIndent = col;
        i = endOfLine(text, i);
        break;
      }
      nodeStart = false;
      i++;
    }
    if (i < n && text.charCodeAt(i) === LF) i++;
  }
  return undefined;
}

function isMarker(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === DASH || c === DOT) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c && blank(text.charCodeAt(i + 3));
}

function endOfLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

function skipLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

/** Just past the quoted scalar that starts at `i` (it may span lines). */
function skipQuoted(text: string, i: number): number {
  const q = text.charCodeAt(i);
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (q === DQUOTE && c === BACKSLASH) j++;
    else if (c === q) return j + 1;
  }
  return text.length;
}
