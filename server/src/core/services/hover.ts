/** Hover: documentation for the key, enum value or resource under the cursor. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { ParsedFile } from '../parser';
import type { WorkspaceIndex } from '../workspace';
import { formatPath } from '../path';
import { enumMarkdown, fieldMarkdown, resourceMarkdown } from '../schema/docs';
import { node, RESOURCES } from '../schema/model';
import { fieldOf, schemaCursor } from './schemaContext';
import { referenceHover } from './workspace/referenceHover';
import { insideTemplate } from '../templates';

/**
 * With the workspace, a reference (subset, gateway, host) first says what it
 * resolves to; the schema hover of the field follows it.
 */
export function doHover(document: TextDocument, file: ParsedFile, position: Position, workspace?: WorkspaceIndex): Hover | null {
  const schema = schemaHover(document, file, position);
  const indexed = workspace?.get(document.uri);
  // Inside a template action the value is a placeholder: nothing to resolve, only the field's docs.
  const templated = insideTemplate(file, document.offsetAt(position));
  const reference = workspace && indexed?.parsed === file && !templated ? referenceHover({ index: workspace, file: indexed, document }, position) : null;
  if (!reference) return schema;
  if (!schema) return reference;
  return { contents: { kind: MarkupKind.Markdown, value: `${markupValue(reference)}\n\n---\n\n${markupValue(schema)}` }, range: reference.range };
}

function markupValue(h: Hover): string {
  return typeof h.contents === 'object' && 'kind' in h.contents ? h.contents.value : '';
}

function schemaHover(document: TextDocument, file: ParsedFile, position: Position): Hover | null {
  if (!file.hasIstio) return null;
  const offset = document.offsetAt(position);
  const sc = schemaCursor(file, offset);
  if (!sc || sc.kind === 'empty' || !sc.resource || sc.root === undefined) return null;
  const { ctx, resource } = sc;
  const range = { start: document.positionAt(ctx.tokenStart), end: document.positionAt(ctx.tokenEnd) };
  const token = file.text.slice(ctx.tokenStart, ctx.tokenEnd).trim().replace(/^["']|["']$/g, '');
  let value: string;
  if (sc.path.length === 1 && (sc.path[0] === 'apiVersion' || sc.path[0] === 'kind')) {
    const served = RESOURCES.filter((r) => r.group === resource.group && r.kind === resource.kind).map((r) => r.version);
    value = resourceMarkdown(resource, served);
  } else {
    const f = fieldOf(sc.root, sc.path);
    if (!f) return null;
    const doc = fieldMarkdown(f.parent, f.field, formatPath(f.fieldPath));
    if (!doc) return null;
    value = doc;
    const child = node(f.parent.properties?.[f.field] ?? f.parent.additionalProperties!);
    const values = child.enum ?? (child.items !== undefined ? node(child.items).enum : undefined);
    if (sc.kind === 'value' && values?.includes(token)) {
      const e = enumMarkdown(f.parent, f.field, token);
      if (e) value = `${e}\n\n---\n\n${doc}`;
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}
