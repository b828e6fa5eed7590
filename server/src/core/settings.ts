/** Settings the core's features take as plain data (the server reads them from the client). */
export interface Settings {
  /** The Istio version the manifests are written for, e.g. `1.30`: drives version-dependent rules. */
  readonly istioVersion: string;
  /** Namespace assumed for resources without `metadata.namespace`. */
  readonly defaultNamespace: string;
  /** Run the checks that look at other files (subsets, gateways, hosts ...). */
  readonly crossFileChecks: boolean;
}

export const DEFAULT_SETTINGS: Settings = { istioVersion: '1.30', defaultNamespace: 'default', crossFileChecks: true };

/** Compares `1.9` < `1.15` numerically. */
export function versionBelow(version: string, than: string): boolean {
  const a = version.split('.').map((n) => parseInt(n, 10) || 0);
  const b = than.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}
