/**
 * The lookup tables of lookup.ts, kept up to date file by file. Every
 * `table:key` has its list of resources in index order (file by file as the
 * index lists them, document by document); the tables proper are views of
 * those lists (a list, its first entry, or the key's presence). When facts
 * change, the files whose resources changed are taken out and put back, so
 * the cost follows the edited file, and the tables are exactly what a fresh
 * build from the index would give.
 */
import type { WorkspaceIndex } from '../../../workspace';
import type { IndexedResource } from '../../../workspace/model';
import type { TrackedMap, TrackedSet } from './lookup';

/** The tables as Tables fills them (readers see them through `Lookup`). */
export interface MutableLookup {
  readonly rulesByHost: TrackedMap<IndexedResource[]>;
  readonly wildcardRules: IndexedResource[];
  readonly gateways: TrackedMap<IndexedResource>;
  readonly gatewaysByName: TrackedMap<IndexedResource[]>;
  readonly gatewayNamespaces: TrackedSet;
  readonly virtualServicesByHost: TrackedMap<IndexedResource[]>;
  readonly entriesByHost: TrackedMap<IndexedResource[]>;
  readonly wildcardEntries: IndexedResource[];
  readonly services: TrackedMap<IndexedResource[]>;
  readonly serviceNamespaces: TrackedSet;
  readonly templatedKinds: TrackedSet;
}

type Placements = (r: IndexedResource) => [string, string][];
type ListTable = 'rulesByHost' | 'gatewaysByName' | 'virtualServicesByHost' | 'entriesByHost' | 'services';
type PresenceTable = 'gatewayNamespaces' | 'serviceNamespaces' | 'templatedKinds';
type WholeTable = 'wildcardRules' | 'wildcardEntries';

/** Tables whose value is the list itself, the first of the list (`gateways`), or the key's presence. */
const LISTS = new Set<string>(['rulesByHost', 'gatewaysByName', 'virtualServicesByHost', 'entriesByHost', 'services'] satisfies ListTable[]);
const PRESENCE = new Set<string>(['gatewayNamespaces', 'serviceNamespaces', 'templatedKinds'] satisfies PresenceTable[]);
/** Tables that are one list (their only key is `*`). */
const WHOLE = new Set<string>(['wildcardRules', 'wildcardEntries'] satisfies WholeTable[]);

export class Tables {
  generation: number;
  /** `table\0key` -> the resources placed there, in index order. */
  private readonly lists = new Map<string, IndexedResource[]>();
  /** What was placed for each file (the objects, as they were then). */
  private readonly placed = new Map<string, IndexedResource[]>();
  /** How many resources the tables hold. */
  private count = 0;

  constructor(index: WorkspaceIndex, placements: Placements, readonly lookup: MutableLookup) {
    this.generation = index.factsGeneration;
    for (const r of index.resources()) this.place(index, r, placements);
  }

  /**
   * Brings the tables to the index's facts: the files of `changed` out, then
   * back in as they are now. False, doing nothing, when those files hold
   * most of the workspace (one big file, say): a fresh build costs less then.
   */
  update(index: WorkspaceIndex, changed: readonly IndexedResource[], placements: Placements): boolean {
    const uris = new Set(changed.map((r) => r.uri));
    let moving = 0;
    for (const uri of uris) moving += (this.placed.get(uri)?.length ?? 0) + (index.get(uri)?.resources.length ?? 0);
    if (moving > this.count) return false;
    for (const uri of uris) {
      this.unplaceFile(uri, placements);
      for (const r of index.get(uri)?.resources ?? []) this.place(index, r, placements);
    }
    this.generation = index.factsGeneration;
    return true;
  }

  private place(index: WorkspaceIndex, r: IndexedResource, placements: Placements): void {
    this.count++;
    const mine = this.placed.get(r.uri);
    if (mine) mine.push(r);
    else this.placed.set(r.uri, [r]);
    const rank = (x: IndexedResource): number => index.fileOrder(x.uri);
    for (const [table, key] of placements(r)) {
      const list = this.listOf(table, key);
      // Index order: by file, then by document. Mostly an append.
      let at = list.length;
      while (at > 0 && (rank(list[at - 1]) > rank(r) || (rank(list[at - 1]) === rank(r) && list[at - 1].docIndex > r.docIndex))) at--;
      list.splice(at, 0, r);
      this.show(table, key, list);
    }
  }

  /** Takes out what was placed for a file: each list it is in filtered once (not one splice per entry). */
  private unplaceFile(uri: string, placements: Placements): void {
    const mine = this.placed.get(uri);
    if (!mine) return;
    this.placed.delete(uri);
    this.count -= mine.length;
    const keys = new Map<string, [string, string]>();
    for (const r of mine) for (const [table, key] of placements(r)) keys.set(`${table}\0${key}`, [table, key]);
    const gone = new Set(mine);
    for (const [table, key] of keys.values()) {
      const list = this.listOf(table, key);
      let kept = 0;
      for (const r of list) if (!gone.has(r)) list[kept++] = r;
      list.length = kept;
      this.show(table, key, list);
    }
  }

  private listOf(table: string, key: string): IndexedResource[] {
    if (WHOLE.has(table)) return this.lookup[table as WholeTable];
    const id = `${table}\0${key}`;
    let list = this.lists.get(id);
    if (!list) this.lists.set(id, (list = []));
    return list;
  }

  /** Makes the table show `list` under `key`: as it is, its first entry, or the key's presence. */
  private show(table: string, key: string, list: IndexedResource[]): void {
    if (WHOLE.has(table)) return;
    if (list.length === 0) this.lists.delete(`${table}\0${key}`);
    if (PRESENCE.has(table)) {
      const set = this.lookup[table as PresenceTable];
      if (list.length > 0) set.add(key);
      else set.delete(key);
      return;
    }
    if (table === 'gateways') {
      if (list.length > 0) this.lookup.gateways.set(key, list[0]);
      else this.lookup.gateways.delete(key);
      return;
    }
    if (!LISTS.has(table)) return;
    const map = this.lookup[table as ListTable];
    if (list.length > 0) map.set(key, list);
    else map.delete(key);
  }
}
