/**
 * Typos with a close match (`data.replacement`): an unknown field becomes
 * the known one (`attemps` -> `attempts`), an enum value the valid one
 * (`ROUND_ROBN` -> `ROUND_ROBIN`). The diagnostic's range is the key or the
 * value itself, so the fix works in a broken document too.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { dataString, isToken, offsets, quickFix, replaceScalar, type FixContext } from './edits';

export function renameField(ctx: FixContext, d: Diagnostic): CodeAction[] {
  return replaceToken(ctx, d, (r) => `Rename to "${r}"`);
}

export function replaceEnumValue(ctx: FixContext, d: Diagnostic): CodeAction[] {
  return replaceToken(ctx, d, (r) => `Change to "${r}"`);
}

/** Replaces the diagnostic's token with `data.replacement` (quotes kept). */
export function replaceToken(ctx: FixContext, d: Diagnostic, title: (replacement: string) => string): CodeAction[] {
  const replacement = dataString(d, 'replacement');
  const [start, end] = offsets(ctx, d);
  const text = ctx.file.text;
  if (!replacement || !isToken(text, start, end)) return [];
  return [quickFix(ctx, title(replacement), d, [replaceScalar(ctx.document.uri, text, start, end, replacement)], true)];
}
