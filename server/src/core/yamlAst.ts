/**
 * The one module that imports `yaml`. Everything else in the core sees the
 * types and helpers re-exported here, so a move to another YAML library (or to
 * `yaml` v3) changes this file only.
 */
import {
  Composer,
  Parser,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
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
  /** The text of the `---` section it was parsed from (for reuse). */
  readonly source: string;
}

/** Alias expansion is capped when converting to plain values: a "billion laughs" file must not eat the heap. */
export const MAX_ALIAS_COUNT = 100;

const PARSE_OPTIONS = { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true, strict: true } as const;

/**
 * Splits a text into its YAML documents. Never throws: whatever the parser
 * chokes on becomes a problem of the document it belongs to.
 *
 * Each `---` section is parsed on its own, at its offset in the text, so
 * ranges stay absolute; a section whose text and offset are unchanged since
 * `previous` is reused as it is. An edit then costs one document, not the
 * whole file.
 */
export function parseYamlStream(text: string, previous?: readonly RawDocument[]): { docs: RawDocument[] } {
  const reusable = new Map<number, RawDocument[]>();
  for (const d of previous ?? []) reusable.set(d.start, [...(reusable.get(d.start) ?? []), d]);
  const docs: RawDocument[] = [];
  const starts = sectionStarts(text);
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const to = i + 1 < starts.length ? starts[i + 1] : text.length;
    const section = text.slice(from, to);
    const old = reusable.get(from);
    if (old && old.every((d) => d.source === section)) {
      docs.push(...old);
      continue;
    }
    docs.push(...parseSection(section, from, text.length));
  }
  return { docs };
}

/** Offsets where a `---` line starts a new section (and 0). */
function sectionStarts(text: string): number[] {
  const starts = [0];
  const re = /^---(?=[ \t\r\n#]|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index > 0) starts.push(m.index);
  return starts;
}

function parseSection(section: string, base: number, textLength: number): RawDocument[] {
  const parser = new Parser();
  parser.offset = base;
  const composer = new Composer(PARSE_OPTIONS);
  let parsed: YamlDocument[];
  try {
    parsed = Array.from(composer.compose(parser.parse(section), false, base + section.length)) as YamlDocument[];
  } catch {
    return []; // the parser reports problems rather than throwing; this is only a last line of defence
  }
  return parsed.map((doc): RawDocument => {
    const [start, , end] = doc.range;
    const problems: YamlProblem[] = [];
    for (const e of doc.errors) problems.push(toProblem(e, 'error', textLength));
    for (const w of doc.warnings) problems.push(toProblem(w, 'warning', textLength));
    return { doc, start: Math.max(start, base), end, problems, source: section };
  });
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
