/**
 * Parses are cached by uri + version: every feature asking about the same
 * version of a document shares one parse. A new version is parsed against
 * the previous one, so unchanged documents of a multi-document file are
 * reused (with what the core cached on them). Entries go when a document
 * closes.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedFile } from '../core/parser';

export class ParseCache {
  private readonly entries = new Map<string, { version: number; parsed: ParsedFile }>();

  constructor(private readonly parse: (text: string, previous?: ParsedFile) => ParsedFile) {}

  get(document: TextDocument): ParsedFile {
    const hit = this.entries.get(document.uri);
    if (hit && hit.version === document.version) return hit.parsed;
    const parsed = this.parse(document.getText(), hit?.parsed);
    this.entries.set(document.uri, { version: document.version, parsed });
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
