/**
 * Key completions: the fields of the object at the cursor, minus those
 * already present; required first, deprecated last and marked. Accepting
 * one inserts `key: ` for scalars, or the key with the next line indented
 * for objects and lists, pre-filled with required children.
 */
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { formatPath, type PathSegment } from '../../path';
import { fieldMarkdown, isDeprecatedField, typeSummary } from '../../schema/docs';
import { enumOf, isStruct } from '../../schema/kinds';
import { node, type SchemaNode } from '../../schema/model';

export interface KeyRequest {
  readonly object: SchemaNode;
  readonly objectPath: readonly PathSegment[];
  readonly present: ReadonlySet<string>;
  /** Column at which the key starts. */
  readonly column: number;
  /** Replace range start/end as positions are computed by the caller. */
  readonly hasColon: boolean;
  /** Prefix the insertion with `- ` (completing into a list of objects). */
  readonly dash: boolean;
  readonly indentUnit: number;
}

export function keyItems(req: KeyRequest): Omit<CompletionItem, 'textEdit'>[] {
  const items: Omit<CompletionItem, 'textEdit'>[] = [];
  const { object } = req;
  for (const [field, childId] of Object.entries(object.properties ?? {})) {
    if (req.present.has(field)) continue;
    const child = node(childId);
    const deprecated = isDeprecatedField(object, field);
    const required = (object.required ?? []).includes(field);
    const doc = fieldMarkdown(object, field, formatPath([...req.objectPath, field]));
    const column = req.column + (req.dash ? 2 : 0);
    const body = req.hasColon ? field : insertion(field, child, column, req.indentUnit);
    items.push({
      label: field,
      kind: CompletionItemKind.Property,
      detail: `${typeSummary(child)}${required ? ' · required' : ''}`,
      documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
      sortText: `${required ? 0 : deprecated ? 9 : 5}_${field}`,
      filterText: field,
      insertTextFormat: InsertTextFormat.Snippet,
      insertText: req.dash ? `- ${body}` : body,
      tags: deprecated ? [CompletionItemTag.Deprecated] : undefined,
      command: needsRetrigger(child) && !req.hasColon ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
    });
  }
  return items;
}

function needsRetrigger(child: SchemaNode): boolean {
  return child.type === 'boolean' && !enumOf(child);
}

/** The snippet for `field`, whose key starts at `column`. */
export function insertion(field: string, child: SchemaNode, column: number, unit: number): string {
  const stops = { n: 1 };
  return `${field}:${valueSnippet(child, column, unit, stops, 0)}`;
}

function valueSnippet(s: SchemaNode, column: number, unit: number, stops: { n: number }, depth: number): string {
  const pad = (c: number) => ' '.repeat(c);
  if (s.type === 'array') {
    const item = node(s.items!);
    if (isStruct(item)) return `\n${pad(column)}- ${requiredBody(item, column + 2, unit, stops, depth + 1) || `$${stops.n++}`}`;
    return `\n${pad(column)}- $${stops.n++}`;
  }
  if (s.type === 'object') {
    if (!isStruct(s)) return `\n${pad(column + unit)}$${stops.n++}`;
    const body = requiredBody(s, column + unit, unit, stops, depth + 1);
    return `\n${pad(column + unit)}${body || `$${stops.n++}`}`;
  }
  const values = enumOf(s);
  if (values && values.length > 0) return ` \${${stops.n++}|${values.map(escapeChoice).join(',')}|}`;
  if (s.type === 'boolean') return ` \${${stops.n++}|true,false|}`;
  return ` $${stops.n++}`;
}

/** The required children of an object, one per line (first line unindented). */
function requiredBody(s: SchemaNode, column: number, unit: number, stops: { n: number }, depth: number): string {
  if (depth > 3) return '';
  const req = (s.required ?? []).filter((f) => s.properties?.[f] !== undefined);
  return req
    .map((f, i) => `${i === 0 ? '' : `\n${' '.repeat(column)}`}${f}:${valueSnippet(node(s.properties![f]), column, unit, stops, depth)}`)
    .join('');
}

function escapeChoice(v: string): string {
  return v.replace(/[,|\\$}]/g, (c) => `\\${c}`);
}
