/**
 * The schema model: the generated facts from the upstream CRDs, typed, plus
 * the Kubernetes envelope (`apiVersion`, `kind`, `metadata`) that the CRDs
 * leave out. Lookups only; nothing here knows about YAML.
 */
import generated from './generated/schema.json';
import { ENVELOPE_FIELDS, OBJECT_META } from './kube';

export interface OneOfGroup {
  readonly fields: readonly string[];
  /** Exactly one must be set (otherwise: at most one). */
  readonly required: boolean;
}

export interface CelRule {
  readonly rule: string;
  readonly message: string;
}

export interface DocAnchor {
  readonly page: string;
  readonly message: string;
  readonly fields: readonly string[];
}

export type NodeType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'intOrString' | 'any';

export interface SchemaNode {
  readonly type: NodeType;
  readonly properties?: Readonly<Record<string, number>>;
  readonly required?: readonly string[];
  readonly deprecated?: readonly string[];
  readonly items?: number;
  readonly additionalProperties?: number;
  readonly preserveUnknownFields?: boolean;
  readonly enum?: readonly string[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly pattern?: string;
  readonly listType?: string;
  readonly oneOf?: readonly OneOfGroup[];
  readonly rules?: readonly CelRule[];
  /** Canonical path: where descriptions of this node's fields are keyed. */
  readonly path: string;
  readonly doc?: DocAnchor;
}

export interface ResourceSchema {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly storage: boolean;
  readonly deprecated: boolean;
  readonly scope: string;
  readonly plural: string;
  readonly shortNames: readonly string[];
  readonly spec: number;
  readonly specRequired: boolean;
  readonly rules: readonly CelRule[];
}

interface GeneratedSchema {
  readonly istioVersion: string;
  readonly resources: readonly ResourceSchema[];
  readonly nodes: readonly SchemaNode[];
}

const data = generated as unknown as GeneratedSchema;

/** Node ids below this are generated; the envelope nodes follow. */
const nodes: SchemaNode[] = [...data.nodes];
const OBJECT_META_ID = nodes.push(OBJECT_META.node(nodes)) - 1;

export const ISTIO_VERSION = data.istioVersion;
export const RESOURCES = data.resources;

export function node(id: number): SchemaNode {
  return nodes[id];
}

export function findResource(group: string, version: string, kind: string): ResourceSchema | undefined {
  return data.resources.find((r) => r.group === group && r.version === version && r.kind === kind);
}

export function resourcesOfGroup(group: string): ResourceSchema[] {
  return data.resources.filter((r) => r.group === group);
}

/** The versions served for a group, newest (storage) first. */
export function apiVersions(): string[] {
  const seen = new Set<string>();
  for (const r of [...data.resources].sort((a, b) => Number(b.storage) - Number(a.storage))) seen.add(`${r.group}/${r.version}`);
  return [...seen];
}

/** The node for a whole resource: the envelope with its `spec`. */
const roots = new Map<ResourceSchema, number>();
export function rootOf(resource: ResourceSchema): number {
  let id = roots.get(resource);
  if (id === undefined) {
    const properties: Record<string, number> = {};
    for (const f of ENVELOPE_FIELDS) properties[f] = f === 'metadata' ? OBJECT_META_ID : stringNode();
    properties.spec = resource.spec;
    properties.status = anyNode();
    id = nodes.push({
      type: 'object',
      properties,
      required: ['apiVersion', 'kind', ...(resource.specRequired ? ['spec'] : [])],
      path: resource.kind,
      rules: resource.rules,
    }) - 1;
    roots.set(resource, id);
  }
  return id;
}

let stringId: number | undefined;
function stringNode(): number {
  return (stringId ??= nodes.push({ type: 'string', path: '' }) - 1);
}
let anyId: number | undefined;
function anyNode(): number {
  return (anyId ??= nodes.push({ type: 'any', preserveUnknownFields: true, path: '' }) - 1);
}

/** The child schema of a node for one path segment, if the schema has it. */
export function childOf(parent: SchemaNode, segment: string | number): number | undefined {
  if (typeof segment === 'number') return parent.type === 'array' ? parent.items : undefined;
  if (parent.properties && segment in parent.properties) return parent.properties[segment];
  return parent.additionalProperties;
}

/** Walks a path from a node; undefined once the path leaves the schema. */
export function nodeAtPath(rootId: number, path: readonly (string | number)[]): number | undefined {
  let id: number | undefined = rootId;
  for (const seg of path) {
    if (id === undefined) return undefined;
    id = childOf(nodes[id], seg);
  }
  return id;
}

/** The description key of a field of a node: `<canonical path>.<field>`. */
export function fieldKey(parent: SchemaNode, field: string): string {
  return `${parent.path}.${field}`;
}
