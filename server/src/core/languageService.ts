/**
 * The facade over the core, in the vscode-json-languageservice style: the
 * server (and the command-line checker) call these functions only.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { parseFile, type ParsedFile } from './parser';
import { cursorAt, formatPath, type CursorContext } from './path';
import { doComplete } from './services/completion';
import { doHover } from './services/hover';
import { doValidation } from './services/validation';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { CEL_CHECKS } from './services/validation/cel';

export interface LanguageService {
  /** Parses a text; the result is immutable and may be cached by uri + version. */
  parseFile(text: string): ParsedFile;
  doValidation(document: TextDocument, file: ParsedFile, settings?: Settings): Diagnostic[];
  doComplete(document: TextDocument, file: ParsedFile, position: Position): CompletionList;
  doHover(document: TextDocument, file: ParsedFile, position: Position): Hover | null;
  /** The cursor context at an offset (path, key/value/empty, typed prefix). */
  getCursorContext(file: ParsedFile, offset: number): CursorContext | undefined;
}

export function getLanguageService(): LanguageService {
  return { parseFile, doValidation, doComplete, doHover, getCursorContext: cursorAt };
}

export { DEFAULT_SETTINGS, formatPath };

/** The CRD CEL rule expressions we implement (for the completeness test). */
export function implementedCelRules(): string[] {
  return Object.keys(CEL_CHECKS);
}
export type { CursorContext, ParsedFile, Settings };
