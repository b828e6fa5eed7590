/**
 * Go to definition over the workspace: a subset -> its entry in the
 * DestinationRule(s) of the destination's host; a gateway reference -> the
 * Gateway's `metadata.name`; a host -> the DestinationRule hosts,
 * ServiceEntry hosts and Services it resolves to. `mesh` has no definition;
 * a definition is its own.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import { Documents, gatewayOf, hostDefinitions, locations, referenceAt, subsetDefinitions, type NavContext, type Occurrence } from './referenceAt';

export function findDefinition(ctx: NavContext, position: Position): Location[] {
  const target = referenceAt(ctx.file, ctx.document.offsetAt(position));
  if (!target) return [];
  let found: Occurrence[] = [];
  switch (target.kind) {
    case 'subset':
      found = subsetDefinitions(ctx.index, target.resource, target.destination);
      break;
    case 'gateway': {
      const gw = gatewayOf(ctx.index, target.resource, target.ref);
      if (gw?.nameRange) found = [{ resource: gw, ref: { value: gw.name, range: gw.nameRange } }];
      break;
    }
    case 'host':
      found = hostDefinitions(ctx.index, target.resource, target.ref);
      break;
    default:
      // On a definition (a subset name, a Gateway name): itself, so that the
      // editor offers its references instead (alternativeDefinitionCommand).
      found = [target];
  }
  return locations(new Documents(ctx.index, ctx.document), found);
}
