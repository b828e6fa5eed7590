/**
 * The Kubernetes object envelope that the CRDs do not describe:
 * `apiVersion`, `kind` and `metadata` (the ObjectMeta fields a manifest may
 * carry). Written by hand from the Kubernetes API facts.
 */
import type { SchemaNode } from './model';

export const ENVELOPE_FIELDS = ['apiVersion', 'kind', 'metadata'] as const;

const META_STRINGS = ['name', 'namespace', 'generateName', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'selfLink'];

export const OBJECT_META = {
  node(nodes: SchemaNode[]): SchemaNode {
    const str = nodes.push({ type: 'string', path: '' }) - 1;
    const int = nodes.push({ type: 'integer', path: '' }) - 1;
    const strMap = nodes.push({ type: 'object', additionalProperties: str, path: '' }) - 1;
    const strList = nodes.push({ type: 'array', items: str, path: '' }) - 1;
    const anyList = nodes.push({ type: 'array', items: nodes.push({ type: 'any', preserveUnknownFields: true, path: '' }) - 1, path: '' }) - 1;
    const properties: Record<string, number> = {};
    for (const f of META_STRINGS) properties[f] = str;
    Object.assign(properties, {
      labels: strMap,
      annotations: strMap,
      finalizers: strList,
      generation: int,
      deletionGracePeriodSeconds: int,
      ownerReferences: anyList,
      managedFields: anyList,
    });
    return { type: 'object', properties, path: 'metadata' };
  },
};
