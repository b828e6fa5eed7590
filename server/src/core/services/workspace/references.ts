/**
 * Find references over the workspace. On a DestinationRule subset (its name
 * or a destination that uses it): every destination and mirror that uses
 * that subset of that host, across files. On a Gateway (its name or a
 * `gateways` entry): every VirtualService `gateways` entry that names it.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../../workspace';
import {
  Documents,
  fqdnOf,
  gatewayOf,
  gatewayReferences,
  locations,
  MESH_GATEWAY,
  referenceAt,
  subsetDefinitions,
  subsetReferences,
  type NavContext,
  type Occurrence,
  type Target,
} from './referenceAt';

export function findReferences(ctx: NavContext, position: Position, includeDeclaration: boolean): Location[] {
  const target = referenceAt(ctx.file, ctx.document.offsetAt(position));
  if (!target) return [];
  const found = referencesOf(ctx.index, target);
  if (!found) return [];
  return locations(new Documents(ctx.index, ctx.document), includeDeclaration ? [...found.declarations, ...found.references] : found.references);
}

export interface Uses {
  /** Where the thing is defined (subset names, a Gateway name). */
  readonly declarations: readonly Occurrence[];
  /** Where it is used. */
  readonly references: readonly Occurrence[];
}

/** The declarations and uses of the subset or Gateway a target is about (undefined for hosts and `mesh`). */
export function referencesOf(index: WorkspaceIndex, target: Target): Uses | undefined {
  switch (target.kind) {
    case 'subsetDef':
      return { declarations: [target], references: subsetReferences(index, target.resource, target.ref.value) };
    case 'subset': {
      const declarations = subsetDefinitions(index, target.resource, target.destination);
      if (declarations.length === 0) return { declarations, references: sameSubset(index, target) };
      return { declarations, references: declarations.flatMap((d) => subsetReferences(index, d.resource, d.ref.value)) };
    }
    case 'gatewayDef':
      return { declarations: [target], references: gatewayReferences(index, target.resource) };
    case 'gateway': {
      if (target.ref.value === MESH_GATEWAY) return undefined;
      const gw = gatewayOf(index, target.resource, target.ref);
      if (!gw?.nameRange) return { declarations: [], references: sameGateway(index, target) };
      return { declarations: [{ resource: gw, ref: { value: gw.name, range: gw.nameRange } }], references: gatewayReferences(index, gw) };
    }
    default:
      return undefined;
  }
}

/** A subset no DestinationRule defines: the uses of the same name for the same host that are undefined too. */
function sameSubset(index: WorkspaceIndex, target: Extract<Target, { kind: 'subset' }>): Occurrence[] {
  const fqdn = fqdnOf(target.resource, target.destination.host);
  const out: Occurrence[] = [];
  for (const vs of index.resources('VirtualService')) {
    for (const d of vs.destinations) {
      if (d.subset?.value !== target.ref.value || fqdnOf(vs, d.host) !== fqdn) continue;
      if (subsetDefinitions(index, vs, d).length === 0) out.push({ resource: vs, ref: d.subset });
    }
  }
  return out;
}

/** A Gateway the workspace does not hold: the entries that name the same `namespace/name`. */
function sameGateway(index: WorkspaceIndex, target: Extract<Target, { kind: 'gateway' }>): Occurrence[] {
  const key = qualified(target.ref.value, target.resource.namespace);
  const out: Occurrence[] = [];
  for (const vs of index.resources('VirtualService')) for (const g of vs.gateways) if (qualified(g.value, vs.namespace) === key) out.push({ resource: vs, ref: g });
  return out;
}

function qualified(ref: string, namespace: string): string {
  return ref.includes('/') ? ref : `${namespace}/${ref}`;
}
