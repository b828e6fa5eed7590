/**
 * The one module that imports `yaml`. Everything else in the core sees the
 * types and helpers re-exported here, so a move to another YAML library (or to
 * `yaml` v3) changes this file only.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YNode,
  type Pair,
  type ParsedNode,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

export { isAlias, isMap, isPair, isScalar, isSeq, LineCounter };
export type { Pair, ParsedNode, Scalar, YAMLMap, YAMLSeq, YNode };
export type YamlDocument = Document.Parsed;

/** A problem reported by the YAML parser, with offsets into the whole text. */
export interface YamlProblem {
  readonly start: number;
  readonly end: number;
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface RawDocument {
  readonly doc: YamlDocument;
  /** Offsets of the whole document in the text, `---` marker included. */
  readonly start: number;
  readonly end: number;
  readonly problems: readonly YamlProblem[];
}

/** Alias expansion is capped when converting to plain values: a "billion laughs" file must not eat the heap. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Splits a text into its YAML documents. Never throws: whatever the parser
 * chokes on becomes a problem of the document it belongs to.
 */
export function parseYamlStream(text: string): { docs: RawDocument[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter,
    keepSourceTokens: false,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const list = Array.isArray(parsed) ? parsed : [];
  const docs = list.map((doc): RawDocument => {
    const [start, , end] = doc.range;
    const problems: YamlProblem[] = [];
    for (const e of doc.errors) problems.push(toProblem(e, 'error', text.length));
    for (const w of doc.warnings) problems.push(toProblem(w, 'warning', text.length));
    return { doc, start, end, problems };
  });
  return { docs, lineCounter };
}

function toProblem(
  e: { pos: [number, number]; code: string; message: string },
  severity: 'error' | 'warning',
  textLength: number,
): YamlProblem {
  const start = clamp(e.pos[0], 0, textLength);
  const end = clamp(Math.max(e.pos[1], e.pos[0]), start, textLength);
  return { start, end, code: e.code, message: firstLine(e.message), severity };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  const line = nl < 0 ? message : message.slice(0, nl);
  // yaml appends " at line L, column C" for pretty errors; we report ranges instead.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Resolves an alias to its anchored node, once (no recursion into aliases of aliases). */
export function resolveAlias(doc: YamlDocument, node: unknown): unknown {
  if (isAlias(node)) {
    try {
      return node.resolve(doc);
    } catch {
      return undefined;
    }
  }
  return node;
}

/** The value of a scalar node, or undefined for anything else. */
export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** Looks up `key` in a map node (string keys only). */
export function mapGet(node: unknown, key: string): Pair<unknown, unknown> | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isScalar(item.key) && String(item.key.value) === key) return item;
  }
  return undefined;
}

/** The source range [start, end) of a node, when it has one. */
export function nodeRange(node: unknown): [number, number] | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const r = (node as { range?: [number, number, number] | null }).range;
    if (r) return [r[0], r[1]];
  }
  return undefined;
}

/** The key of a pair as text (non-scalar keys render as `undefined`). */
export function pairKey(pair: Pair<unknown, unknown>): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** The tree node at a path (string keys, numeric indexes), following aliases once. */
export function nodeAtYamlPath(doc: YamlDocument, path: readonly (string | number)[]): unknown {
  let cur: unknown = doc.contents;
  for (const seg of path) {
    cur = resolveAlias(doc, cur);
    if (typeof seg === 'number') cur = isSeq(cur) ? cur.items[seg] : undefined;
    else cur = mapGet(cur, seg)?.value;
    if (cur === undefined) return undefined;
  }
  return resolveAlias(doc, cur);
}

/** The string keys of a map node. */
export function mapKeys(node: unknown): string[] {
  if (!isMap(node)) return [];
  return node.items.map(pairKey).filter((k): k is string => k !== undefined);
}

/**
 * The plain JavaScript value of a node. Alias expansion is capped, so a
 * "billion laughs" document gives undefined instead of exhausting memory.
 */
export function toPlain(doc: YamlDocument, node: unknown): unknown {
  if (node === null || node === undefined || typeof node !== 'object' || !('toJS' in node)) return node;
  try {
    return (node as unknown as { toJS(doc: YamlDocument, opts: { maxAliasCount: number }): unknown }).toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
}
