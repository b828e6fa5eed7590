/**
 * The facade over the core, in the vscode-json-languageservice style: the
 * server (and the command-line checker) call these functions only. One
 * service holds one workspace index; features on a document see the other
 * files through it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { parseFile, parseFileSteps, type ParsedFile } from './parser';
import { cursorAt, formatPath, type CursorContext } from './path';
import { doComplete } from './services/completion';
import { doCodeActions } from './services/codeActions';
import type { CodeAction, Range as LspRange } from 'vscode-languageserver-types';
import { doHover } from './services/hover';
import { doValidation, validationSteps } from './services/validation';
import { CEL_CHECKS } from './services/validation/cel';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { WorkspaceIndex, type IndexedFile } from './workspace';
import type { DocumentSymbol, Location, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import { findDefinition } from './services/workspace/definition';
import { findReferences } from './services/workspace/references';
import { doRename, prepareRename, validateRename, type RenameError, type RenamePlaceholder } from './services/workspace/rename';
import { findDocumentSymbols, findWorkspaceSymbols } from './services/workspace/symbols';
import type { NavContext } from './services/workspace/referenceAt';
import { findCodeLenses } from './services/rollout/codeLenses';
import { generateCanary, type CanaryOptions, type CanaryResult } from './services/generate/canary';
import { workspaceFacts, type WorkspaceFacts } from './services/generate/facts';
import { fileLookup, offsetsTouchTemplates, safeCodeActions, safeCodeLenses } from './templates/edits';
import { readableSymbols } from './templates/names';

export interface LanguageService {
  /** The workspace this service sees (every indexed file). */
  readonly workspace: WorkspaceIndex;
  /** Parses a text; the result is immutable and may be cached by uri + version. */
  parseFile(text: string, previous?: ParsedFile): ParsedFile;
  /** parseFile in steps (one per `---` section to parse); the generator returns the parse. Once started, finish it: `previous` is consumed. */
  parseFileSteps(text: string, previous?: ParsedFile): Generator<void, ParsedFile, void>;
  /** Makes the index hold this parse of `uri` (a no-op when it already does). */
  indexFile(uri: string, file: ParsedFile): IndexedFile;
  doValidation(document: TextDocument, file: ParsedFile, settings?: Settings): Diagnostic[];
  /**
   * doValidation's work in small steps: indexing the file, then each
   * document's findings, then each resource's cross-file findings. A server
   * runs them with pauses in between, so that the first validation of a big
   * file does not hold up completion and hover; doValidation then reuses
   * what they computed.
   */
  prepareValidation(document: TextDocument, file: ParsedFile, settings?: Settings): Iterator<void>;
  /** Schema completions, plus what other files of the workspace define (subsets, hosts, gateways, ports, pod labels). */
  doComplete(document: TextDocument, file: ParsedFile, position: Position): CompletionList;
  /** Schema docs; on a subset, gateway or host reference, first what it resolves to in the workspace. */
  doHover(document: TextDocument, file: ParsedFile, position: Position): Hover | null;
  /** Subset -> DestinationRule subset names; gateway -> Gateway name; host -> DestinationRules, ServiceEntry hosts, Services. */
  findDefinition(document: TextDocument, file: ParsedFile, position: Position): Location[];
  /** Uses of the subset or Gateway under the cursor (its definition or a reference), across files. */
  findReferences(document: TextDocument, file: ParsedFile, position: Position, includeDeclaration: boolean): Location[];
  /** The subset or Gateway name under the cursor, or null (validateRename says why). */
  prepareRename(document: TextDocument, file: ParsedFile, position: Position): RenamePlaceholder | null;
  /** Why a rename is refused (nothing renamable here, not defined, invalid or taken name), else null. */
  validateRename(document: TextDocument, file: ParsedFile, position: Position, newName?: string): RenameError | null;
  /** The edits of every file; null exactly when validateRename reports an error. */
  doRename(document: TextDocument, file: ParsedFile, position: Position, newName: string): WorkspaceEdit | null;
  /** The outline: each object as `Kind name`, with routes, destinations, subsets, servers, ports. */
  findDocumentSymbols(document: TextDocument, file: ParsedFile): DocumentSymbol[];
  /** Resources and DestinationRule subsets of the whole workspace whose name matches `query`. */
  findWorkspaceSymbols(query: string): SymbolInformation[];
  /** Quick fixes (kind quickfix, with a WorkspaceEdit) for our diagnostics in `diagnostics` that touch `range`. */
  doCodeActions(document: TextDocument, file: ParsedFile, range: LspRange, diagnostics: Diagnostic[]): CodeAction[];
  /** The cursor context at an offset (path, key/value/empty, typed prefix). */
  getCursorContext(file: ParsedFile, offset: number): CursorContext | undefined;
  /** Rollout lenses over weighted routes ("Shift 10% to v2", ...). */
  findCodeLenses(document: TextDocument, file: ParsedFile): CodeLens[];
  /** The canary VirtualService (+ DestinationRule, or edits adding subsets to the existing one). */
  generateCanary(options: CanaryOptions): CanaryResult;
  /** Hosts, subsets and Gateways known to the workspace (for prompts). */
  workspaceFacts(): WorkspaceFacts;
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
  const nav = (document: TextDocument, file: ParsedFile): NavContext => ({ index: workspace, file: indexFile(document.uri, file), document });
  return {
    workspace,
    parseFile,
    parseFileSteps,
    indexFile,
    doValidation(document, file, settings = DEFAULT_SETTINGS) {
      indexFile(document.uri, file);
      return doValidation(document, file, settings, workspace);
    },
    *prepareValidation(document, file, settings = DEFAULT_SETTINGS) {
      if (workspace.get(document.uri)?.parsed !== file) {
        yield* workspace.prepare(document.uri, file);
        indexFile(document.uri, file);
      }
      yield* validationSteps(document, file, settings, workspace);
    },
    doComplete(document, file, position) {
      if (file.limit) return { isIncomplete: false, items: [] }; // over a limit of core/limits.ts: not analysed
      indexFile(document.uri, file);
      return doComplete(document, file, position, workspace);
    },
    doHover(document, file, position) {
      if (file.limit) return null; // over a limit of core/limits.ts: not analysed
      indexFile(document.uri, file);
      return doHover(document, file, position, workspace);
    },
    findDefinition: (document, file, position) => findDefinition(nav(document, file), position),
    findReferences: (document, file, position, includeDeclaration) => findReferences(nav(document, file), position, includeDeclaration),
    prepareRename: (document, file, position) => prepareRename(nav(document, file), position),
    validateRename: (document, file, position, newName) => validateRename(nav(document, file), position, newName),
    doRename: (document, file, position, newName) => doRename(nav(document, file), position, newName),
    findDocumentSymbols: (document, file) => readableSymbols(document, file, findDocumentSymbols(document, file, workspace.namespace)),
    findWorkspaceSymbols: (query) => findWorkspaceSymbols(workspace, query),
    // Edits computed from a templated file's masked text must not overwrite template text (templates/edits.ts).
    doCodeActions(document, file, range, diagnostics) {
      indexFile(document.uri, file);
      return safeCodeActions(fileLookup(workspace, { uri: document.uri, file }), doCodeActions(document, file, range, diagnostics, workspace));
    },
    getCursorContext: cursorAt,
    findCodeLenses: (document, file) => safeCodeLenses(fileLookup(workspace, { uri: document.uri, file }), document.uri, findCodeLenses(document, file)),
    generateCanary(options) {
      const result = generateCanary(options, workspace);
      if (!result.ok) return result;
      const files = fileLookup(workspace);
      const templated = result.edits.find((e) => offsetsTouchTemplates(files, e.uri, [[e.offset, e.offset]]));
      return templated
        ? { ok: false, error: `The DestinationRule to extend (${templated.uri}) is written with a template at that place: add the subsets in the template's source instead.` }
        : result;
    },
    workspaceFacts: () => workspaceFacts(workspace),
  };
}

export { DEFAULT_SETTINGS, formatPath, WorkspaceIndex };
export type { RenameError, RenamePlaceholder };
export type { CanaryOptions, CanaryResult, CursorContext, IndexedFile, ParsedFile, Settings, WorkspaceFacts };

/** The CRD CEL rule expressions we implement (for the completeness test). */
export function implementedCelRules(): string[] {
  return Object.keys(CEL_CHECKS);
}
