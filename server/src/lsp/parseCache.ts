/**
 * Parses are cached by uri + version (and text): every feature asking about the same
 * version of a document shares one parse. A new version is parsed against
 * the previous one, so unchanged documents of a multi-document file are
 * reused (with what the core cached on them). Entries go when a document
 * closes.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedFile } from '../core/parser';

export class ParseCache {
  private readonly entries = new Map<string, { version: number; text: string; parsed: ParsedFile }>();

  constructor(private readonly parse: (text: string, previous?: ParsedFile) => ParsedFile) {}

  get(document: TextDocument): ParsedFile {
    const hit = this.entries.get(document.uri);
    const text = document.getText();
    // The text too: a client may (wrongly) send new text under a version it already used.
    // Usually the same string object, so the comparison is free.
    if (hit && hit.version === document.version && hit.text === text) return hit.parsed;
    const parsed = this.parse(text, hit?.parsed);
    this.entries.set(document.uri, { version: document.version, text, parsed });
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
