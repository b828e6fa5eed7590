/**
 * "Where is the cursor?" as a path into the resource:
 * `spec.http[0].route[1].destination.subset`. Block YAML is read line by
 * line (so that a blank line, a half-typed key or a broken document still
 * has a path); flow collections (`{...}`, `[...]`) are read from the tree.
 */
import { docAt, type ParsedDocument, type ParsedFile } from './parser';
import { isBlockScalarHeader, scanLine, type ScannedLine } from './lineScan';
import { isMap, isScalar, isSeq, nodeRange } from './yamlAst';

export type PathSegment = string | number;

export interface CursorContext {
  readonly doc: ParsedDocument;
  /**
   * The path of what is under the cursor: for `key` and `value` it ends with
   * the key (possibly half-typed); for `empty` it is the collection into
   * which a new entry would go.
   */
  readonly path: readonly PathSegment[];
  readonly kind: 'key' | 'value' | 'empty';
  /** Text of the current token before the cursor. */
  readonly prefix: string;
  /** Offsets of the whole current token (for replacing it). */
  readonly tokenStart: number;
  readonly tokenEnd: number;
  /** Column at which a key typed here starts. */
  readonly column: number;
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

interface Element {
  type: 'key' | 'dash';
  col: number;
  key?: string;
  /** Key with an inline value (not a parent of deeper lines, unless a block scalar). */
  inline?: boolean;
}

function elementsOf(line: ScannedLine): Element[] {
  // Innermost first: the key, then the dashes right to left.
  const els: Element[] = [];
  if (line.key !== undefined) {
    const inline = line.value !== '' && !isBlockScalarHeader(line.value);
    els.push({ type: 'key', col: line.keyCol!, key: line.key, inline });
  }
  for (let i = line.dashes.length - 1; i >= 0; i--) els.push({ type: 'dash', col: line.dashes[i] });
  return els;
}

/** The cursor context at an offset, or undefined outside any document. */
export function cursorAt(file: ParsedFile, offset: number): CursorContext | undefined {
  const doc = docAt(file, offset);
  if (!doc) return undefined;
  return flowContext(file, doc, offset) ?? blockContext(file, doc, offset);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function blockContext(file: ParsedFile, doc: ParsedDocument, offset: number): CursorContext {
  const text = file.text;
  const lineStart = lineStartOf(text, offset);
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const fullLine = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const col = offset - lineStart;
  const before = fullLine.slice(0, col);
  const cur = scanLine(before);

  // The cursor line's own structure, innermost first.
  let kind: CursorContext['kind'];
  let prefix = '';
  let tokenStart = offset;
  let tokenEnd = offset;
  const inner: PathSegment[] = [];
  let target: number;
  let targetIsDash: boolean;
  const whole = scanLine(fullLine);
  if (cur.key !== undefined && cur.colonEnd !== undefined && cur.colonEnd <= col) {
    kind = 'value';
    const valueStart = lineStart + cur.colonEnd + (fullLine.slice(cur.colonEnd).length - fullLine.slice(cur.colonEnd).trimStart().length);
    tokenStart = Math.min(valueStart, offset);
    tokenEnd = lineStart + fullLine.length - (fullLine.length - fullLine.trimEnd().length);
    tokenEnd = Math.max(tokenEnd, offset);
    prefix = text.slice(tokenStart, offset);
    inner.push(cur.key);
    target = cur.keyCol!;
    targetIsDash = false;
  } else if (!cur.blank && before.slice(cur.contentCol).trim() !== '') {
    kind = 'key';
    tokenStart = lineStart + cur.contentCol;
    prefix = text.slice(tokenStart, offset);
    const keyText = whole.key !== undefined && whole.keyCol === cur.contentCol ? whole.key : fullLine.slice(cur.contentCol).replace(/\s.*$/, '');
    tokenEnd = whole.key !== undefined ? lineStart + whole.keyCol! + rawKeyLength(fullLine, whole) : lineStart + cur.contentCol + keyText.length;
    inner.push(whole.key ?? keyText);
    target = cur.contentCol;
    targetIsDash = false;
  } else {
    kind = 'empty';
    target = cur.dashes.length > 0 ? cur.contentCol : col;
    targetIsDash = false;
  }
  const column = target;
  for (let i = cur.dashes.length - 1; i >= 0; i--) {
    inner.push(-1); // placeholder index, resolved below
    target = cur.dashes[i];
    targetIsDash = true;
  }

  const outer = ancestors(file, doc, lineStart, target, targetIsDash, inner);
  return {
    doc,
    path: outer,
    kind,
    prefix,
    tokenStart,
    tokenEnd,
    column,
  };
}

function rawKeyLength(line: string, scanned: ScannedLine): number {
  const colonEnd = scanned.colonEnd!;
  return line.slice(scanned.keyCol!, colonEnd - 1).trimEnd().length;
}

/**
 * Walks up from the cursor line and builds the full path. `inner` holds the
 * cursor line's own segments (innermost first), where -1 marks a sequence
 * item whose index is counted from the sibling `- ` lines above.
 */
function ancestors(
  file: ParsedFile,
  doc: ParsedDocument,
  lineStart: number,
  target: number,
  targetIsDash: boolean,
  inner: PathSegment[],
): PathSegment[] {
  const text = file.text;
  const segs = [...inner]; // innermost first
  let pendingIndex = segs.length > 0 && segs[segs.length - 1] === -1 ? 0 : -1;
  let end = lineStart - 1;
  // Once the path reaches a key at column 0 nothing above can own it: stop rather than scan to the top of a long document.
  while (end > doc.start && !(target === 0 && !targetIsDash)) {
    const start = lineStartOf(text, end);
    const line = scanLine(text.slice(start, end).replace(/\r$/, ''));
    end = start - 1;
    if (line.blank) continue;
    if (line.marker) break;
    for (const el of elementsOf(line)) {
      if (el.type === 'dash') {
        if (targetIsDash && el.col === target) {
          if (pendingIndex >= 0) pendingIndex++;
          continue; // a sibling item; dashes further left may still be ancestors
        }
        if (el.col < target) {
          settleIndex(segs, pendingIndex);
          segs.push(-1);
          pendingIndex = 0;
          target = el.col;
          targetIsDash = true;
        }
      } else {
        const owns = targetIsDash ? el.col <= target && !el.inline : el.col < target;
        if (owns) {
          settleIndex(segs, pendingIndex);
          pendingIndex = -1;
          segs.push(el.key!);
          target = el.col;
          targetIsDash = false;
        }
      }
    }
  }
  settleIndex(segs, pendingIndex);
  return segs.reverse();
}

function settleIndex(segs: PathSegment[], index: number): void {
  if (index < 0) return;
  for (let i = segs.length - 1; i >= 0; i--) {
    if (segs[i] === -1) {
      segs[i] = index;
      return;
    }
  }
}

/** Inside a flow collection the tree is the better guide. */
function flowContext(file: ParsedFile, doc: ParsedDocument, offset: number): CursorContext | undefined {
  const path: PathSegment[] = [];
  let node: unknown = doc.yaml.contents;
  let inFlow = false;
  for (let depth = 0; depth < 200; depth++) {
    const flow = (node as { flow?: boolean } | null)?.flow === true;
    inFlow ||= flow;
    if (isMap(node)) {
      const pair = node.items.find((p) => within(nodeRange(p.key), offset) || within(nodeRange(p.value), offset));
      if (!pair || !isScalar(pair.key)) return inFlow ? flowEmpty(doc, path, offset) : undefined;
      const key = String(pair.key.value);
      if (within(nodeRange(pair.key), offset)) return inFlow ? scalarCtx(file, doc, [...path, key], 'key', pair.key, offset) : undefined;
      path.push(key);
      node = pair.value;
    } else if (isSeq(node)) {
      const idx = node.items.findIndex((it) => within(nodeRange(it), offset));
      if (idx < 0) return inFlow ? flowEmpty(doc, path, offset) : undefined;
      path.push(idx);
      node = node.items[idx];
    } else if (isScalar(node)) {
      return inFlow ? scalarCtx(file, doc, path, 'value', node, offset) : undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

function within(range: [number, number] | undefined, offset: number): boolean {
  return range !== undefined && range[0] <= offset && offset <= range[1];
}

function scalarCtx(file: ParsedFile, doc: ParsedDocument, path: PathSegment[], kind: 'key' | 'value', node: unknown, offset: number): CursorContext {
  const [s, e] = nodeRange(node)!;
  const prefix = file.text.slice(s, Math.max(s, Math.min(offset, e)));
  return { doc, path, kind, prefix, tokenStart: s, tokenEnd: e, column: s - lineStartOf(file.text, s) };
}

function flowEmpty(doc: ParsedDocument, path: PathSegment[], offset: number): CursorContext {
  return { doc, path, kind: 'empty', prefix: '', tokenStart: offset, tokenEnd: offset, column: 0 };
}
