/**
 * Completion: keys, values, and the apiVersion/kind header, chosen from the
 * cursor's path and the resource's schema. Files that are not Kubernetes
 * manifests (and are not empty) get nothing from us.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import type { ParsedFile } from '../../parser';
import type { PathSegment } from '../../path';
import type { WorkspaceIndex } from '../../workspace';
import { node, nodeAtPath } from '../../schema/model';
import { mapKeys } from '../../yamlAst';
import { nodeAtYamlPath } from '../../yamlAliases';
import { fieldOf, schemaCursor, type SchemaCursor } from '../schemaContext';
import { apiVersionItems, kindItems } from './header';
import { keyItems } from './keys';
import { referenceItems } from './references';
import { valueItems } from './values';
import { insideTemplate, touchesTemplate } from '../../templates';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const HEADER_KEYS = ['apiVersion', 'kind', 'metadata', 'spec'];

/** `workspace`, when given, adds what other files define (subsets, hosts, gateways, ports, pod labels). */
export function doComplete(document: TextDocument, file: ParsedFile, position: Position, workspace?: WorkspaceIndex): CompletionList {
  if (!looksLikeKubernetes(file)) return EMPTY;
  const offset = document.offsetAt(position);
  const sc = schemaCursor(file, offset);
  if (inTemplateText(file, offset, sc)) return EMPTY;
  if (!sc) {
    // No document at all yet (an empty file): offer the header keys. The
    // range comes from the offset: a client's position may lie past the end.
    const at = document.positionAt(offset);
    const range: Range = { start: at, end: at };
    return { isIncomplete: false, items: file.docs.length === 0 ? headerKeys(new Set()).map((i) => withRange(i, range)) : [] };
  }
  const { ctx } = sc;
  const range: Range = { start: document.positionAt(ctx.tokenStart), end: document.positionAt(Math.max(offset, ctx.tokenEnd)) };
  const items = (workspace && workspaceItems(file, sc, workspace)) ?? collect(file, sc);
  return { isIncomplete: false, items: items.map((i) => withRange(i, range)) };
}

/** Go template text (an action, a left-out branch) is not ours to complete, nor a token that holds some. */
function inTemplateText(file: ParsedFile, offset: number, sc: SchemaCursor | undefined): boolean {
  if (!file.templated) return false;
  return insideTemplate(file, offset) || (sc !== undefined && touchesTemplate(file.templated, sc.ctx.tokenStart, Math.max(offset, sc.ctx.tokenEnd)));
}

function withRange(item: Omit<CompletionItem, 'textEdit'>, range: Range): CompletionItem {
  const { insertText, ...rest } = item;
  return { ...rest, textEdit: { range, newText: insertText ?? item.label } };
}

/** Reference items from the workspace, or undefined where the field references nothing. */
function workspaceItems(file: ParsedFile, sc: SchemaCursor, workspace: WorkspaceIndex): Omit<CompletionItem, 'textEdit'>[] | undefined {
  if (sc.root === undefined) return undefined;
  return referenceItems(sc, workspace, file.text.slice(sc.ctx.tokenEnd, sc.ctx.tokenEnd + 8));
}

function collect(file: ParsedFile, sc: SchemaCursor): Omit<CompletionItem, 'textEdit'>[] {
  const { ctx, path } = sc;
  if (sc.kind === 'value') {
    if (path.length === 1 && path[0] === 'apiVersion') return apiVersionItems();
    if (path.length === 1 && path[0] === 'kind') return kindItems(ctx.doc);
    if (sc.root === undefined) return [];
    const f = fieldOf(sc.root, path);
    return f ? valueItems(f.parent, f.field) : [];
  }
  const container: PathSegment[] = (sc.kind === 'key' ? path.slice(0, -1) : [...path]) as PathSegment[];
  const hasColon = sc.kind === 'key' && /^[ \t]*:/.test(file.text.slice(ctx.tokenEnd, ctx.tokenEnd + 8));
  if (sc.root === undefined) return container.length === 0 ? headerKeys(new Set(mapKeys(ctx.doc.yaml.contents))) : [];
  const id = nodeAtPath(sc.root, container);
  if (id === undefined) return [];
  let object = node(id);
  let dash = false;
  if (object.type === 'array' && sc.kind === 'empty') {
    const item = node(object.items!);
    if (item.type !== 'object') {
      const f = fieldOf(sc.root, container);
      return f ? valueItems(f.parent, f.field).map((i) => ({ ...i, insertText: `- ${i.label}` })) : [];
    }
    object = item;
    dash = true;
  }
  if (object.type !== 'object' || !object.properties) return [];
  const typed = sc.kind === 'key' ? String(path[path.length - 1]) : undefined;
  const present = new Set(mapKeys(nodeAtYamlPath(ctx.doc.yaml, container)).filter((k) => k !== typed));
  return keyItems({
    object,
    objectPath: dash ? [...container, 0] : container,
    present,
    column: ctx.column,
    hasColon,
    dash,
    indentUnit: indentUnit(file.text),
  });
}

function headerKeys(present: ReadonlySet<string>): Omit<CompletionItem, 'textEdit'>[] {
  return HEADER_KEYS.filter((k) => !present.has(k)).map((k, i) => ({
    label: k,
    kind: CompletionItemKind.Property,
    sortText: String(i),
    insertText: k === 'metadata' ? 'metadata:\n  name: ' : k === 'spec' ? 'spec:\n  ' : `${k}: `,
    command: k === 'apiVersion' || k === 'kind' ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
  }));
}

/** Kubernetes-looking, or empty (a new file is where `apiVersion` is typed first). */
export function looksLikeKubernetes(file: ParsedFile): boolean {
  if (file.hasKubernetes) return true;
  const meaningful = file.text.replace(/^\s*(#.*)?$/gm, '').replace(/^(---|\.\.\.)\s*$/gm, '').trim();
  if (meaningful === '') return true;
  return /^(apiVersion|kind|metadata)\s*:/m.test(file.text);
}

/** The indentation step the file already uses (2 when it shows none). */
function indentUnit(text: string): number {
  const m = /\n( +)\S/.exec(text);
  const n = m ? m[1].length : 2;
  return n >= 2 && n <= 8 ? n : 2;
}
