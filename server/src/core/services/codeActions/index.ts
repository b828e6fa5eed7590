/**
 * Quick fixes for our own diagnostics, chosen by the diagnostic's rule id
 * (`data.rule`) and built from its data (`replacement`, `rewrite`) and the
 * current parse. Each kind of fix lives in its own file; a diagnostic that is
 * stale or that a fix cannot handle simply gets no action.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../codes';
import type { ParsedFile } from '../../parser';
import type { WorkspaceIndex } from '../../workspace';
import { rewriteDeprecated } from './deprecation';
import type { Fix, FixContext } from './edits';
import { fixGatewayName } from './gatewayName';
import { renameField, replaceEnumValue } from './rename';
import { fixSubset } from './subset';
import { normaliseWeights } from './weights';
import { quoteAlias } from './quote';

const FIXES: Readonly<Record<string, Fix>> = {
  'unknown-field': renameField,
  enum: replaceEnumValue,
  'deprecated-field': rewriteDeprecated,
  'removed-field': rewriteDeprecated,
  'subset-not-found': fixSubset,
  'subset-no-destination-rule': fixSubset,
  'gateway-legacy-name': fixGatewayName,
  'gateway-not-found': fixGatewayName,
  'weights-sum': normaliseWeights,
  'yaml-unknown-anchor': quoteAlias,
};

/**
 * The quick fixes for `diagnostics` (as the client sends them back) that touch
 * `range`. `workspace` must hold this parse of the document (the facade sees to it).
 */
export function doCodeActions(document: TextDocument, file: ParsedFile, range: Range, diagnostics: readonly Diagnostic[], workspace: WorkspaceIndex): CodeAction[] {
  const indexed = workspace.get(document.uri);
  if (!indexed || indexed.parsed !== file) return [];
  const ctx: FixContext = { document, file, index: workspace, indexed };
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || !touches(d.range, range)) continue;
    const rule = (d.data as { rule?: unknown } | undefined)?.rule;
    const fix = typeof rule === 'string' && Object.prototype.hasOwnProperty.call(FIXES, rule) ? FIXES[rule] : undefined;
    if (fix) actions.push(...fix(ctx, d));
  }
  return actions;
}

function touches(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(p: Range['start'], q: Range['start']): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}
