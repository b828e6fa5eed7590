/**
 * An unquoted value read as an alias (`- *.example.com`): quoting it makes it
 * the text it was meant to be. Offered only while the diagnostic's range
 * still holds exactly that alias.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { dataString, offsets, quickFix, type FixContext } from './edits';

export function quoteAlias(ctx: FixContext, d: Diagnostic): CodeAction[] {
  const quoted = dataString(d, 'replacement');
  const [start, end] = offsets(ctx, d);
  if (!quoted || JSON.stringify(ctx.file.text.slice(start, end)) !== quoted) return [];
  return [quickFix(ctx, `Quote as ${quoted}`, d, [{ uri: ctx.document.uri, start, end, newText: quoted }], true)];
}
