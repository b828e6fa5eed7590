/**
 * Masking: a templated text becomes a text of exactly the same length (every
 * offset and every line stays where it was) that the YAML parser can read as
 * the template's likely output.
 *
 * - An action that renders nothing (`if`, `else`, `end`, `range`, `with`,
 *   `define`, a variable declaration, a comment) becomes blanks.
 * - An action that renders text and has its line(s) to itself (`{{- include
 *   "labels" . | nindent 4 }}`, `{{ toYaml .Values.x | indent 2 }}`) injects
 *   a block we cannot see: it becomes blanks too.
 * - An action inside a line (`host: {{ .Values.host }}`, `- "{{ .x }}"`,
 *   `{{ .key }}: v`) becomes a placeholder word of the same length
 *   (`x` + a hash of the action's text, padded with `x`), so that distinct
 *   actions give distinct plain strings; lines after the first of a
 *   multi-line action become blanks.
 * - Only the first branch of an `if`/`with`/`range` is kept: `else` branches
 *   are blanked (two branches side by side would often repeat keys), and so
 *   is the body of a `define` (it is output elsewhere, if at all).
 *
 * Whitespace trimming (`{{-`, `-}}`) is ignored: the blanks stay blanks.
 */
import { scanActions, type TemplateAction } from './scan';

export type Span = readonly [number, number];

export interface TemplateInfo {
  /** The text as written; `ParsedFile.text` holds the masked text (same length, same lines). */
  readonly original: string;
  /** Every action of the text, in order. */
  readonly actions: readonly TemplateAction[];
  /** Output actions masked as placeholder words (the rest of the actions became blanks). */
  readonly placeholders: readonly Span[];
  /** Blanked branches: `else` parts and `define` bodies, ordered and disjoint. */
  readonly hidden: readonly Span[];
  /**
   * Per action: the index of the action that opens its block (`if`, `with`,
   * `range`, `define`, `block`: itself; `else`, `end`: their opener), or -1.
   */
  readonly opener: readonly number[];
  /** Per opening action: the index of its `end`, or -1 (not an opener, or left open). */
  readonly closer: readonly number[];
}

export interface MaskedText {
  readonly masked: string;
  readonly info: TemplateInfo;
}

/** The masked text and what was masked; undefined when the text holds no (closed) template action. */
export function maskTemplates(text: string): MaskedText | undefined {
  if (!text.includes('{{')) return undefined;
  try {
    const actions = scanActions(text);
    if (!actions.some((a) => a.closed)) return undefined;
    const blocks = pairBlocks(actions);
    const hidden = mergeSpans(blocks.hidden);
    const placeholders: Span[] = [];
    const edits: { start: number; end: number; fill: (segment: string) => string }[] = [];
    for (const span of hidden) edits.push({ start: span[0], end: span[1], fill: blank });
    let h = 0;
    const own = ownLineActions(text, actions);
    actions.forEach((a, k) => {
      while (h < hidden.length && hidden[h][1] <= a.start) h++;
      if (h < hidden.length && hidden[h][0] <= a.start && a.end <= hidden[h][1]) return; // already blanked with its branch
      if (a.kind !== 'output' || own[k]) edits.push({ start: a.start, end: a.end, fill: blank });
      else {
        placeholders.push([a.start, a.end]);
        edits.push({ start: a.start, end: a.end, fill: placeholder });
      }
    });
    edits.sort((x, y) => x.start - y.start);
    let out = '';
    let pos = 0;
    for (const e of edits) {
      if (e.start < pos) continue; // overlaps cannot happen (actions are disjoint, branches lie between actions); stay safe anyway
      out += text.slice(pos, e.start) + e.fill(text.slice(e.start, e.end));
      pos = e.end;
    }
    out += text.slice(pos);
    if (out.length !== text.length) return undefined;
    return { masked: out, info: { original: text, actions, placeholders, hidden, opener: blocks.opener, closer: blocks.closer } };
  } catch {
    return undefined; // masking is a best effort: the plain parse still works
  }
}

function blank(segment: string): string {
  return segment.replace(/[^\r\n]/g, ' ');
}

/** A word from the action's own text: stable when the action moves, distinct for distinct actions. */
function placeholder(segment: string): string {
  const nl = segment.search(/[\r\n]/);
  const first = nl < 0 ? segment.length : nl;
  let hash = 0x811c9dc5;
  for (let i = 0; i < segment.length; i++) hash = Math.imul(hash ^ segment.charCodeAt(i), 0x01000193);
  const word = ('x' + (hash >>> 0).toString(36) + 'x'.repeat(first)).slice(0, first);
  return word + blank(segment.slice(first));
}

/**
 * For each action: does it share its line(s) with nothing but blanks and
 * other actions? Actions separated by spaces or tabs only form a run; a run
 * that starts and ends its lines is on its own.
 */
function ownLineActions(text: string, actions: readonly TemplateAction[]): boolean[] {
  const own = new Array<boolean>(actions.length).fill(false);
  let i = 0;
  while (i < actions.length) {
    let j = i;
    while (j + 1 < actions.length && /^[ \t]*$/.test(text.slice(actions[j].end, actions[j + 1].start))) j++;
    const lineStart = text.lastIndexOf('\n', actions[i].start - 1) + 1;
    let lineEnd = text.indexOf('\n', actions[j].end);
    if (lineEnd < 0) lineEnd = text.length;
    const alone = /^[ \t]*$/.test(text.slice(lineStart, actions[i].start)) && /^[ \t\r]*$/.test(text.slice(actions[j].end, lineEnd));
    for (let k = i; k <= j; k++) own[k] = alone;
    i = j + 1;
  }
  return own;
}

/**
 * Pairs each block's opener with its `else` and `end`, and finds what is
 * blanked: `else` branches (to their `end`) and `define` bodies. Blocks left
 * open hide nothing.
 */
function pairBlocks(actions: readonly TemplateAction[]): { hidden: Span[]; opener: number[]; closer: number[] } {
  const hidden: Span[] = [];
  const opener = new Array<number>(actions.length).fill(-1);
  const closer = new Array<number>(actions.length).fill(-1);
  const stack: { keyword: string; at: number; elseAt?: number }[] = [];
  actions.forEach((a, k) => {
    if (a.kind === 'comment' || !a.closed) return;
    switch (a.keyword) {
      case 'if':
      case 'range':
      case 'with':
      case 'define':
      case 'block':
        stack.push({ keyword: a.keyword, at: k });
        opener[k] = k;
        break;
      case 'else': {
        const top = stack[stack.length - 1];
        if (!top) break;
        opener[k] = top.at;
        if (top.elseAt === undefined) top.elseAt = a.end;
        break;
      }
      case 'end': {
        const top = stack.pop();
        if (!top) break;
        opener[k] = top.at;
        closer[top.at] = k;
        if (top.keyword === 'define') hidden.push([actions[top.at].end, a.start]);
        else if (top.elseAt !== undefined) hidden.push([top.elseAt, a.start]);
        break;
      }
    }
  });
  return { hidden, opener, closer };
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else if (e > s) out.push([s, e]);
  }
  return out;
}
