/**
 * Structural checks against the schema: unknown fields (with did-you-mean),
 * types, enums, bounds, required fields, one-of groups and deprecations.
 * Walks the YAML tree and the schema side by side.
 */
import { closest, distance } from 'fastest-levenshtein';
import { ErrorCode } from '../../codes';
import type { Reporter } from '../../findings';
import { DEPRECATED, REMOVED } from '../../schema/deprecations';
import { fieldKey, node as schemaNode, type SchemaNode } from '../../schema/model';
import type { Finding } from '../../findings';
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH } from '../../limits';
import type { ParsedDocument } from '../../parser';
import { isAlias, isMap, isScalar, isSeq, nodeRange, pairKey, type YamlDocument } from '../../yamlAst';
import { aliasExcess, resolveAlias, toPlain } from '../../yamlAliases';
import { CEL_CHECKS } from './cel';
import { checkScalar } from './scalars';

export interface WalkContext {
  readonly doc: YamlDocument;
  readonly report: Reporter;
  /** Aliases resolved so far in this document (bounded). */
  aliasBudget: number;
}

type Path = (string | number)[];

/** Validates `value` against schema node `id`; `anchor` is where "missing" problems are reported. */
export function walk(ctx: WalkContext, value: unknown, id: number, path: Path, anchor: [number, number] | undefined): void {
  if (path.length > MAX_NESTING_DEPTH) return; // the schema is far shallower; a guard, should that ever change
  if (isAlias(value)) {
    if (--ctx.aliasBudget < 0) return;
    value = resolveAlias(ctx.doc, value);
  }
  const s = schemaNode(id);
  if (s.type === 'any' || s.preserveUnknownFields && !s.properties) return;
  if (value === null || value === undefined || isScalar(value) && value.value === null) return; // null = unset
  if (s.rules) checkRules(ctx, value, s, anchor);
  if (s.type === 'object') return walkObject(ctx, value, s, path, anchor);
  if (s.type === 'array') {
    if (!isSeq(value)) return typeMismatch(ctx, value, 'a list', path);
    const items = value.items;
    if (s.minItems !== undefined && items.length < s.minItems) {
      ctx.report.add(anchor ?? nodeRange(value), schemaError('min-items', `${label(path)} needs at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}.`));
    }
    if (s.maxItems !== undefined && items.length > s.maxItems) {
      ctx.report.add(nodeRange(value), schemaError('max-items', `${label(path)} takes at most ${s.maxItems} items.`));
    }
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      walk(ctx, items[i], s.items!, path, nodeRange(items[i]));
      path.pop();
    }
    return;
  }
  if (!isScalar(value)) return typeMismatch(ctx, value, typeName(s), path);
  checkScalar(ctx.report, value, s, path);
}

/**
 * The one finding of a document whose aliases expand without bound (see
 * yamlAst's aliasExcess), or undefined. Such a document is not checked
 * further: every walk over it would repeat the expansion.
 */
export function aliasLimit(doc: ParsedDocument): Finding[] | undefined {
  const excess = aliasExcess(doc.yaml);
  if (!excess) return undefined;
  const message = excess.cycle
    ? `The alias *${excess.source} lies inside the node anchored as &${excess.source}, so its value would repeat forever. This document is not checked further.`
    : `Expanding the aliases up to this *${excess.source} gives this document more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values: anchors that alias other anchors multiply (a "billion laughs" pattern). This document is not checked further.`;
  return [{ start: excess.start, end: excess.end, severity: 'error', code: ErrorCode.YamlAliasLimit, rule: ErrorCode.YamlAliasLimit, message }];
}

/** The CRD's CEL rules, as our own checks (see cel.ts). */
function checkRules(ctx: WalkContext, value: unknown, s: SchemaNode, anchor: [number, number] | undefined): void {
  const plain = toPlain(ctx.doc, value);
  if (plain === undefined) return;
  for (const r of s.rules ?? []) {
    const check = CEL_CHECKS[r.rule];
    if (check && !check(plain)) ctx.report.add(isScalar(value) ? nodeRange(value) : anchor ?? nodeRange(value), schemaError('cel', capitalise(r.message) + '.', { cel: r.rule }));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function walkObject(ctx: WalkContext, value: unknown, s: SchemaNode, path: Path, anchor: [number, number] | undefined): void {
  if (!isMap(value)) return typeMismatch(ctx, value, s.additionalProperties !== undefined && !s.properties ? 'a map' : 'an object', path);
  // Only objects with required fields or one-of groups need to know which keys are there.
  const present = s.required?.length || s.oneOf?.length ? new Set<string>() : undefined;
  const deprecated = deprecatedFields(s);
  for (const pair of value.items) {
    const key = pairKey(pair);
    if (key === undefined) continue;
    present?.add(key);
    const keyRange = nodeRange(pair.key);
    const childId = s.properties?.[key] ?? s.additionalProperties;
    if (childId === undefined) {
      if (!s.preserveUnknownFields) unknownField(ctx, s, key, keyRange, path);
      continue;
    }
    if (deprecated?.has(key) && s.properties?.[key] !== undefined) deprecation(ctx, s, key, keyRange);
    path.push(key);
    walk(ctx, pair.value, childId, path, keyRange);
    path.pop();
  }
  if (!present) return;
  for (const req of s.required ?? []) {
    if (!present.has(req)) {
      ctx.report.add(anchor ?? nodeRange(value), schemaError('missing-required', `Missing required field "${req}" in ${label(path)}.`, { field: req }));
    }
  }
  for (const group of s.oneOf ?? []) {
    const set = group.fields.filter((f) => present.has(f));
    if (set.length > 1) {
      for (const pair of value.items) {
        const key = pairKey(pair);
        if (key && set.indexOf(key) > 0) {
          ctx.report.add(nodeRange(pair.key), schemaError('one-of', `Only one of ${list(group.fields)} may be set in ${label(path)}; "${set[0]}" is already set.`));
        }
      }
    } else if (set.length === 0 && group.required) {
      ctx.report.add(anchor ?? nodeRange(value), schemaError('one-of-missing', `One of ${list(group.fields)} must be set in ${label(path)}.`));
    }
  }
}

function unknownField(ctx: WalkContext, s: SchemaNode, key: string, range: [number, number] | undefined, path: Path): void {
  const removed = REMOVED[fieldKey(s, key)];
  if (removed) {
    ctx.report.add(range, schemaError('removed-field', `"${key}" is no longer supported in ${label(path)}: use "${removed.replacement}" instead.`, { replacement: removed.replacement, rewrite: removed.rewrite }));
    return;
  }
  const known = Object.keys(s.properties ?? {});
  const suggestion = suggest(key, known);
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  ctx.report.add(range, schemaError('unknown-field', `Unknown field "${clip(key)}" in ${label(path)}.${hint}`, suggestion ? { replacement: suggestion } : undefined));
}

/** The closest known name, when it is close enough to be a typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  const best = closest(word, candidates as string[]);
  const d = distance(word.toLowerCase(), best.toLowerCase());
  return d <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

const DEPRECATED_FIELDS = new WeakMap<SchemaNode, ReadonlySet<string> | null>();

/** The fields of an object node that are deprecated (by the CRD or by our table), worked out once per node; null for none. */
function deprecatedFields(s: SchemaNode): ReadonlySet<string> | null {
  let fields = DEPRECATED_FIELDS.get(s);
  if (fields === undefined) {
    const names = new Set(s.deprecated ?? []);
    for (const key of Object.keys(s.properties ?? {})) if (DEPRECATED[fieldKey(s, key)]) names.add(key);
    DEPRECATED_FIELDS.set(s, (fields = names.size > 0 ? names : null));
  }
  return fields;
}

function deprecation(ctx: WalkContext, s: SchemaNode, key: string, range: [number, number] | undefined): void {
  const dep = DEPRECATED[fieldKey(s, key)];
  if (!dep && !(s.deprecated ?? []).includes(key)) return;
  const message = dep ? `"${key}" is deprecated: use "${dep.replacement}" instead.` : `"${key}" is deprecated.`;
  ctx.report.add(range, {
    severity: 'warning',
    code: ErrorCode.Deprecated,
    rule: 'deprecated-field',
    message,
    deprecated: true,
    data: dep ? { replacement: dep.replacement, rewrite: dep.rewrite } : undefined,
  });
}

function typeMismatch(ctx: WalkContext, value: unknown, expected: string, path: Path): void {
  ctx.report.add(nodeRange(value), schemaError('type', `${label(path)} must be ${expected}, not ${describe(value)}.`));
}

export function schemaError(rule: string, message: string, data?: Record<string, unknown>) {
  return { severity: 'error' as const, code: ErrorCode.SchemaValidation, rule, message, data };
}

export function label(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${clip(seg)}` : clip(seg);
  return out ? `"${out}"` : 'the resource';
}

/** A name as shown in a message: a key can be a megabyte long (a flow or JSON key has no length limit). */
export function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function list(fields: readonly string[]): string {
  return fields.map((f) => `"${f}"`).join(', ');
}

export function typeName(s: SchemaNode): string {
  switch (s.type) {
    case 'integer': return 'an integer';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'intOrString': return 'an integer or a string';
    case 'string': return 'a string';
    default: return `of type ${s.type}`;
  }
}

export function describe(value: unknown): string {
  if (isMap(value)) return 'an object';
  if (isSeq(value)) return 'a list';
  if (isScalar(value)) {
    const v = value.value;
    if (typeof v === 'string') return `the string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
    if (typeof v === 'boolean') return `the boolean ${v}`;
    if (typeof v === 'number' || typeof v === 'bigint') return `the number ${String(v)}`;
  }
  return 'this value';
}
