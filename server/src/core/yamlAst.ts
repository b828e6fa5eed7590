/**
 * The one module that imports `yaml`. Everything else in the core sees the
 * types and helpers re-exported here, so a move to another YAML library (or to
 * `yaml` v3) changes this file only.
 */
import {
  Composer,
  Parser,
  isAlias as yamlIsAlias,
  isMap as yamlIsMap,
  isPair as yamlIsPair,
  isScalar as yamlIsScalar,
  isSeq as yamlIsSeq,
  LineCounter,
  type Alias,
  type Document,
  type Node as YNode,
  type Pair,
  type ParsedNode,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { MAX_ALIAS_EXPANSION } from './limits';
import { byText, sectionGroups, sectionStarts, unchangedEnds } from './sections';

// Bound once: the bundle reaches a CommonJS package's exports through getters, and these run per node.
export const isAlias: typeof yamlIsAlias = yamlIsAlias;
export const isMap: typeof yamlIsMap = yamlIsMap;
export const isPair: typeof yamlIsPair = yamlIsPair;
export const isScalar: typeof yamlIsScalar = yamlIsScalar;
export const isSeq: typeof yamlIsSeq = yamlIsSeq;
export { LineCounter };
export type { Alias, Pair, ParsedNode, Scalar, YAMLMap, YAMLSeq, YNode };
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
  /** Where that section starts in the text. */
  readonly sectionStart: number;
}

/**
 * A parsed document that can move. Moving is lazy: offsets that are cheap to
 * shift (start, end, problems) move at once; the tree's node ranges are
 * shifted the first time the tree is looked at, so a document that moved but
 * is not looked at (its findings and index facts are cached) costs nothing.
 */
class Section implements RawDocument {
  private pending = 0;

  constructor(
    private readonly tree: YamlDocument,
    public start: number,
    public end: number,
    public problems: readonly YamlProblem[],
    readonly source: string,
    public sectionStart: number,
  ) {}

  get doc(): YamlDocument {
    if (this.pending !== 0) {
      shiftTree(this.tree, this.pending);
      this.pending = 0;
    }
    return this.tree;
  }

  move(delta: number, textLength: number): void {
    this.pending += delta;
    if (this.problems.length > 0) {
      this.problems = this.problems.map((p) => ({ ...p, start: clamp(p.start + delta, 0, textLength), end: clamp(p.end + delta, 0, textLength) }));
    }
    this.start += delta;
    this.end += delta;
    this.sectionStart += delta;
  }
}

/** Alias expansion is capped when converting to plain values: a "billion laughs" file must not eat the heap. */
export const MAX_ALIAS_COUNT = 100;

// `uniqueKeys` is off: the parser compares every key with every other one of its map (a map of
// 20,000 keys took seconds). `scanTree` below finds the same duplicates in one pass.
const PARSE_OPTIONS = { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: true } as const;

const ANCHOR_FREE = new WeakSet<YamlDocument>();

/**
 * True when the section a document came from has no `&` at all and fewer `*`
 * than MAX_ALIAS_EXPANSION: it defines no anchor, so none of its aliases
 * resolves and they cannot expand past the limit. Most manifests are like
 * that, and yamlAliases then skips its walk over the tree.
 */
export function anchorFree(doc: YamlDocument): boolean {
  return ANCHOR_FREE.has(doc);
}

function countOf(text: string, char: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0 && n <= limit; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/**
 * Splits a text into its YAML documents. Never throws: whatever the parser
 * chokes on becomes a problem of the document it belongs to.
 *
 * Each `---` section is parsed on its own, at its offset in the text, so
 * ranges stay absolute. Against `previous` (and the length of its text), the
 * sections an edit left alone are found by comparing them in place, from
 * the start and from the end (sections.ts): those before the edit are kept
 * as they are, those after it are rebased in place, every offset shifted, as
 * tree-sitter edits an old tree; only the edited span is split and parsed
 * again (a section moved within it is still reused, by its text). An edit
 * thus costs one parse of one section plus some bookkeeping per section,
 * never a parse of the whole file. `previous` is consumed: its moved
 * documents now carry the new offsets.
 *
 * In steps: one per section that has to be parsed (a reused section costs
 * none), so that a caller can do other work in between (core/steps.ts).
 */
export function* parseYamlStreamSteps(
  text: string,
  previous?: readonly RawDocument[],
  tooDeep?: (section: string) => number | undefined,
  previousLength?: number,
): Generator<void, { docs: RawDocument[]; tooDeep?: number }, void> {
  const groups = sectionGroups(previous ?? []);
  const { head, tail, from, to } = unchangedEnds(text, groups, previousLength);
  const docs: RawDocument[] = [];
  // Sections before the edit: same text at the same offsets, kept as they are.
  for (let g = 0; g < head; g++) docs.push(...groups[g].docs);
  // The edited span: split and parsed again, but a section found elsewhere in it before (moved text) is reused.
  const reusable = byText(groups.slice(head, tail));
  const starts = sectionStarts(text, from, to);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : to;
    const section = text.slice(start, end);
    const old = reusable.get(section)?.shift();
    if (old) {
      for (const d of old.docs) if (d.sectionStart !== start && d instanceof Section) d.move(start - d.sectionStart, text.length);
      docs.push(...old.docs);
      continue;
    }
    // Checked before parsing, and only for sections that are parsed: the composer recurses per level.
    const deep = tooDeep?.(section);
    if (deep !== undefined) return { docs: [], tooDeep: start + deep };
    docs.push(...parseSection(section, start, text.length));
    yield;
  }
  // Sections after the edit: same text, moved by what the edit added or removed.
  const delta = text.length - (previousLength ?? 0);
  for (let g = tail; g < groups.length; g++) {
    for (const d of groups[g].docs) if (delta !== 0 && d instanceof Section) d.move(delta, text.length);
    docs.push(...groups[g].docs);
  }
  return { docs };
}

/**
 * Shifts every offset of a tree by `delta`: each node's range, the
 * document's range, its errors and warnings. Iterative, so any depth is
 * fine. Ranges are replaced, never changed in place (the parser may share an
 * array between nodes).
 */
function shiftTree(doc: YamlDocument, delta: number): void {
  const shift = (r: readonly number[]): [number, number, number] => [r[0] + delta, r[1] + delta, r[2] + delta];
  (doc as { range: [number, number, number] }).range = shift(doc.range);
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    const node = n as { range?: readonly number[] | null };
    if (node.range) node.range = shift(node.range);
    if (isMap(n) || isSeq(n)) for (const item of n.items) stack.push(item);
  }
  for (const e of doc.errors) e.pos = [e.pos[0] + delta, e.pos[1] + delta];
  for (const w of doc.warnings) w.pos = [w.pos[0] + delta, w.pos[1] + delta];
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
  const noAnchors = !section.includes('&') && countOf(section, '*', MAX_ALIAS_EXPANSION) <= MAX_ALIAS_EXPANSION;
  return parsed.map((doc): Section => {
    if (noAnchors) ANCHOR_FREE.add(doc);
    const [start, , end] = doc.range;
    const problems: YamlProblem[] = [];
    for (const e of doc.errors) problems.push(toProblem(e, 'error', textLength));
    for (const w of doc.warnings) problems.push(toProblem(w, 'warning', textLength));
    const duplicates = scanTree(doc);
    if (duplicates.length > 0) {
      problems.push(...duplicates);
      problems.sort((a, b) => a.start - b.start);
    }
    return new Section(doc, Math.max(start, base), end, problems, section, base);
  });
}

const ALIASES = new WeakMap<YamlDocument, readonly Alias[]>();

/** The alias nodes (`*name`) of a document, in no particular order; found while it was parsed. */
export function aliasNodes(doc: YamlDocument): readonly Alias[] {
  return ALIASES.get(doc) ?? [];
}

/**
 * One pass over a new tree: the keys that repeat an earlier key of the same
 * map (scalar keys, compared by value as the parser's own `uniqueKeys` does:
 * `a` and `"a"` are the same key, `1` and `"1"` are not), each at the
 * repeated key's first character; and the document's aliases, kept for
 * `aliasNodes`. Iterative, so any depth is fine.
 */
function scanTree(doc: YamlDocument): YamlProblem[] {
  const out: YamlProblem[] = [];
  const aliases: Alias[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Set<unknown>();
      for (const pair of n.items) {
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value) && key.range) out.push({ start: key.range[0], end: key.range[0] + 1, code: 'DUPLICATE_KEY', message: 'Map keys must be unique', severity: 'error' });
          seen.add(key.value);
        } else stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(n)) for (const item of n.items) stack.push(item);
    else if (isAlias(n)) aliases.push(n);
  }
  if (aliases.length > 0) ALIASES.set(doc, aliases);
  return out;
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

/** The string keys of a map node. */
export function mapKeys(node: unknown): string[] {
  if (!isMap(node)) return [];
  return node.items.map(pairKey).filter((k): k is string => k !== undefined);
}
