/**
 * Does one http match take every request another one would? `covers(a, b)`
 * is true only when it surely does: every condition of `a` is implied by a
 * condition of `b`. Unknown conditions of `a` make it false (we never guess);
 * extra conditions of `b` only narrow `b`, so they do not matter.
 */
import type { HttpMatchDef, StringMatchDef } from '../../../workspace/model';

/** `top`: the VirtualService's own gateways, used by matches that list none. */
export function covers(a: HttpMatchDef, b: HttpMatchDef, top: readonly string[]): boolean {
  if (a.opaque) return false;
  if (a.port !== undefined && a.port !== b.port) return false;
  if (a.sourceNamespace !== undefined && a.sourceNamespace !== b.sourceNamespace) return false;
  for (const [k, v] of Object.entries(a.sourceLabels)) if (b.sourceLabels[k] !== v) return false;
  const gatewaysA = a.gateways.length > 0 ? a.gateways : top;
  const gatewaysB = b.gateways.length > 0 ? b.gateways : top;
  if (!gatewaysB.every((g) => gatewaysA.includes(g))) return false;
  for (const [key, cond] of Object.entries(a.conditions)) {
    const other = b.conditions[key];
    if (!other) return false;
    if (key.startsWith('without:')) {
      if (other.kind !== cond.kind || other.value !== cond.value) return false;
    } else if (key === 'uri' ? !uriCovers(cond, other, a.ignoreUriCase, b.ignoreUriCase) : !stringCovers(cond, other)) {
      return false;
    }
  }
  return true;
}

/** `ignoreUriCase` applies to exact and prefix URI matches only. */
function uriCovers(a: StringMatchDef, b: StringMatchDef, ignoreA: boolean, ignoreB: boolean): boolean {
  if (a.kind === 'regex' || b.kind === 'regex' || a.kind === 'present') return stringCovers(a, b);
  if (ignoreB && !ignoreA) return false; // b also takes case variants that a does not
  if (!ignoreA) return stringCovers(a, b);
  return stringCovers({ kind: a.kind, value: a.value.toLowerCase() }, { kind: b.kind, value: b.value.toLowerCase() });
}

/** Every value `b` accepts, `a` accepts too. */
export function stringCovers(a: StringMatchDef, b: StringMatchDef): boolean {
  switch (a.kind) {
    case 'present':
      return true;
    case 'exact':
      return b.kind === 'exact' && b.value === a.value;
    case 'prefix':
      return a.value === '' || ((b.kind === 'exact' || b.kind === 'prefix') && b.value.startsWith(a.value));
    case 'regex':
      return a.value === '.*' || (b.kind === 'regex' && b.value === a.value);
  }
}
