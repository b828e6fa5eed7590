/**
 * Aliases (`*name`) and what follows them: resolving an alias to its
 * anchored node, finding runaway expansion ("billion laughs") and cycles,
 * walking paths and converting to plain values with aliases followed. The
 * targets of a document's aliases are found in one pass and kept, so every
 * feature resolves an alias in constant time. Nodes come from `yamlAst.ts`;
 * this module does not import `yaml` itself.
 */
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH } from './limits';
import { aliasNodes, anchorFree, isAlias, isMap, isScalar, isSeq, mapGet, MAX_ALIAS_COUNT, nodeRange, type YamlDocument } from './yamlAst';

/**
 * Resolves an alias to its anchored node, once (no recursion into aliases of
 * aliases). The targets of a document's aliases are found in one pass and
 * kept: the library's own `resolve` walks the whole document per call, which
 * made a file with a few thousand `*route` items quadratic.
 */
export function resolveAlias(doc: YamlDocument, node: unknown): unknown {
  if (!isAlias(node)) return node;
  const facts = aliasFacts(doc);
  if (facts === NO_ALIASES) return undefined;
  if (facts.targets.has(node)) return facts.targets.get(node);
  try {
    return node.resolve(doc);
  } catch {
    return undefined;
  }
}

/** An alias whose expansion is unbounded: it passes MAX_ALIAS_EXPANSION, or it lies inside the node it names. */
export interface AliasExcess {
  readonly start: number;
  readonly end: number;
  /** The anchor name (without `*`). */
  readonly source: string;
  readonly cycle: boolean;
}

/** Where the aliases of a document expand too far (the first such alias), or undefined. Linear, computed once. */
export function aliasExcess(doc: YamlDocument): AliasExcess | undefined {
  const excess = aliasFacts(doc).excess;
  if (!excess) return undefined;
  // The range is read now, not when scanned: a document that moved has had its node ranges shifted since.
  const [start, end] = nodeRange(excess.alias) ?? [0, 0];
  return { start, end, source: excess.alias.source, cycle: excess.cycle };
}

/** An alias that names no anchor defined before it in its document (YAML says that is an error; `yaml` keeps it silently). */
export interface UnknownAnchor {
  readonly start: number;
  readonly end: number;
  /** The anchor name the alias asks for (without `*`). */
  readonly source: string;
}

/** The aliases of a document that resolve to nothing, in document order. */
export function unknownAnchors(doc: YamlDocument): UnknownAnchor[] {
  const aliases = aliasNodes(doc);
  if (aliases.length === 0) return [];
  const facts = aliasFacts(doc);
  const out: UnknownAnchor[] = [];
  for (const alias of aliases) {
    if (facts !== NO_ALIASES && facts.targets.get(alias) !== undefined) continue;
    const range = nodeRange(alias);
    if (range) out.push({ start: range[0], end: range[1], source: alias.source });
  }
  return out.sort((a, b) => a.start - b.start);
}

interface AliasFacts {
  readonly targets: Map<unknown, unknown>;
  readonly excess?: { readonly alias: { source: string }; readonly cycle: boolean };
}

const ALIAS_FACTS = new WeakMap<YamlDocument, AliasFacts>();
/** A document without anchors: its aliases resolve to nothing and cannot run away. */
const NO_ALIASES: AliasFacts = { targets: new Map() };

function aliasFacts(doc: YamlDocument): AliasFacts {
  if (anchorFree(doc)) return NO_ALIASES;
  let facts = ALIAS_FACTS.get(doc);
  if (!facts) ALIAS_FACTS.set(doc, (facts = scanAliases(doc)));
  return facts;
}

/**
 * One iterative pass in document order (the order `yaml` resolves in: an
 * anchor counts from its node's start, the last one before the alias wins).
 * Each anchored node's expanded size is known once its subtree is closed, so
 * an alias adds its target's size in O(1); an alias to a node still open is
 * an alias inside its own anchor, which would never end.
 */
function scanAliases(doc: YamlDocument): AliasFacts {
  const targets = new Map<unknown, unknown>();
  const anchors = new Map<string, unknown>();
  const sizes = new Map<unknown, number>();
  let added = 0;
  let excess: AliasFacts['excess'];
  const stack: { node: unknown; size: number; kids: unknown[]; next: number }[] = [];
  const enter = (node: unknown): number => {
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, node);
    if (isMap(node) || isSeq(node)) {
      const kids = isMap(node) ? node.items.flatMap((p) => [p.key, p.value]) : node.items;
      stack.push({ node, size: 1, kids, next: 0 });
      return 0;
    }
    if (!isAlias(node)) {
      if (anchor) sizes.set(node, 1);
      return node === null || node === undefined ? 0 : 1;
    }
    const target = anchors.get(node.source);
    targets.set(node, target);
    const size = target === undefined ? 1 : sizes.get(target) ?? Infinity;
    added += size;
    if (!excess && (size === Infinity || added > MAX_ALIAS_EXPANSION)) excess = { alias: node, cycle: size === Infinity };
    return size;
  };
  enter(doc.contents);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.kids.length) {
      top.size += enter(top.kids[top.next++]);
      continue;
    }
    stack.pop();
    if ((top.node as { anchor?: string }).anchor) sizes.set(top.node, top.size);
    if (stack.length > 0) stack[stack.length - 1].size += top.size;
  }
  return { targets, excess };
}

/** The tree node at a path (string keys, numeric indexes), following aliases once. */
export function nodeAtYamlPath(doc: YamlDocument, path: readonly (string | number)[]): unknown {
  let cur: unknown = doc.contents;
  for (const seg of path) {
    cur = resolveAlias(doc, cur);
    if (typeof seg === 'number') cur = isSeq(cur) ? cur.items[seg] : undefined;
    else cur = mapGet(cur, seg)?.value;
    if (cur === undefined) return undefined;
  }
  return resolveAlias(doc, cur);
}

/**
 * The plain JavaScript value of a node: maps become objects (keys as
 * strings, the last of repeated keys wins), lists arrays, scalars their
 * values. Aliases are followed, at most MAX_ALIAS_COUNT of them per call;
 * past that, or for an alias that names no anchor, the value is undefined,
 * as it is for any collection of a document whose aliases run away or form a
 * cycle (its plain value would be endless or self-referencing). Our own walk:
 * the library's toJS sets up a context per call and was a tenth of
 * validation time.
 */
export function toPlain(doc: YamlDocument, node: unknown): unknown {
  if (node === null || node === undefined || typeof node !== 'object' || !('toJS' in node)) return node;
  if (isScalar(node)) return node.value;
  if (aliasExcess(doc)) return undefined;
  let aliases = 0;
  const convert = (n: unknown, depth: number): unknown => {
    if (depth > MAX_NESTING_DEPTH) throw new RangeError('too deep');
    if (isAlias(n)) {
      if (++aliases > MAX_ALIAS_COUNT) throw new RangeError('too many aliases');
      n = resolveAlias(doc, n);
      if (n === undefined) throw new ReferenceError('unresolved alias');
    }
    if (n === null || n === undefined) return null;
    if (isScalar(n)) return n.value;
    if (isSeq(n)) return n.items.map((item) => convert(item, depth + 1));
    if (!isMap(n)) return undefined;
    const out: Record<string, unknown> = {};
    for (const pair of n.items) {
      const k = isScalar(pair.key) ? pair.key.value : convert(pair.key, depth + 1);
      const key = k === null || k === undefined ? '' : typeof k === 'object' ? JSON.stringify(k) : String(k);
      // Own entries even for keys like "__proto__": never the prototype.
      Object.defineProperty(out, key, { value: convert(pair.value, depth + 1), writable: true, enumerable: true, configurable: true });
    }
    return out;
  };
  try {
    return convert(node, 0);
  } catch {
    return undefined;
  }
}
