/**
 * Which findings of a templated file can be believed. The masked text is a
 * guess at the output, so:
 *
 * 1. A finding that touches template text (an action, a placeholder, a
 *    blanked branch) is dropped: a templated value's type, enum, pattern or
 *    bounds, a templated name or host that is "not found", a templated key.
 * 2. A document without template text that matters (see `mattersIn`: an
 *    `if` around the whole document does not) is judged as usual.
 * 3. Findings about the literal token they point at (unknown or removed
 *    field, deprecation, the type or form of a literal value) stay.
 * 4. Any other finding (a missing field, a rule between fields, a
 *    cross-file check) depends on its surroundings: it is dropped when its
 *    scope holds template text that matters. The scope is found by
 *    indentation: from the finding's line, two parent lines up, and
 *    everything indented under that; past the top, the whole document.
 * 5. YAML syntax problems are dropped in the same way with a scope of one
 *    parent. In a Helm chart's `templates/` folder, where the rendering has
 *    the last word on the YAML, those that remain are warnings.
 *
 * Block scopes are found on the masked text, where actions that had their
 * own lines are blank lines, so they never end a block early.
 */
import type { Finding } from '../findings';
import { docAt, type ParsedFile } from '../parser';
import { mattersIn, touchesTemplate } from './detect';
import type { TemplateInfo } from './mask';

/** Rules judged on the literal token alone. */
const LOCAL_RULES = new Set(['unknown-field', 'removed-field', 'deprecated-field', 'type', 'enum', 'pattern', 'min-length', 'max-length', 'minimum', 'maximum']);

/** How far a line scan may go before the scope is taken to be the whole document. */
const MAX_SCAN = 100_000;

/** Per parsed file (immutable): parents and block ends of lines, and which documents hold template text that matters. */
interface Memo {
  readonly parents: Map<number, Line | null>;
  readonly ends: Map<number, number>;
  readonly docs: Map<number, boolean>;
}
const memos = new WeakMap<ParsedFile, Memo>();

/** The finding as it should be shown, or undefined when the template makes it unreliable. */
export function filterTemplated(file: ParsedFile, f: Finding, chartTemplate = false): Finding | undefined {
  const t = file.templated;
  if (!t) return f;
  if (touchesTemplate(t, f.start, f.end)) return undefined;
  let memo = memos.get(file);
  if (!memo) memos.set(file, (memo = { parents: new Map(), ends: new Map(), docs: new Map() }));
  const doc = docAt(file, f.start);
  const b: Bounds = { text: file.text, t, start: doc?.start ?? 0, end: doc?.end ?? file.text.length, memo };
  if (!documentMatters(b)) return f;
  if (f.code.startsWith('yaml-')) {
    if (scopeTouches(b, f.start, 1)) return undefined;
    return chartTemplate && f.severity === 'error' ? { ...f, severity: 'warning' } : f;
  }
  if (!LOCAL_RULES.has(f.rule)) return scopeTouches(b, f.start, 2) ? undefined : f;
  // A quick fix that rewrites a key copies its value: not a value holding masked template text.
  if (f.data && 'rewrite' in f.data && scopeTouches(b, f.start, 0)) return { ...f, data: { ...f.data, rewrite: undefined } };
  return f;
}

interface Bounds {
  readonly text: string;
  readonly t: TemplateInfo;
  /** The finding's document. */
  readonly start: number;
  readonly end: number;
  readonly memo: Memo;
}

function documentMatters(b: Bounds): boolean {
  let hit = b.memo.docs.get(b.start);
  if (hit === undefined) b.memo.docs.set(b.start, (hit = mattersIn(b.t, b.text, b.start, b.end)));
  return hit;
}
interface Line {
  readonly start: number;
  /** Column of the first non-blank character; Infinity for a blank line. */
  readonly indent: number;
  /** Blank, or a comment: such lines neither open nor close a block. */
  readonly skip: boolean;
  /** A `---` / `...` marker. */
  readonly marker: boolean;
  readonly dash: boolean;
}

function lineAt(text: string, start: number): Line {
  let i = start;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const c = text[i];
  const blank = i >= text.length || c === '\n' || c === '\r';
  const marker = i === start && (text.startsWith('---', i) || text.startsWith('...', i)) && /^(?:[ \t\r\n]|$)/.test(text.charAt(i + 3));
  return { start, indent: blank ? Infinity : i - start, skip: blank || c === '#', marker, dash: c === '-' && /^(?:[ \t\r\n]|$)/.test(text.charAt(i + 1)) };
}

function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * The nearest line above `line` (within the document) indented less than it
 * (for a list item, also the key at its own column), or undefined at the top.
 * A sibling met on the way has the same parent: the walk jumps to it, and
 * every line walked through is remembered, so siblings cost one walk.
 */
function parentOf(b: Bounds, line: Line): Line | undefined {
  const chain: number[] = [];
  let cur = line;
  let found: Line | null = null;
  for (;;) {
    const hit = b.memo.parents.get(cur.start);
    if (hit !== undefined) {
      found = hit;
      break;
    }
    chain.push(cur.start);
    let sibling: Line | undefined;
    let s = cur.start;
    while (s > b.start && cur.start - s < MAX_SCAN) {
      s = lineStartOf(b.text, s - 1);
      if (s < b.start) break;
      const l = lineAt(b.text, s);
      if (l.marker) break;
      if (l.skip) continue;
      if (l.indent < cur.indent || (cur.dash && !l.dash && l.indent === cur.indent)) {
        found = l;
        break;
      }
      if (l.indent === cur.indent && l.dash === cur.dash) {
        sibling = l;
        break;
      }
    }
    if (found || !sibling) break;
    cur = sibling;
  }
  for (const c of chain) b.memo.parents.set(c, found);
  return found ?? undefined;
}

/** Where the block opened by `line` ends: the next line indented as much or less (a list may sit at its key's column). */
function blockEnd(b: Bounds, line: Line): number {
  let end = b.memo.ends.get(line.start);
  if (end === undefined) b.memo.ends.set(line.start, (end = scanBlockEnd(b, line)));
  return end;
}

function scanBlockEnd(b: Bounds, line: Line): number {
  let s = b.text.indexOf('\n', line.start);
  while (s >= 0 && s + 1 < b.end && s - line.start < MAX_SCAN) {
    const l = lineAt(b.text, s + 1);
    if (l.marker) return l.start;
    const inside = l.skip || l.indent > line.indent || (l.indent === line.indent && l.dash && !line.dash);
    if (!inside) return l.start;
    s = b.text.indexOf('\n', s + 1);
  }
  return b.end;
}

/** Does the scope `levels` parents above the finding's line hold template text that matters? */
function scopeTouches(b: Bounds, offset: number, levels: number): boolean {
  let line = lineAt(b.text, lineStartOf(b.text, Math.min(offset, b.text.length)));
  for (let k = 0; k < levels; k++) {
    const parent = parentOf(b, line);
    if (!parent) return mattersIn(b.t, b.text, b.start, b.end);
    line = parent;
  }
  return mattersIn(b.t, b.text, line.start, blockEnd(b, line));
}
