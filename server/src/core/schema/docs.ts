/**
 * Markdown documentation for a field, an enum value or a resource: the facts
 * from the schema (type, allowed values, required, deprecation, link) around
 * our own description. Hover and completion show the same text.
 */
import { DEPRECATED } from './deprecations';
import { enumDescription, fieldDescription, kindDescription } from './descriptions';
import { fieldKey, node, type ResourceSchema, type SchemaNode } from './model';

const DOCS_BASE = 'https://istio.io/latest/docs/reference/config/';

export function typeSummary(s: SchemaNode): string {
  switch (s.type) {
    case 'array': {
      const item = node(s.items!);
      return `list of ${item.type === 'object' ? (item.additionalProperties !== undefined && !item.properties ? 'maps' : 'objects') : typeSummary(item)}`;
    }
    case 'object':
      if (s.additionalProperties !== undefined && !s.properties) return `map of ${typeSummary(node(s.additionalProperties))}`;
      return 'object';
    case 'intOrString':
      return 'integer or string';
    default: {
      const fmt = s.format && !['int32', 'uint32', 'int64', 'uint64', 'double', 'float'].includes(s.format) ? ` (${s.format})` : '';
      return `${s.type}${fmt}`;
    }
  }
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function fieldLink(parent: SchemaNode, field: string): string | undefined {
  const d = parent.doc;
  if (!d) return undefined;
  const anchor = d.fields.includes(field) ? `${d.message}-${snake(field)}` : d.message;
  return `${DOCS_BASE}${d.page}/#${anchor}`;
}

export function isDeprecatedField(parent: SchemaNode, field: string): boolean {
  return DEPRECATED[fieldKey(parent, field)] !== undefined || (parent.deprecated ?? []).includes(field);
}

/** Hover / completion documentation of `parent.field`, shown at `displayPath`. */
export function fieldMarkdown(parent: SchemaNode, field: string, displayPath: string): string | undefined {
  const childId = parent.properties?.[field] ?? parent.additionalProperties;
  if (childId === undefined) return undefined;
  const child = node(childId);
  const isMapEntry = parent.properties?.[field] === undefined;
  const facts: string[] = [`\`${typeSummary(child)}\``];
  if ((parent.required ?? []).includes(field)) facts.push('required');
  const lines = [`**${displayPath}** · ${facts.join(' · ')}`, ''];
  const key = fieldKey(parent, field);
  const dep = DEPRECATED[key];
  if (dep) lines.push(`⚠️ **Deprecated**: use \`${dep.replacement}\` instead.`, '');
  else if ((parent.deprecated ?? []).includes(field)) lines.push('⚠️ **Deprecated.**', '');
  const text = isMapEntry ? undefined : fieldDescription(key);
  if (text) lines.push(text, '');
  const values = child.enum ?? (child.items !== undefined ? node(child.items).enum : undefined);
  if (values) lines.push(`Allowed values: ${values.map((v) => `\`${v}\``).join(', ')}`, '');
  const bounds = boundsText(child);
  if (bounds) lines.push(bounds, '');
  const link = isMapEntry ? undefined : fieldLink(parent, field);
  if (link) lines.push(`[Istio reference](${link})`);
  return lines.join('\n').trim();
}

function boundsText(s: SchemaNode): string | undefined {
  if (s.minimum !== undefined && s.maximum !== undefined) return `Range: ${s.minimum} to ${s.maximum}`;
  if (s.minimum !== undefined) return `Minimum: ${s.minimum}`;
  if (s.maximum !== undefined) return `Maximum: ${s.maximum}`;
  if (s.maxLength !== undefined) return `At most ${s.maxLength} characters`;
  return undefined;
}

export function enumMarkdown(parent: SchemaNode, field: string, value: string): string | undefined {
  const text = enumDescription(fieldKey(parent, field), value);
  if (!text) return undefined;
  return `**${value}**\n\n${text}`;
}

const KIND_PAGES: Record<string, string> = {
  Telemetry: 'telemetry',
  WasmPlugin: 'proxy_extensions/wasm-plugin',
};

export function resourceMarkdown(r: ResourceSchema, servedVersions: readonly string[]): string {
  const lines = [`**${r.kind}** · \`${r.group}/${r.version}\``, ''];
  const text = kindDescription(r.kind);
  if (text) lines.push(text, '');
  lines.push(`Served versions: ${servedVersions.map((v) => `\`${r.group}/${v}\``).join(', ')}${r.shortNames.length ? ` · short name: \`${r.shortNames.join('`, `')}\`` : ''}`, '');
  const page = KIND_PAGES[r.kind] ?? pageOf(r);
  if (page) lines.push(`[Istio reference](${DOCS_BASE}${page}/)`);
  return lines.join('\n').trim();
}

function pageOf(r: ResourceSchema): string | undefined {
  const d = node(r.spec).doc;
  return d?.page;
}
