/**
 * Where templates are: a parsed file is templated when its text holds Go
 * template actions (`ParsedFile.templated`); a file in the `templates/`
 * folder of a Helm chart is a template whatever it holds. Offsets inside
 * actions and blanked branches are not the user's YAML.
 */
import type { ParsedFile } from '../parser';
import type { Span, TemplateInfo } from './mask';
import type { TemplateAction } from './scan';

/**
 * A file in a chart's `templates/` folder (`.../templates/x.yaml`, subfolders
 * too). With `exists`, the chart must also have its `Chart.yaml` (or
 * `Chart.yml`) next to that folder.
 */
export function isChartTemplateUri(uri: string, exists?: (uri: string) => boolean): boolean {
  const m = /^(.*\/)templates\/(?:[^/]+\/)*[^/]+\.(?:ya?ml|tpl)$/i.exec(uri.split(/[?#]/)[0]);
  if (!m) return false;
  return !exists || exists(`${m[1]}Chart.yaml`) || exists(`${m[1]}Chart.yml`);
}

/** The first action that ends after `offset` (binary search; actions are ordered and disjoint). */
function firstEndingAfter(actions: readonly TemplateAction[], offset: number): number {
  let lo = 0;
  let hi = actions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (actions[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function inSpans(spans: readonly Span[], offset: number): boolean {
  return spans.some(([s, e]) => s < offset && offset < e);
}

/** Is the offset inside an action (past its first character) or in a blanked branch? */
export function insideTemplate(file: ParsedFile, offset: number): boolean {
  const t = file.templated;
  if (!t) return false;
  const a = t.actions[firstEndingAfter(t.actions, offset)];
  return (a !== undefined && a.start < offset) || inSpans(t.hidden, offset);
}

/**
 * Does [start, end) touch template text: an action or a blanked branch? An
 * empty range touches what it sits in. With `meaningful`, comments and
 * variable declarations (which change nothing) do not count.
 */
export function touchesTemplate(t: TemplateInfo, start: number, end: number, meaningful = false): boolean {
  const to = Math.max(end, start + 1);
  for (let i = firstEndingAfter(t.actions, start); i < t.actions.length && t.actions[i].start < to; i++) {
    const a = t.actions[i];
    if (!meaningful || (a.kind !== 'comment' && a.keyword !== '$')) return true;
  }
  return t.hidden.some(([s, e]) => s < to && start < e);
}

/**
 * Does template text inside [start, end) of the masked `text` decide
 * anything there? Output actions do. A block (`if`, `with`, `range` ...)
 * does when it lies inside the range without wrapping all of the range's
 * content: a chart that wraps a whole document in `{{- if .Values.on }}`
 * changes nothing inside it, and a block that reaches outside the range is
 * about more than the range. Comments and variable declarations never do.
 */
export function mattersIn(t: TemplateInfo, text: string, start: number, end: number): boolean {
  let cs = start;
  while (cs < end && /\s/.test(text.charAt(cs))) cs++;
  let ce = end;
  while (ce > cs && /\s/.test(text.charAt(ce - 1))) ce--;
  for (let i = firstEndingAfter(t.actions, start); i < t.actions.length && t.actions[i].start < end; i++) {
    const a = t.actions[i];
    if (a.kind === 'comment' || a.keyword === '$') continue;
    if (a.kind === 'output') return true;
    const o = t.opener[i] ?? -1;
    if (o < 0) return true; // break, continue, an unpaired else or end
    const open = t.actions[o];
    const close = t.closer[o] >= 0 ? t.actions[t.closer[o]] : undefined;
    if (open.start < start || (close && close.end > end)) continue;
    if (close && open.end <= cs && close.start >= ce) continue;
    return true;
  }
  return false;
}
