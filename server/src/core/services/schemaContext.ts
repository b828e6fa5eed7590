/**
 * Joins a cursor context to the schema: which resource schema applies, and
 * what the path means there. A bare word on a `- ` line is a key when the
 * list holds objects, and a value when it holds strings: only the schema can
 * tell.
 */
import type { ParsedFile } from '../parser';
import { cursorAt, type CursorContext, type PathSegment } from '../path';
import { node, nodeAtPath, rootOf, type ResourceSchema, type SchemaNode } from '../schema/model';
import { resolveSchema } from '../schema/resolve';

export interface SchemaCursor {
  readonly ctx: CursorContext;
  readonly kind: CursorContext['kind'];
  readonly path: readonly PathSegment[];
  readonly resource?: ResourceSchema;
  readonly root?: number;
}

export function schemaCursor(file: ParsedFile, offset: number): SchemaCursor | undefined {
  const ctx = cursorAt(file, offset);
  if (!ctx) return undefined;
  const resource = resolveSchema(ctx.doc).schema;
  const root = resource ? rootOf(resource) : undefined;
  if (root !== undefined && ctx.kind === 'key') {
    const container = ctx.path.slice(0, -1);
    const id = nodeAtPath(root, container);
    if (id !== undefined && node(id).type !== 'object' && node(id).type !== 'array') {
      return { ctx, kind: 'value', path: container, resource, root };
    }
  }
  return { ctx, kind: ctx.kind, path: ctx.path, resource, root };
}

/** The field that a path designates: its parent node and name (list indexes skipped). */
export function fieldOf(root: number, path: readonly PathSegment[]): { parent: SchemaNode; field: string; fieldPath: PathSegment[] } | undefined {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  if (end === 0) return undefined;
  const parentId = nodeAtPath(root, path.slice(0, end - 1));
  if (parentId === undefined) return undefined;
  const parent = node(parentId);
  const field = path[end - 1] as string;
  if (parent.type !== 'object') return undefined;
  if (parent.properties?.[field] === undefined && parent.additionalProperties === undefined) return undefined;
  return { parent, field, fieldPath: path.slice(0, end) as PathSegment[] };
}
