/**
 * Parsing never fails: a text becomes a list of documents, each with its YAML
 * tree, its problems and what resource it holds. The result is immutable;
 * derived data lives in separate maps keyed by it, never on it.
 */
import type { Finding } from './findings';
import { nestingNotice, overLimitFile, sectionTooDeep, textLimit } from './limits';
import { classify, type ResourceInfo } from './resource';
import { drain } from './steps';
import { parseYamlStreamSteps, type RawDocument, type YamlDocument, type YamlProblem } from './yamlAst';
import { maskTemplates, type TemplateInfo } from './templates/mask';

export interface ParsedDocument {
  /** Position of the document in its file, from 0. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly yaml: YamlDocument;
  readonly problems: readonly YamlProblem[];
  readonly resource?: ResourceInfo;
  /** The parser's output this document was made from (reused across versions when unchanged). */
  readonly raw: RawDocument;
}

export interface ParsedFile {
  /** The text that was parsed: for a templated file, the masked text (same length and lines as the original). */
  readonly text: string;
  readonly docs: readonly ParsedDocument[];
  /** True when at least one document is an Istio resource. */
  readonly hasIstio: boolean;
  /** True when at least one document is a Kubernetes object (Istio or not). */
  readonly hasKubernetes: boolean;
  /**
   * Set when the text holds Go template actions (Helm): every action was
   * blanked or replaced by a placeholder word before parsing (core/templates),
   * so offsets and lines are the original's; `templated.original` is the text
   * as written.
   */
  readonly templated?: TemplateInfo;
  /**
   * Set when the text is over a limit of core/limits.ts (too large, nested
   * too deep, binary): the file then has no documents and this notice is its
   * only diagnostic.
   */
  readonly limit?: Finding;
}

/**
 * Parses a text. With the parse of an earlier version of the same file,
 * unchanged documents (same section text) are reused, objects and all, so
 * per-document work cached on them survives the edit. A document that only
 * moved keeps its identity and is rebased in place (its new `start`/`end`);
 * caches of offsets derived from it compare `start` with the offset they
 * were computed at and shift (see `rebased`). `previous` is consumed.
 */
export function parseFile(text: string, previous?: ParsedFile): ParsedFile {
  return drain(parseFileSteps(text, previous));
}

/**
 * parseFile in steps, one per `---` section that has to be parsed, for a
 * server that answers other requests in between (a big file just opened).
 * Run to the end, it gives exactly what parseFile gives; `previous` is
 * consumed as it goes, so a started run must be finished, never dropped.
 */
export function* parseFileSteps(text: string, previous?: ParsedFile): Generator<void, ParsedFile, void> {
  // -- limits guard: a text over a limit is not parsed at all (see core/limits.ts).
  const limit = textLimit(text);
  if (limit) return overLimitFile(text, limit);
  // -- end of the limits guard
  // -- Go/Helm templates hook: from here on `text` is the masked, same-length text (see core/templates/mask.ts).
  const original = text;
  const template = maskTemplates(text);
  if (template) text = template.masked;
  // -- end of the templates hook
  const { docs: raw, tooDeep } = yield* parseYamlStreamSteps(text, previous?.docs.map((d) => d.raw), sectionTooDeep, previous?.text.length);
  if (tooDeep !== undefined) return overLimitFile(original, nestingNotice(tooDeep));
  const byRaw = new Map(previous?.docs.map((d) => [d.raw, d]));
  const docs = raw.map((r, index): ParsedDocument => {
    const old = byRaw.get(r);
    if (old && old.index === index) {
      if (old.start !== r.start || old.problems !== r.problems) Object.assign(old as { -readonly [K in keyof ParsedDocument]: ParsedDocument[K] }, { start: r.start, end: r.end, problems: r.problems });
      return old;
    }
    const resource = old ? old.resource : classify(r.doc, text.slice(r.start, r.end));
    return {
      index,
      start: r.start,
      end: r.end,
      // A getter: a moved tree is brought up to date only when it is looked at (see yamlAst's Section).
      get yaml() {
        return r.doc;
      },
      problems: r.problems,
      resource,
      raw: r,
    };
  });
  return {
    text,
    docs,
    hasIstio: docs.some((d) => d.resource?.kind === 'istio'),
    hasKubernetes: docs.some((d) => d.resource !== undefined),
    templated: template?.info, // templates hook
  };
}

/**
 * The document an offset belongs to. An offset between two documents (on a
 * `---` line or trailing blank lines) belongs to the one before it.
 */
export function docAt(file: ParsedFile, offset: number): ParsedDocument | undefined {
  let found: ParsedDocument | undefined;
  for (const d of file.docs) {
    if (d.start <= offset) found = d;
    else break;
  }
  return found;
}

/**
 * A cache entry for offsets derived from a document, brought to where the
 * document starts now (`start`): `shift` runs (once) only when the document
 * moved since `entry.base` was recorded.
 */
export function rebased<T>(entry: { base: number; value: T }, start: number, shift: (value: T, delta: number) => T): T {
  if (entry.base !== start) {
    entry.value = shift(entry.value, start - entry.base);
    entry.base = start;
  }
  return entry.value;
}
