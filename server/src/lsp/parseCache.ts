/**
 * Parses are cached by uri + version (and text): every feature asking about the same
 * version of a document shares one parse. A new version is parsed against
 * the previous one, so unchanged documents of a multi-document file are
 * reused (with what the core cached on them). Entries go when a document
 * closes.
 *
 * The first parse of a document can also run in steps (`begin`), which the
 * server spreads over slices of the event loop for a big file just opened;
 * whoever needs the parse before the steps are done (`get`) finishes them at
 * once. Later versions are parsed in one go: they reuse the previous parse
 * and consume it, which must not be left half done while other requests
 * read the workspace index (it holds that previous parse), and they are
 * cheap anyway (only the edited sections are parsed).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedFile } from '../core/parser';
import { drain } from '../core/steps';

interface Entry {
  readonly version: number;
  readonly text: string;
}

interface Pending extends Entry {
  readonly steps: Iterator<void, ParsedFile>;
}

export class ParseCache {
  private readonly entries = new Map<string, Entry & { parsed: ParsedFile }>();
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly parseSteps: (text: string, previous?: ParsedFile) => Iterator<void, ParsedFile>) {}

  get(document: TextDocument): ParsedFile {
    const text = document.getText();
    const hit = this.current(document.uri, document.version, text);
    if (hit) return hit;
    drain(this.begin(document)); // the last step caches the parse
    return this.current(document.uri, document.version, text)!;
  }

  /**
   * The steps of this version's parse: none when it is cached; the steps
   * already under way for it; new steps for a first parse; none for a later
   * version, parsed here and now against the last one (see above).
   */
  begin(document: TextDocument): Iterator<void> {
    const uri = document.uri;
    const text = document.getText();
    if (this.current(uri, document.version, text)) return EMPTY;
    const under = this.pending.get(uri);
    if (under && same(under, document.version, text)) return this.stepper(uri, under);
    if (under) this.store(uri, under, drain(under.steps)); // a first parse of text since replaced: it becomes the previous parse
    const previous = this.entries.get(uri)?.parsed;
    const started: Pending = { version: document.version, text, steps: this.parseSteps(text, previous) };
    if (previous) {
      this.store(uri, started, drain(started.steps));
      return EMPTY;
    }
    this.pending.set(uri, started);
    return this.stepper(uri, started);
  }

  delete(uri: string): void {
    this.pending.delete(uri); // a first parse: it consumes nothing, so it can be dropped
    this.entries.delete(uri);
  }

  /** The cached parse of exactly this version and text (a client may wrongly reuse a version for new text). */
  private current(uri: string, version: number, text: string): ParsedFile | undefined {
    const hit = this.entries.get(uri);
    // Usually the same string object, so the comparison is free.
    return hit && same(hit, version, text) ? hit.parsed : undefined;
  }

  /** Caches a finished parse (no longer pending). */
  private store(uri: string, p: Pending, parsed: ParsedFile): void {
    if (this.pending.get(uri) === p) this.pending.delete(uri);
    this.entries.set(uri, { version: p.version, text: p.text, parsed });
  }

  /** Steps driven from outside: done once the parse is (by whoever finished it). */
  private stepper(uri: string, p: Pending): Iterator<void> {
    return {
      next: () => {
        if (this.pending.get(uri) !== p) return DONE;
        const r = p.steps.next();
        if (!r.done) return { done: false, value: undefined };
        this.store(uri, p, r.value);
        return DONE;
      },
    };
  }
}

const DONE: IteratorResult<void> = { done: true, value: undefined };
const EMPTY: Iterator<void> = { next: () => DONE };

function same(entry: Entry, version: number, text: string): boolean {
  return entry.version === version && entry.text === text;
}
