/**
 * The facade over the core, in the vscode-json-languageservice style: the
 * server (and the command-line checker) call these functions only.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseFile, type ParsedFile } from './parser';
import { cursorAt, formatPath, type CursorContext } from './path';
import { doValidation } from './services/validation';

export interface LanguageService {
  /** Parses a text; the result is immutable and may be cached by uri + version. */
  parseFile(text: string): ParsedFile;
  doValidation(document: TextDocument, file: ParsedFile): Diagnostic[];
  /** The cursor context at an offset (path, key/value/empty, typed prefix). */
  getCursorContext(file: ParsedFile, offset: number): CursorContext | undefined;
}

export function getLanguageService(): LanguageService {
  return { parseFile, doValidation, getCursorContext: cursorAt };
}

export { formatPath };
export type { CursorContext, ParsedFile };
