/**
 * The facade over the core, in the vscode-json-languageservice style: the
 * server (and the command-line checker) call these functions only. One
 * service holds one workspace index; features on a document see the other
 * files through it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { parseFile, type ParsedFile } from './parser';
import { cursorAt, formatPath, type CursorContext } from './path';
import { doComplete } from './services/completion';
import { doHover } from './services/hover';
import { doValidation } from './services/validation';
import { CEL_CHECKS } from './services/validation/cel';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { WorkspaceIndex, type IndexedFile } from './workspace';

export interface LanguageService {
  /** The workspace this service sees (every indexed file). */
  readonly workspace: WorkspaceIndex;
  /** Parses a text; the result is immutable and may be cached by uri + version. */
  parseFile(text: string): ParsedFile;
  /** Makes the index hold this parse of `uri` (a no-op when it already does). */
  indexFile(uri: string, file: ParsedFile): IndexedFile;
  doValidation(document: TextDocument, file: ParsedFile, settings?: Settings): Diagnostic[];
  doComplete(document: TextDocument, file: ParsedFile, position: Position): CompletionList;
  doHover(document: TextDocument, file: ParsedFile, position: Position): Hover | null;
  /** The cursor context at an offset (path, key/value/empty, typed prefix). */
  getCursorContext(file: ParsedFile, offset: number): CursorContext | undefined;
}

export interface LanguageServiceOptions {
  readonly workspace?: WorkspaceIndex;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const workspace = options.workspace ?? new WorkspaceIndex();
  const indexFile = (uri: string, file: ParsedFile): IndexedFile => {
    const entry = workspace.get(uri);
    return entry && entry.parsed === file ? entry : workspace.update(uri, file);
  };
  return {
    workspace,
    parseFile,
    indexFile,
    doValidation(document, file, settings = DEFAULT_SETTINGS) {
      indexFile(document.uri, file);
      return doValidation(document, file, settings, workspace);
    },
    doComplete,
    doHover,
    getCursorContext: cursorAt,
  };
}

export { DEFAULT_SETTINGS, formatPath, WorkspaceIndex };
export type { CursorContext, IndexedFile, ParsedFile, Settings };

/** The CRD CEL rule expressions we implement (for the completeness test). */
export function implementedCelRules(): string[] {
  return Object.keys(CEL_CHECKS);
}
