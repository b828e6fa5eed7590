/**
 * Deprecated and removed fields with a replacement (`data.rewrite`, key
 * segments relative to the field's parent): `consecutiveErrors: 5` becomes
 * `consecutive5xxErrors: 5`; `mirrorPercent: 20` becomes
 * `mirrorPercentage:` with `value: 20` indented under it (in a flow map,
 * `mirrorPercentage: {value: 20}`).
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { mapKeys, nodeRange, pairKey } from '../../yamlAst';
import { columnOf, documentAt, indentUnit, offsets, pairAtKey, quickFix, replaceScalar, scalarText, type FixContext } from './edits';

export function rewriteDeprecated(ctx: FixContext, d: Diagnostic): CodeAction[] {
  const rewrite = rewriteOf(d);
  const [keyStart] = offsets(ctx, d);
  const doc = documentAt(ctx.file, keyStart);
  const found = rewrite && doc ? pairAtKey(doc, keyStart) : undefined;
  if (!rewrite || !found) return [];
  const { pair, parent } = found;
  // The new key is already there: merging by hand is safer than guessing.
  if (mapKeys(parent).includes(rewrite[0])) return [];
  const text = ctx.file.text;
  const key = pairKey(pair) ?? '';
  const title = `Replace "${key}" with "${rewrite.join('.')}"`;
  const keyRange = nodeRange(pair.key);
  if (rewrite.length === 1 && keyRange) return [quickFix(ctx, title, d, [replaceScalar(ctx.document.uri, text, keyRange[0], keyRange[1], rewrite[0])], true)];
  const value = scalarText(text, pair.value);
  if (!value) return [];
  const newText = parent.flow ? flowRewrite(rewrite, value.text) : blockRewrite(rewrite, value.text, columnOf(text, keyStart), indentUnit(text));
  return [quickFix(ctx, title, d, [{ uri: ctx.document.uri, start: keyStart, end: value.range[1], newText }], true)];
}

function rewriteOf(d: Diagnostic): string[] | undefined {
  const r = (d.data as { rewrite?: unknown } | undefined)?.rewrite;
  return Array.isArray(r) && r.length > 0 && r.every((s) => typeof s === 'string' && s !== '') ? (r as string[]) : undefined;
}

/** `a:\n  b: value`, each level one indentation step deeper than the key it replaces. */
function blockRewrite(path: readonly string[], value: string, column: number, unit: number): string {
  return path.map((seg, i) => `${i === 0 ? '' : `\n${' '.repeat(column + i * unit)}`}${seg}:`).join('') + ` ${value}`;
}

/** `a: {b: value}` */
function flowRewrite(path: readonly string[], value: string): string {
  let out = value;
  for (let i = path.length - 1; i > 0; i--) out = `{${path[i]}: ${out}}`;
  return `${path[0]}: ${out}`;
}
