/**
 * Value completions: enum values (with their own documentation), booleans,
 * and typical values where the type is a duration or a percentage.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { enumMarkdown } from '../../schema/docs';
import { enumOf, isDuration, isPercentage } from '../../schema/kinds';
import { node, type SchemaNode } from '../../schema/model';

const DURATIONS = ['1s', '5s', '10s', '30s', '1m', '100ms', '500ms'];
const PERCENTAGES = ['100', '50', '10', '1', '0.1'];

export function valueItems(parent: SchemaNode, field: string): Omit<CompletionItem, 'textEdit'>[] {
  const childId = parent.properties?.[field] ?? parent.additionalProperties;
  if (childId === undefined) return [];
  let s = node(childId);
  if (s.type === 'array' && s.items !== undefined) s = node(s.items);
  const values = enumOf(s);
  if (values) {
    return values.map((v, i) => {
      const doc = enumMarkdown(parent, field, v);
      return {
        label: v,
        kind: CompletionItemKind.EnumMember,
        sortText: String(i).padStart(3, '0'),
        documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
      };
    });
  }
  if (s.type === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
  if (isDuration(s)) return typical(DURATIONS, 'duration');
  if (isPercentage(parent, field, s)) return typical(PERCENTAGES, 'percentage (0–100)');
  return [];
}

function typical(values: string[], detail: string): Omit<CompletionItem, 'textEdit'>[] {
  return values.map((v, i) => ({ label: v, kind: CompletionItemKind.Value, detail, sortText: String(i).padStart(3, '0') }));
}
