/**
 * What cross-file features receive: the workspace index, the file being
 * worked on (as indexed) and the settings. Built once per request.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../../settings';
import type { IndexedFile, WorkspaceIndex } from '../../workspace';
import type { IndexedResource } from '../../workspace/model';

export interface WorkspaceContext {
  readonly index: WorkspaceIndex;
  readonly file: IndexedFile;
  readonly document: TextDocument;
  readonly settings: Settings;
}

/** The indexed resource of the document that contains `offset`. */
export function resourceAt(file: IndexedFile, offset: number): IndexedResource | undefined {
  let found: IndexedResource | undefined;
  for (const r of file.resources) if (r.range[0] <= offset && offset <= r.range[1]) found = r;
  return found;
}
