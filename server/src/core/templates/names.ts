/**
 * Names shown to the user (outline, workspace symbols) come from the masked
 * text, where a template action is a placeholder word. Show what the user
 * wrote instead: `{{ .Values.app }}-reviews`, not the placeholder.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { ParsedFile } from '../parser';

export function readableSymbols(document: TextDocument, file: ParsedFile, symbols: DocumentSymbol[]): DocumentSymbol[] {
  const t = file.templated;
  if (!t) return symbols;
  const fix = (s: DocumentSymbol): DocumentSymbol => {
    const start = document.offsetAt(s.selectionRange.start);
    const end = document.offsetAt(s.selectionRange.end);
    const masked = file.text.slice(start, end);
    const original = t.original.slice(start, end);
    const name = masked !== original && masked !== '' && s.name.includes(masked) ? s.name.replace(masked, original.replace(/\s+/g, ' ')) : s.name;
    return { ...s, name, children: s.children?.map(fix) };
  };
  return symbols.map(fix);
}
