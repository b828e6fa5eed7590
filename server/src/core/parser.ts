/**
 * Parsing never fails: a text becomes a list of documents, each with its YAML
 * tree, its problems and what resource it holds. The result is immutable;
 * derived data lives in separate maps keyed by it, never on it.
 */
import { classify, type ResourceInfo } from './resource';
import { parseYamlStream, type RawDocument, type YamlDocument, type YamlProblem } from './yamlAst';

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
  readonly text: string;
  readonly docs: readonly ParsedDocument[];
  /** True when at least one document is an Istio resource. */
  readonly hasIstio: boolean;
  /** True when at least one document is a Kubernetes object (Istio or not). */
  readonly hasKubernetes: boolean;
}

/**
 * Parses a text. With the parse of an earlier version of the same file,
 * unchanged documents (same text at the same offset) are reused, objects and
 * all, so per-document work cached on them survives the edit.
 */
export function parseFile(text: string, previous?: ParsedFile): ParsedFile {
  const { docs: raw } = parseYamlStream(text, previous?.docs.map((d) => d.raw));
  const byRaw = new Map(previous?.docs.map((d) => [d.raw, d]));
  const docs = raw.map((r, index): ParsedDocument => {
    const old = byRaw.get(r);
    if (old && old.index === index) return old;
    const resource = old ? old.resource : classify(r.doc, text.slice(r.start, r.end));
    return { index, start: r.start, end: r.end, yaml: r.doc, problems: r.problems, resource, raw: r };
  });
  return {
    text,
    docs,
    hasIstio: docs.some((d) => d.resource?.kind === 'istio'),
    hasKubernetes: docs.some((d) => d.resource !== undefined),
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
