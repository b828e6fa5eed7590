/**
 * Edits must never overwrite template text. A templated file is analysed
 * through its masked text, so an edit computed from it (a quick fix, a
 * rollout lens, a rename, Generate Canary adding subsets) could land on a
 * placeholder word or in a blanked branch and replace what the user wrote.
 * These checks find such edits so that the facade can drop or refuse them.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, TextEdit } from 'vscode-languageserver-types';
import type { ParsedFile } from '../parser';
import type { WorkspaceIndex } from '../workspace';
import { touchesTemplate } from './detect';

/** The parse of `uri`: the request's own file, else the index's. */
type FileOf = (uri: string) => ParsedFile | undefined;

export function fileLookup(index: WorkspaceIndex, current?: { uri: string; file: ParsedFile }): FileOf {
  return (uri) => (current && uri === current.uri ? current.file : index.get(uri)?.parsed);
}

/** Does any of these offset ranges of `uri` touch template text? */
export function offsetsTouchTemplates(files: FileOf, uri: string, ranges: readonly (readonly [number, number])[]): boolean {
  const t = files(uri)?.templated;
  return t !== undefined && ranges.some(([s, e]) => touchesTemplate(t, s, e));
}

/**
 * A check of LSP edits against template text, for one request: each
 * templated file's positions are converted through one TextDocument, made
 * the first time an edit of that file is checked.
 */
function editChecker(files: FileOf): (uri: string, edits: readonly TextEdit[]) => boolean {
  const docs = new Map<string, TextDocument>();
  return (uri, edits) => {
    const file = files(uri);
    if (!file?.templated || edits.length === 0) return false;
    let doc = docs.get(uri);
    if (!doc) docs.set(uri, (doc = TextDocument.create(uri, 'yaml', 0, file.text)));
    const at = doc;
    return offsetsTouchTemplates(files, uri, edits.map((e) => [at.offsetAt(e.range.start), at.offsetAt(e.range.end)]));
  };
}

/** The code actions whose edits leave template text alone. */
export function safeCodeActions(files: FileOf, actions: CodeAction[]): CodeAction[] {
  const touches = editChecker(files);
  return actions.filter((a) => !Object.entries(a.edit?.changes ?? {}).some(([uri, edits]) => touches(uri, edits)));
}

/** The rollout lenses whose edits (the command's third argument) leave template text alone. */
export function safeCodeLenses(files: FileOf, uri: string, lenses: CodeLens[]): CodeLens[] {
  const touches = editChecker(files);
  return lenses.filter((l) => {
    const edits = l.command?.arguments?.[2];
    return !Array.isArray(edits) || !touches(uri, edits as TextEdit[]);
  });
}
