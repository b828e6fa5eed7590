/** Facts about what a schema node holds, derived from the generated schema. */
import { node, type SchemaNode } from './model';

export function isDuration(s: SchemaNode): boolean {
  return s.type === 'string' && (s.rules ?? []).some((r) => /duration/i.test(r.message));
}

export function isPercentage(parent: SchemaNode, field: string, s: SchemaNode): boolean {
  if (s.type !== 'number' && s.type !== 'integer') return false;
  return /percent/i.test(field) || (field === 'value' && /percentage$/i.test(parent.path));
}

export function enumOf(s: SchemaNode): readonly string[] | undefined {
  return s.enum ?? (s.items !== undefined ? node(s.items).enum : undefined);
}

/** An object with named fields (as opposed to a free-form map). */
export function isStruct(s: SchemaNode): boolean {
  return s.type === 'object' && s.properties !== undefined;
}
