/**
 * The weighted routes of a VirtualService, read from the tree with the
 * ranges of their weights, and the edits that move traffic between them
 * while keeping the total at 100.
 */
import type { ParsedDocument } from '../../parser';
import { isMap, isScalar, isSeq, mapGet, nodeRange } from '../../yamlAst';
import { resolveAlias } from '../../yamlAliases';

export interface WeightedDestination {
  /** What users call it: the subset, else the host. */
  readonly label: string;
  readonly weight: number;
  /** Range of the weight value, or of the item start when there is no weight. */
  readonly weightRange?: [number, number];
  /** Where to insert `weight: N` when the destination has none. */
  readonly insertAt: number;
  readonly indent: number;
}

export interface WeightedRoute {
  readonly path: string;
  /** Range of the `route:` key. */
  readonly keyRange: [number, number];
  /** Range of the list of destinations. */
  readonly span: [number, number];
  readonly destinations: readonly WeightedDestination[];
}

/** Routes with two or more destinations and at least one explicit weight. */
export function weightedRoutes(doc: ParsedDocument, text: string): WeightedRoute[] {
  const y = doc.yaml;
  const spec = resolveAlias(y, mapGet(y.contents, 'spec')?.value);
  const out: WeightedRoute[] = [];
  for (const section of ['http', 'tcp', 'tls']) {
    const rules = resolveAlias(y, mapGet(spec, section)?.value);
    if (!isSeq(rules)) continue;
    rules.items.forEach((rule, i) => {
      const pair = mapGet(resolveAlias(y, rule), 'route');
      const routes = resolveAlias(y, pair?.value);
      if (!pair || !isSeq(routes) || routes.items.length < 2) return;
      const dests: WeightedDestination[] = [];
      let explicit = false;
      for (const item of routes.items) {
        const rd = resolveAlias(y, item);
        if (!isMap(rd)) return;
        const dest = resolveAlias(y, mapGet(rd, 'destination')?.value);
        const subset = scalarText(mapGet(dest, 'subset')?.value);
        const host = scalarText(mapGet(dest, 'host')?.value);
        const w = mapGet(rd, 'weight')?.value;
        const weight = isScalar(w) && typeof w.value === 'number' ? w.value : undefined;
        if (weight !== undefined) explicit = true;
        const first = rd.items[0];
        const start = nodeRange(first?.key)?.[0] ?? nodeRange(rd)?.[0] ?? 0;
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        dests.push({
          label: subset ?? host ?? '?',
          weight: weight ?? 0,
          weightRange: weight !== undefined ? nodeRange(w) : undefined,
          insertAt: endOfLastLine(text, nodeRange(rd)?.[1] ?? start),
          indent: start - lineStart,
        });
      }
      if (explicit) out.push({ path: `spec.${section}[${i}].route`, keyRange: nodeRange(pair.key) ?? [0, 0], span: nodeRange(routes) ?? [0, 0], destinations: dests });
    });
  }
  return out;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function endOfLastLine(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  const nl = text.indexOf('\n', e);
  return nl < 0 ? text.length : nl;
}

export interface WeightEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Edits that set each destination's weight to `weights[i]`. */
export function setWeights(route: WeightedRoute, weights: readonly number[]): WeightEdit[] {
  const edits: WeightEdit[] = [];
  route.destinations.forEach((d, i) => {
    if (d.weight === weights[i] && d.weightRange) return;
    if (d.weightRange) edits.push({ start: d.weightRange[0], end: d.weightRange[1], newText: String(weights[i]) });
    else edits.push({ start: d.insertAt, end: d.insertAt, newText: `\n${' '.repeat(d.indent)}weight: ${weights[i]}` });
  });
  return edits;
}

/** Moves `step` points from the others (the largest first) to destination `to`; total stays 100. */
export function shift(weights: readonly number[], to: number, step: number): number[] {
  const out = normalise(weights);
  let left = Math.min(step, 100 - out[to]);
  while (left > 0) {
    let donor = -1;
    out.forEach((w, i) => {
      if (i !== to && w > 0 && (donor < 0 || w > out[donor])) donor = i;
    });
    if (donor < 0) break;
    const take = Math.min(left, out[donor]);
    out[donor] -= take;
    out[to] += take;
    left -= take;
  }
  return out;
}

/** All traffic to one destination. */
export function only(count: number, to: number): number[] {
  return Array.from({ length: count }, (_, i) => (i === to ? 100 : 0));
}

/** Integer weights proportional to `weights` that add up to exactly 100 (largest remainder). */
export function normalise(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (total === 0) return weights.map((_, i) => (i === 0 ? 100 : 0));
  const exact = weights.map((w) => (Math.max(0, w) * 100) / total);
  const out = exact.map(Math.floor);
  let rest = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    out[i]++;
  }
  return out;
}
