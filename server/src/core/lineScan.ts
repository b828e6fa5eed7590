/**
 * Line-level view of block YAML, for positions the YAML tree cannot explain:
 * a blank indented line, a half-typed key, a document broken mid-edit.
 */

export interface ScannedLine {
  /** Columns of the `- ` sequence markers on the line, left to right. */
  readonly dashes: readonly number[];
  /** Column where the content after the markers starts. */
  readonly contentCol: number;
  /** The key of a `key:` entry on the line, unquoted. */
  readonly key?: string;
  /** Column where the key starts (equals contentCol when there is a key). */
  readonly keyCol?: number;
  /** Column just after the `:` of the key. */
  readonly colonEnd?: number;
  /** The inline value text after the colon, comment removed, trimmed. */
  readonly value: string;
  /** True for a blank or comment-only line. */
  readonly blank: boolean;
  /** Document marker `---` or `...`. */
  readonly marker: boolean;
}

const QUOTED_KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)/;
/** A `:` that ends a key: followed by a blank or the end of the line. */
const KEY_COLON_RE = /:(?=[ \t]|$)/g;
/** Characters that cannot start a plain key (YAML indicators, blanks). */
const NOT_KEY_START = /[\s#'"{}[\],&*!|>%@`-]/;

/**
 * The `key:` at the start of `rest`: the raw key and the length up to and
 * including the colon. A plain key runs to the first `: ` (or `:` at the end
 * of the line), blanks before the colon excluded. Linear in the line's
 * length: a regular expression with a lazy key and a `[ \t]*` before the
 * colon backtracks quadratically on a long run of blanks.
 */
function matchKey(rest: string): { raw: string; length: number } | undefined {
  const first = rest[0];
  if (first === undefined) return undefined;
  if (first === '"' || first === "'") {
    const m = QUOTED_KEY_RE.exec(rest);
    return m ? { raw: m[1], length: m[0].length } : undefined;
  }
  // A plain key: not an indicator, except `-` followed by a non-blank (`-foo:`).
  const minLength = first === '-' ? 2 : 1;
  if (first === '-' ? rest.length < 2 || /\s/.test(rest[1]) : NOT_KEY_START.test(first)) return undefined;
  KEY_COLON_RE.lastIndex = minLength;
  const colon = KEY_COLON_RE.exec(rest);
  if (!colon) return undefined;
  let end = colon.index;
  while (end > minLength && (rest[end - 1] === ' ' || rest[end - 1] === '\t')) end--;
  return { raw: rest.slice(0, end), length: colon.index + 1 };
}

export function scanLine(line: string): ScannedLine {
  // A byte-order mark opening the file is not content: skip it (columns stay offsets from the line start).
  const bom = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  let i = bom;
  while (i < line.length && line[i] === ' ') i++;
  if (i === line.length || line[i] === '#') {
    return { dashes: [], contentCol: i, value: '', blank: true, marker: false };
  }
  if (i === bom && /^(---|\.\.\.)(\s|$)/.test(bom ? line.slice(bom) : line)) {
    return { dashes: [], contentCol: bom, value: '', blank: false, marker: true };
  }
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  }
  const rest = line.slice(i);
  const m = matchKey(rest);
  if (!m) return { dashes, contentCol: i, value: stripComment(rest), blank: false, marker: false };
  const rawKey = m.raw;
  const colonEnd = i + m.length;
  return {
    dashes,
    contentCol: i,
    key: unquote(rawKey),
    keyCol: i,
    colonEnd,
    value: stripComment(line.slice(colonEnd)),
    blank: false,
    marker: false,
  };
}

function unquote(key: string): string {
  if (key.startsWith('"') && key.endsWith('"') && key.length >= 2) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'") && key.endsWith("'") && key.length >= 2) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

/** Removes a trailing `# comment` that is not inside quotes, and trims. */
export function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return text.slice(0, i).trim();
    }
  }
  return text.trim();
}

/** True when an inline value starts a block scalar (`|`, `>-`, `|2+` ...). */
export function isBlockScalarHeader(value: string): boolean {
  return /^[|>][0-9+-]*$/.test(value);
}
