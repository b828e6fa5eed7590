/**
 * Gateway references: the legacy `name.namespace` form becomes
 * `namespace/name`, and a gateway that exists in another namespace is named
 * there (both carry the new reference as `data.replacement`).
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { replaceToken } from './rename';
import type { FixContext } from './edits';

export function fixGatewayName(ctx: FixContext, d: Diagnostic): CodeAction[] {
  const rule = (d.data as { rule?: string } | undefined)?.rule;
  return replaceToken(ctx, d, (r) => (rule === 'gateway-legacy-name' ? `Write as "${r}" (<namespace>/<name>)` : `Change to "${r}"`));
}
