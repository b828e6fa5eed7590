/**
 * Route weights that do not add up to 100 (`weights-sum`, reported on the
 * `route:` key): scale them to 100 in proportion, as whole numbers, with the
 * rollout lenses' arithmetic (largest remainder: the total is exactly 100 and
 * every weight moves by less than 1 from its exact share). Destinations
 * without a weight keep none (they stay at 0).
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { normalise, weightedRoutes } from '../rollout/weights';
import { documentAt, offsets, quickFix, type FixContext, type OffsetEdit } from './edits';

export function normaliseWeights(ctx: FixContext, d: Diagnostic): CodeAction[] {
  const [keyStart] = offsets(ctx, d);
  const doc = documentAt(ctx.file, keyStart);
  const route = doc && weightedRoutes(doc, ctx.file.text).find((r) => r.keyRange[0] === keyStart);
  if (!route) return [];
  const scaled = normalise(route.destinations.map((x) => x.weight));
  const edits: OffsetEdit[] = [];
  const shown: number[] = [];
  route.destinations.forEach((dest, i) => {
    if (!dest.weightRange) return;
    shown.push(scaled[i]);
    if (scaled[i] !== dest.weight) edits.push({ uri: ctx.document.uri, start: dest.weightRange[0], end: dest.weightRange[1], newText: String(scaled[i]) });
  });
  if (edits.length === 0 || scaled.reduce((a, b) => a + b, 0) !== 100) return [];
  return [quickFix(ctx, `Scale the weights to add up to 100 (${shown.join(', ')})`, d, edits, true)];
}
