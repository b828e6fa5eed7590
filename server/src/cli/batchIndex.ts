/**
 * The workspace index for a batch run. The checker indexes every file
 * before validating any, so the index does not change while files are
 * validated: the per-kind resource lists the cross-file checks ask for on
 * every file are computed once per index generation instead of at each call.
 */
import { WorkspaceIndex } from '../core/languageService';
import type { IndexedResource } from '../core/workspace/model';

export class BatchWorkspaceIndex extends WorkspaceIndex {
  private byKind = new Map<string, IndexedResource[]>();
  private cachedGeneration = -1;

  override resources(kind?: string): Iterable<IndexedResource> {
    if (this.cachedGeneration !== this.generation) {
      this.byKind = new Map();
      this.cachedGeneration = this.generation;
    }
    const key = kind ?? '';
    let list = this.byKind.get(key);
    if (!list) this.byKind.set(key, (list = [...super.resources(kind)]));
    return list;
  }
}
