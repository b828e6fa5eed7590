/**
 * A read-only view of a resource's YAML tree for the semantic rules: typed
 * lookups with proto semantics (a null, an empty string, list or map reads as
 * "unset"), the ranges to report at, and the schema node alongside so that a
 * rule can leave to the structural walk what it already reports.
 */
import { ErrorCode } from '../../../codes';
import type { Reporter } from '../../../findings';
import { childOf, node as schemaNode, rootOf } from '../../../schema/model';
import type { Settings } from '../../../settings';
import { isMap, isScalar, isSeq, mapGet, nodeRange, pairKey, type YamlDocument, type YAMLMap } from '../../../yamlAst';
import { resolveAlias } from '../../../yamlAliases';
import type { SemanticContext } from '../semantic';
import { schemaError } from '../structure';

export type Range = readonly [number, number];

/** What every rule gets: where to report, the settings, and who the resource is. */
export interface RuleContext {
  readonly doc: YamlDocument;
  readonly report: Reporter;
  readonly settings: Settings;
  /** metadata.namespace, else the default namespace from the settings. */
  readonly namespace: string;
}

/** The whole resource as an Obj (undefined when the document is not a mapping). */
export function view(ctx: SemanticContext): Obj | undefined {
  const contents = ctx.doc.yaml.contents;
  if (!isMap(contents)) return undefined;
  const rc: RuleContext = {
    doc: ctx.doc.yaml,
    report: ctx.report,
    settings: ctx.settings,
    namespace: ctx.doc.resource?.namespace || ctx.settings.defaultNamespace,
  };
  return new Obj(rc, contents, '', nodeRange(mapGet(contents, 'kind')?.value), rootOf(ctx.schema));
}

export function error(rc: RuleContext, range: Range | undefined, rule: string, message: string, data?: Record<string, unknown>): void {
  rc.report.add(range, schemaError(rule, message, data));
}

export function warning(rc: RuleContext, range: Range | undefined, rule: string, message: string, data?: Record<string, unknown>): void {
  rc.report.add(range, { severity: 'warning', code: ErrorCode.SchemaValidation, rule, message, data });
}

export function info(rc: RuleContext, range: Range | undefined, rule: string, message: string, data?: Record<string, unknown>): void {
  rc.report.add(range, { severity: 'info', code: ErrorCode.SchemaValidation, rule, message, data });
}

/** One entry of a list or map: its resolved value node and where it is. */
export interface Entry {
  /** The map key, or the list index as text. */
  readonly key: string;
  readonly keyRange: Range | undefined;
  readonly value: unknown;
  /** The value's range; for a null or empty value, the key's. */
  readonly range: Range | undefined;
}

/** A YAML mapping seen as a proto message. */
export class Obj {
  constructor(
    readonly rc: RuleContext,
    readonly node: YAMLMap<unknown, unknown>,
    /** Display path, e.g. `spec.http[0].route[1]`. */
    readonly path: string,
    /** Where problems about the object as a whole (a missing field) are reported. */
    readonly anchor: Range | undefined,
    /** The schema node of this object, when the schema knows it. */
    readonly schemaId?: number,
  ) {}

  /** The resolved value node of `key`, undefined when the key is absent. */
  raw(key: string): unknown {
    const pair = mapGet(this.node, key);
    return pair ? resolveAlias(this.rc.doc, pair.value) ?? null : undefined;
  }

  /** The key is written (whatever its value, null included). */
  present(key: string): boolean {
    return mapGet(this.node, key) !== undefined;
  }

  /** The key is written with a non-null value. */
  has(key: string): boolean {
    const v = this.raw(key);
    return v !== undefined && v !== null && !(isScalar(v) && v.value === null);
  }

  /** A string value; numbers and booleans are not strings. */
  str(key: string): string | undefined {
    const v = this.raw(key);
    return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  }

  /** A non-empty string (proto: "" is unset). */
  text(key: string): string | undefined {
    const s = this.str(key);
    return s === '' ? undefined : s;
  }

  num(key: string): number | undefined {
    const v = this.raw(key);
    return isScalar(v) && typeof v.value === 'number' ? v.value : undefined;
  }

  bool(key: string): boolean | undefined {
    const v = this.raw(key);
    return isScalar(v) && typeof v.value === 'boolean' ? v.value : undefined;
  }

  /** The value of a wrapper type (`{ value: 5 }`) or a bare number. */
  wrapped(key: string): number | undefined {
    const n = this.num(key);
    return n !== undefined ? n : this.obj(key)?.num('value');
  }

  obj(key: string): Obj | undefined {
    const v = this.raw(key);
    if (!isMap(v)) return undefined;
    return new Obj(this.rc, v, this.sub(key), this.keyRange(key), this.childSchema(key));
  }

  /** The items of a list value (empty when absent or not a list). */
  items(key: string): Entry[] {
    const v = this.raw(key);
    if (!isSeq(v)) return [];
    return v.items.map((item, i) => {
      const value = resolveAlias(this.rc.doc, item) ?? null;
      const range = nodeRange(item);
      return { key: String(i), keyRange: range, value, range: range && range[1] > range[0] ? range : this.keyRange(key) };
    });
  }

  /** The object items of a list value, each with its index. */
  objects(key: string): { index: number; obj: Obj | undefined; entry: Entry }[] {
    const listId = this.childSchema(key);
    const itemId = listId === undefined ? undefined : childOf(schemaNode(listId), 0);
    return this.items(key).map((entry, index) => ({
      index,
      entry,
      obj: isMap(entry.value) ? new Obj(this.rc, entry.value, `${this.sub(key)}[${index}]`, firstKeyRange(entry.value) ?? entry.range, itemId) : undefined,
    }));
  }

  /** The string items of a list value. */
  strings(key: string): { value: string; range: Range | undefined }[] {
    return this.items(key).flatMap((e) => (isScalar(e.value) && typeof e.value.value === 'string' ? [{ value: e.value.value, range: e.range }] : []));
  }

  /** The entries of a map value (empty when absent or not a map). */
  entries(key: string): Entry[] {
    const v = this.raw(key);
    if (!isMap(v)) return [];
    const out: Entry[] = [];
    for (const pair of v.items) {
      const k = pairKey(pair);
      if (k === undefined) continue;
      const value = resolveAlias(this.rc.doc, pair.value) ?? null;
      const keyRange = nodeRange(pair.key);
      const r = nodeRange(pair.value);
      out.push({ key: k, keyRange, value, range: r && r[1] > r[0] ? r : keyRange });
    }
    return out;
  }

  /** The number of items of a list or entries of a map (0 when absent). */
  count(key: string): number {
    const v = this.raw(key);
    return isSeq(v) || isMap(v) ? v.items.length : 0;
  }

  keyRange(key: string): Range | undefined {
    return nodeRange(mapGet(this.node, key)?.key);
  }

  /** The value's range when it has text, else the key's. */
  range(key: string): Range | undefined {
    const pair = mapGet(this.node, key);
    const r = nodeRange(pair?.value);
    return r && r[1] > r[0] ? r : nodeRange(pair?.key);
  }

  /** The structural walk already reports `key` as a missing required field. */
  requires(key: string): boolean {
    if (this.schemaId === undefined) return false;
    return (schemaNode(this.schemaId).required ?? []).includes(key);
  }

  /** The CRD's CEL rules on a field (the structural walk checks them). */
  celRules(key: string): readonly string[] {
    const id = this.childSchema(key);
    return id === undefined ? [] : (schemaNode(id).rules ?? []).map((r) => r.rule);
  }

  /** The display path of a field of this object. */
  sub(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  private childSchema(key: string): number | undefined {
    return this.schemaId === undefined ? undefined : childOf(schemaNode(this.schemaId), key);
  }
}

function firstKeyRange(map: YAMLMap<unknown, unknown>): Range | undefined {
  const first = map.items[0];
  return first ? nodeRange(first.key) : undefined;
}

/** The scalar value of an entry as a string, when it is one. */
export function entryString(e: Entry): string | undefined {
  return isScalar(e.value) && typeof e.value.value === 'string' ? e.value.value : undefined;
}

export function entryNumber(e: Entry): number | undefined {
  return isScalar(e.value) && typeof e.value.value === 'number' ? e.value.value : undefined;
}

export function entryIsNull(e: Entry): boolean {
  return e.value === null || (isScalar(e.value) && e.value.value === null);
}

