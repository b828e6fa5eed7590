/**
 * Which schema applies to a document: the Istio group/version/kind table.
 * When none does, says why, in words a user can act on.
 */
import { closest } from 'fastest-levenshtein';
import type { ParsedDocument } from '../parser';
import { mapGet, nodeRange } from '../yamlAst';
import { findResource, resourcesOfGroup, type ResourceSchema } from './model';

export interface Resolved {
  readonly schema?: ResourceSchema;
  readonly problem?: { range: [number, number] | undefined; message: string; data?: Record<string, unknown> };
}

export function resolveSchema(doc: ParsedDocument): Resolved {
  const r = doc.resource;
  if (!r || r.kind !== 'istio') return {};
  const schema = findResource(r.group, r.version, r.resourceKind);
  if (schema) return { schema };
  const root = doc.yaml.contents;
  const kindRange = nodeRange(mapGet(root, 'kind')?.value);
  const versionRange = nodeRange(mapGet(root, 'apiVersion')?.value);
  const inGroup = resourcesOfGroup(r.group);
  if (!r.resourceKind) return {}; // the missing `kind` is reported by the structural check
  const kinds = [...new Set(inGroup.map((s) => s.kind))];
  if (!kinds.includes(r.resourceKind)) {
    if (kinds.length === 0) return { problem: { range: versionRange, message: `Istio has no API group "${r.group}".` } };
    const guess = closest(r.resourceKind, kinds);
    return {
      problem: {
        range: kindRange,
        message: `"${r.resourceKind}" is not a kind of ${r.group}. Did you mean "${guess}"? Kinds: ${kinds.join(', ')}.`,
        data: { replacement: guess },
      },
    };
  }
  const versions = inGroup.filter((s) => s.kind === r.resourceKind).map((s) => s.version);
  return {
    problem: {
      range: versionRange,
      message: `${r.resourceKind} is not served at ${r.apiVersion}. Served versions: ${versions.map((v) => `${r.group}/${v}`).join(', ')}.`,
      data: { replacement: `${r.group}/${versions[0]}` },
    },
  };
}
