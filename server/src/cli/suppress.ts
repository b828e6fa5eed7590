/**
 * Suppressions, in the `istioctl analyze` forms:
 *  - `--suppress CODE` or `--suppress "CODE=Kind name"`, where name is
 *    `name`, `namespace/name` or istioctl's `name.namespace`, and `*` is a
 *    wildcard in the code and in the name;
 *  - the `galley.istio.io/analyze-suppress: "CODE,CODE"` annotation, which
 *    silences those codes for every finding inside the annotated resource.
 *    The core applies it to cross-file findings only; here it covers all
 *    (syntax and schema findings too). Applying it twice is harmless.
 * A rule id may stand for a code anywhere.
 */
export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

export interface Suppression {
  /** As written on the command line. */
  readonly spec: string;
  readonly code: RegExp;
  /** Lower-cased kind; absent when the suppression names a code only. */
  readonly kind?: string;
  readonly name?: RegExp;
}

/** The resource a finding is inside. */
export interface ResourceId {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly annotations: Readonly<Record<string, string>>;
}

export function parseSuppression(spec: string, fail: (message: string) => Error): Suppression {
  const eq = spec.indexOf('=');
  const code = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  if (!/^[A-Za-z0-9*][-A-Za-z0-9*]*$/.test(code)) throw fail(`--suppress: '${spec}' does not start with a diagnostic code (e.g. IST0101 or IST0101=VirtualService shop/checkout)`);
  if (eq < 0) return { spec, code: glob(code, 'i') };
  const parts = spec.slice(eq + 1).trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw fail(`--suppress: '${spec}' must name a resource as 'Kind name', e.g. IST0101=VirtualService shop/checkout`);
  return { spec, code: glob(code, 'i'), kind: parts[0].toLowerCase(), name: glob(parts[1], '') };
}

/**
 * Is a finding silenced? `ids` are its code and its rule id (either may be
 * named); `resource` is the resource the finding is inside, if any.
 */
export function isSuppressed(ids: readonly string[], resource: ResourceId | undefined, suppressions: readonly Suppression[]): boolean {
  if (resource && annotationSuppresses(ids, resource.annotations)) return true;
  return suppressions.some((s) => ids.some((id) => s.code.test(id)) && (s.kind === undefined || (resource !== undefined && matchesResource(s, resource))));
}

function matchesResource(s: Suppression, r: ResourceId): boolean {
  if (s.kind !== r.kind.toLowerCase() || !s.name) return false;
  return [r.name, `${r.namespace}/${r.name}`, `${r.name}.${r.namespace}`].some((n) => s.name?.test(n));
}

export function annotationSuppresses(ids: readonly string[], annotations: Readonly<Record<string, string>>): boolean {
  const value = annotations[SUPPRESS_ANNOTATION];
  if (!value) return false;
  const patterns = value.split(',').map((c) => c.trim()).filter((c) => c !== '').map((c) => glob(c, 'i'));
  return patterns.some((p) => ids.some((id) => p.test(id)));
}

/** A pattern where `*` is any run of characters and everything else is literal. */
function glob(pattern: string, flags: string): RegExp {
  const body = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, flags);
}
