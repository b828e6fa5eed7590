/**
 * Rollout code lenses over weighted routes: "Shift 10% to v2",
 * "Promote v2 (100%)", "Roll back to v1". Each carries the one edit that
 * applies it; the total stays 100.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, TextEdit } from 'vscode-languageserver-types';
import type { ParsedFile } from '../../parser';
import { touchesTemplate } from '../../templates/detect';
import { only, setWeights, shift, weightedRoutes, type WeightedRoute } from './weights';

export const APPLY_EDITS_COMMAND = 'istio.applyEdits';
const STEP = 10;

export function findCodeLenses(document: TextDocument, file: ParsedFile): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const doc of file.docs) {
    if (doc.resource?.kind !== 'istio' || doc.resource.resourceKind !== 'VirtualService') continue;
    for (const route of weightedRoutes(doc, file.text)) {
      // A route a template writes any part of: its weights are not all known, so no lens.
      if (file.templated && touchesTemplate(file.templated, route.span[0], route.span[1], true)) continue;
      lenses.push(...routeLenses(document, route));
    }
  }
  return lenses;
}

function routeLenses(document: TextDocument, route: WeightedRoute): CodeLens[] {
  const range = { start: document.positionAt(route.keyRange[0]), end: document.positionAt(route.keyRange[1]) };
  const weights = route.destinations.map((d) => d.weight);
  const names = route.destinations.map((d) => d.label);
  const stable = 0;
  const canary = route.destinations.length - 1;
  const lens = (title: string, target: number[]): CodeLens | undefined => {
    const edits = setWeights(route, target);
    if (edits.length === 0) return undefined;
    const textEdits: TextEdit[] = edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
    return { range, command: { title, command: APPLY_EDITS_COMMAND, arguments: [document.uri, document.version, textEdits] } };
  };
  const out = [
    weights[canary] < 100 ? lens(`Shift ${STEP}% to ${names[canary]}`, shift(weights, canary, STEP)) : undefined,
    lens(`Promote ${names[canary]} (100%)`, only(weights.length, canary)),
    lens(`Roll back to ${names[stable]}`, only(weights.length, stable)),
  ];
  return out.filter((l): l is CodeLens => l !== undefined);
}
