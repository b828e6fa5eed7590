/**
 * The `---` sections of a text, and what an edit left alone of a previous
 * parse's sections. Pure text work (no YAML parsing): yamlAst.ts parses what
 * these functions say has changed.
 */
import type { RawDocument } from './yamlAst';

/** The documents of one `---` section of a previous parse. */
export interface Group {
  readonly start: number;
  readonly end: number;
  readonly source: string;
  readonly docs: RawDocument[];
}

/** The documents of `previous`, grouped by the section they came from, in order. */
export function sectionGroups(previous: readonly RawDocument[]): Group[] {
  const out: Group[] = [];
  for (const d of previous) {
    const last = out[out.length - 1];
    if (last && last.start === d.sectionStart) last.docs.push(d);
    else out.push({ start: d.sectionStart, end: d.sectionStart + d.source.length, source: d.source, docs: [d] });
  }
  return out;
}

/** Groups by their text, in order (a text may occur more than once). */
export function byText(groups: readonly Group[]): Map<string, Group[]> {
  const out = new Map<string, Group[]>();
  for (const g of groups) {
    const list = out.get(g.source);
    if (list) list.push(g);
    else out.set(g.source, [g]);
  }
  return out;
}

/**
 * What an edit left alone: the first `head` groups (same text at the same
 * offsets, the last still ending where a section starts) and the groups from
 * `tail` on (same text, moved by the length difference, the first still
 * starting a section); the text between, [from, to), is what has to be split
 * again. Groups must tile the text without gaps to be kept this way (a
 * section without documents leaves a gap): comparing in place costs no
 * hashing and no slicing, so an edit does not pay for the whole file.
 */
export function unchangedEnds(text: string, groups: readonly Group[], previousLength: number | undefined): { head: number; tail: number; from: number; to: number } {
  if (groups.length === 0 || previousLength === undefined) return { head: 0, tail: groups.length, from: 0, to: text.length };
  let head = 0;
  while (head < groups.length && groups[head].start === (head === 0 ? 0 : groups[head - 1].end) && textAt(text, groups[head].source, groups[head].start)) head++;
  while (head > 0 && !endsSection(text, groups[head - 1].end)) head--;
  const from = head === 0 ? 0 : groups[head - 1].end;
  const delta = text.length - previousLength;
  let tail = groups.length;
  while (
    tail > head &&
    groups[tail - 1].end === (tail === groups.length ? previousLength : groups[tail].start) &&
    groups[tail - 1].start + delta >= from &&
    textAt(text, groups[tail - 1].source, groups[tail - 1].start + delta)
  ) {
    tail--;
  }
  while (tail < groups.length && !startsSection(text, groups[tail].start + delta)) tail++;
  const to = tail === groups.length ? text.length : groups[tail].start + delta;
  return { head, tail, from, to };
}

/**
 * Whether `text` holds `part` at `offset`. A slice compared with `===` is a
 * native memory comparison; `startsWith(part, offset)` goes character by
 * character, ten times slower on long sections.
 */
function textAt(text: string, part: string, offset: number): boolean {
  return text.slice(offset, offset + part.length) === part;
}

const MARKER = /---(?=[ \t\r\n#]|$)/y;

/** Whether a `---` section starts at `offset` (0 always does). */
function startsSection(text: string, offset: number): boolean {
  if (offset === 0) return true;
  if (text.charCodeAt(offset - 1) !== 10) return false;
  MARKER.lastIndex = offset;
  return MARKER.test(text);
}

/** Whether a section that ends at `offset` ends there in `text` too: the next one starts, or the text ends. */
function endsSection(text: string, offset: number): boolean {
  return offset === text.length || (offset > 0 && startsSection(text, offset));
}

/** Offsets in [from, to) where a `---` line starts a new section, and `from` (itself a section start). */
export function sectionStarts(text: string, from = 0, to = text.length): number[] {
  const starts = from < to || from === 0 ? [from] : [];
  const re = /^---(?=[ \t\r\n#]|$)/gm;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) if (m.index > from) starts.push(m.index);
  return starts;
}
