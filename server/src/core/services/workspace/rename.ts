/**
 * Rename a DestinationRule subset (its name and every destination that uses
 * it for that host) or an Istio Gateway (its `metadata.name` and every
 * `gateways` entry naming it, each keeping its form: `ns/name` stays
 * `ns/name`, a short name stays short).
 *
 * The core never throws for a refused rename. Instead:
 * - `prepareRename` gives the range and current name, or null when nothing
 *   renamable is under the cursor;
 * - `validateRename` says why, as `{ error }` with a message for the user:
 *   without a new name, why the cursor's symbol cannot be renamed; with one,
 *   also whether the name is valid (a DNS-1123 label) and free;
 * - `doRename` gives the edit, or null exactly when `validateRename` reports
 *   an error. The LSP layer answers a null with that message.
 */
import type { Position, Range as LspRange, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../../workspace';
import type { Range } from '../../workspace/model';
import { fileLookup, offsetsTouchTemplates } from '../../templates/edits';
import { referencesOf, type Uses } from './references';
import { Documents, fqdnOf, isIstioGateway, MESH_GATEWAY, referenceAt, unquoted, type NavContext, type Occurrence, type Target } from './referenceAt';

export interface RenameError {
  readonly error: string;
}

export interface RenamePlaceholder {
  readonly range: LspRange;
  readonly placeholder: string;
}

/** At most 63 lower-case letters, digits and '-', starting and ending with a letter or digit. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL_MAX = 63;

interface Renamable {
  readonly what: 'subset' | 'Gateway';
  readonly name: string;
  readonly uses: Uses;
  /** The name's text under the cursor (the `name` of `ns/name`). */
  readonly range: Range;
}

export function prepareRename(ctx: NavContext, position: Position): RenamePlaceholder | null {
  const r = renamable(ctx, new Documents(ctx.index, ctx.document), position);
  if ('error' in r) return null;
  return { range: { start: ctx.document.positionAt(r.range[0]), end: ctx.document.positionAt(r.range[1]) }, placeholder: r.name };
}

export function validateRename(ctx: NavContext, position: Position, newName?: string): RenameError | null {
  const r = renamable(ctx, new Documents(ctx.index, ctx.document), position);
  if ('error' in r) return r;
  return newName === undefined ? null : checkName(ctx.index, r, newName);
}

export function doRename(ctx: NavContext, position: Position, newName: string): WorkspaceEdit | null {
  const docs = new Documents(ctx.index, ctx.document);
  const r = renamable(ctx, docs, position);
  if ('error' in r || checkName(ctx.index, r, newName)) return null;
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const o of [...r.uses.declarations, ...r.uses.references]) {
    const range = nameRange(docs, o, r.what === 'Gateway');
    const key = `${o.resource.uri}#${range[0]}`;
    if (seen.has(key) || docs.text(o.resource.uri).slice(range[0], range[1]) === newName) continue;
    seen.add(key);
    (changes[o.resource.uri] ??= []).push({ range: docs.range(o.resource.uri, range), newText: newName });
  }
  return { changes };
}

function renamable(ctx: NavContext, docs: Documents, position: Position): Renamable | RenameError {
  const target = referenceAt(ctx.file, ctx.document.offsetAt(position));
  if (!target || target.kind === 'host') return { error: 'Only DestinationRule subsets and Gateway names can be renamed.' };
  if (target.kind === 'gateway' && target.ref.value === MESH_GATEWAY) return { error: `'${MESH_GATEWAY}' is reserved for the mesh's sidecars and names no Gateway: it cannot be renamed.` };
  const uses = referencesOf(ctx.index, target);
  if (!uses || uses.declarations.length === 0) return { error: unresolved(target) };
  const what = target.kind === 'subset' || target.kind === 'subsetDef' ? 'subset' : 'Gateway';
  // A name a template writes (in any of its files) is renamed in the template's source, not here.
  const files = fileLookup(ctx.index);
  const templated = [...uses.declarations, ...uses.references].find((o) => offsetsTouchTemplates(files, o.resource.uri, [nameRange(docs, o, what === 'Gateway')]));
  if (templated) return { error: `The ${what} name is written by a Helm/Go template in ${templated.resource.uri}: rename it in the template's source or values instead.` };
  const range = nameRange(docs, target, what === 'Gateway');
  return { what, name: docs.text(target.resource.uri).slice(range[0], range[1]), uses, range };
}

function unresolved(target: Target): string {
  if (target.kind === 'subset') {
    const host = fqdnOf(target.resource, target.destination.host);
    return `Subset '${target.ref.value}' is not defined by any DestinationRule for ${host} visible from namespace '${target.resource.namespace}': there is nothing to rename.`;
  }
  return `Gateway '${target.ref.value}' is not in the workspace (namespace '${target.resource.namespace}'): there is nothing to rename.`;
}

function checkName(index: WorkspaceIndex, r: Renamable, newName: string): RenameError | null {
  if (newName.length > DNS1123_LABEL_MAX || !DNS1123_LABEL.test(newName)) {
    return {
      error: `'${newName}' is not a valid ${r.what} name: use at most ${DNS1123_LABEL_MAX} lower-case letters, digits and '-', starting and ending with a letter or digit.`,
    };
  }
  if (newName === r.name) return null;
  for (const { resource } of r.uses.declarations) {
    if (r.what === 'subset' && resource.subsets.some((s) => s.name.value === newName)) {
      return { error: `DestinationRule '${resource.name}' already has a subset '${newName}'.` };
    }
    if (r.what === 'Gateway' && [...index.resources('Gateway')].some((g) => isIstioGateway(g) && g.name === newName && g.namespace === resource.namespace)) {
      return { error: `Namespace '${resource.namespace}' already has a Gateway '${newName}'.` };
    }
  }
  return null;
}

/** The range of the name in an occurrence: quotes excluded, and only `name` of a `ns/name` gateway entry. */
function nameRange(docs: Documents, o: Occurrence, gateway: boolean): Range {
  const inner = unquoted(docs.text(o.resource.uri), o.ref.range);
  if (!gateway) return inner;
  const slash = docs.text(o.resource.uri).slice(inner[0], inner[1]).indexOf('/');
  return slash < 0 ? inner : [inner[0] + slash + 1, inner[1]];
}
