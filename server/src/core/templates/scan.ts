/**
 * Finds the Go template actions of a text (Helm charts, `{{ ... }}`): their
 * exact spans and what kind each is. The scan is linear and never throws;
 * an action left open (still being typed, or a stray `{{`) ends at the end
 * of the line it started on.
 */

/**
 * `comment`: a template comment; `control`: the action itself renders nothing
 * (if, else, end, range, with, define, block, break, continue, `$x := ...`);
 * `output`: it renders text.
 */
export type ActionKind = 'comment' | 'control' | 'output';

export interface TemplateAction {
  readonly start: number;
  /** Exclusive: just past `}}`, or the end of the line of an action left open. */
  readonly end: number;
  readonly kind: ActionKind;
  /** The leading keyword (`if`, `else`, `end`, `range`, `with`, `define`, `block`, `template`, ...), `$` for a variable declaration, else ''. */
  readonly keyword: string;
  /** False when no `}}` closes it. */
  readonly closed: boolean;
}

const CONTROL = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'break', 'continue']);
const KEYWORDS = new Set([...CONTROL, 'template']);

/** Guard against pathological inputs: past this many actions the rest of the text is left as it is. */
export const MAX_ACTIONS = 50000;

export function scanActions(text: string): TemplateAction[] {
  const out: TemplateAction[] = [];
  let at = text.indexOf('{{');
  while (at >= 0 && out.length < MAX_ACTIONS) {
    const action = scanAction(text, at);
    out.push(action);
    at = text.indexOf('{{', Math.max(action.end, at + 2));
  }
  return out;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function scanAction(text: string, start: number): TemplateAction {
  const open = (kind: ActionKind, keyword: string): TemplateAction => ({ start, end: Math.max(lineEnd(text, start), start + 2), kind, keyword, closed: false });
  let i = start + 2;
  // `{{- ` trims the whitespace before the action (the dash needs a blank after it; `{{-3}}` is a number).
  if (text[i] === '-' && isBlank(text[i + 1])) i++;
  while (isBlank(text[i])) i++;
  if (text.startsWith('/*', i)) {
    const close = text.indexOf('*/', i + 2);
    if (close < 0) return open('comment', '');
    let j = close + 2;
    while (isBlank(text[j])) j++;
    if (text[j] === '-') j++;
    return text.startsWith('}}', j) ? { start, end: j + 2, kind: 'comment', keyword: '', closed: true } : open('comment', '');
  }
  const word = /^(\$[A-Za-z0-9_]*\s*:?=(?!=)|[A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i, i + 64))?.[0] ?? '';
  const keyword = word.startsWith('$') ? '$' : KEYWORDS.has(word) ? word : '';
  const kind: ActionKind = keyword === '$' || CONTROL.has(keyword) ? 'control' : 'output';
  const end = closingOf(text, i);
  return end < 0 ? open(kind, keyword) : { start, end, kind, keyword, closed: true };
}

/** The offset just past the `}}` that closes an action whose body starts at `from`, or -1. */
function closingOf(text: string, from: number): number {
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7d /* } */ && text.charCodeAt(i + 1) === 0x7d) return i + 2;
    if (c === 0x7b /* { */ && text.charCodeAt(i + 1) === 0x7b) return -1; // another action opens first: this one was left open
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      i = skipQuoted(text, i, c);
      if (i < 0) return -1;
    } else if (c === 0x60 /* ` */) {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

/** Index of the closing quote of a one-line string or character literal, or -1 when the line ends first. */
function skipQuoted(text: string, from: number, quote: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === quote) return i;
    else if (c === 0x0a) return -1;
  }
  return -1;
}
