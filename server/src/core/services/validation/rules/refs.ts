/**
 * References and selectors shared by several kinds: gateway names,
 * `exportTo`, workload selectors and label maps.
 */
import { fqdnProblem, isDns1123Label, labelKeyProblem, labelValueProblem } from './hosts';
import { entryString, error, warning, type Obj } from './view';

/**
 * `gateways` of a VirtualService (or of a match): `mesh`, `<namespace>/<name>`,
 * or the legacy `<name>.<namespace>[.svc.cluster.local]` form (a warning that
 * gives the rewrite).
 */
export function checkGatewayNames(o: Obj, key: string): void {
  for (const g of o.strings(key)) {
    const slash = g.value.indexOf('/');
    if (slash < 0) {
      if (g.value.includes('.')) {
        const parts = g.value.split('.');
        const replacement = `${parts[1]}/${parts[0]}`;
        warning(o.rc, g.range, 'gateway-legacy-name', `"${g.value}" uses the legacy gateway name form; write it as "${replacement}" (<namespace>/<name>).`, { replacement });
      }
      const problem = fqdnProblem(g.value);
      if (problem) error(o.rc, g.range, 'gateway-name', `Invalid gateway reference: ${problem}`);
      continue;
    }
    const ns = g.value.slice(0, slash);
    const name = g.value.slice(slash + 1);
    if (ns === '' || name === '') {
      error(o.rc, g.range, 'gateway-name', `"${g.value}" needs both a namespace and a gateway name: <namespace>/<name>.`);
      continue;
    }
    if (!isDns1123Label(ns)) error(o.rc, g.range, 'gateway-name', `"${ns}" in "${g.value}" is not a valid namespace name.`);
    if (!isDns1123Label(name)) error(o.rc, g.range, 'gateway-name', `"${name}" in "${g.value}" is not a valid gateway name.`);
  }
}

/** `exportTo`: `.`, `*`, namespace names (and `~` for a ServiceEntry), without duplicates or contradictions. */
export function checkExportTo(o: Obj, opts: { serviceEntry?: boolean; withSelector?: boolean } = {}): void {
  const entries = o.strings('exportTo');
  if (entries.length === 0) return;
  const ns = o.rc.namespace;
  const seen = new Set<string>();
  for (const e of entries) {
    const key = e.value === '.' ? ns : e.value;
    if (seen.has(key)) {
      const msg = key !== e.value ? `"." and "${ns}" both mean the resource's own namespace.` : `"${e.value}" is listed twice in exportTo.`;
      error(o.rc, e.range, 'export-to', msg);
      continue;
    }
    if (e.value === '~' && !opts.serviceEntry) {
      error(o.rc, e.range, 'export-to', 'exportTo "~" (nobody) is only allowed on a ServiceEntry.');
      continue;
    }
    if (e.value !== '.' && e.value !== '*' && e.value !== '~' && !isDns1123Label(e.value)) {
      error(o.rc, e.range, 'export-to', `"${e.value}" is not a valid exportTo entry: use ".", "*" or a namespace name.`);
      continue;
    }
    seen.add(key);
  }
  const range = o.keyRange('exportTo');
  if (opts.withSelector && seen.size > 0) {
    if (!seen.has(ns)) error(o.rc, range, 'export-to', 'A DestinationRule with a workloadSelector can only be exported to its own namespace.');
    else if (seen.size > 1) error(o.rc, range, 'export-to', 'A DestinationRule with a workloadSelector cannot list several exportTo entries.');
  }
  if (seen.has('*') && entries.length > 1) error(o.rc, range, 'export-to', 'exportTo "*" already exports everywhere: it cannot be combined with other entries.');
  if (seen.has('~') && entries.length > 1) error(o.rc, range, 'export-to', 'exportTo "~" (nobody) cannot be combined with other entries.');
}

/** A label map (subset labels, source labels ...): valid keys and values. */
export function checkLabels(o: Obj, key: string): void {
  for (const e of o.entries(key)) {
    const keyProblem = labelKeyProblem(e.key);
    if (keyProblem) error(o.rc, e.keyRange, 'labels', keyProblem);
    const v = entryString(e);
    const valueProblem = v === undefined ? undefined : labelValueProblem(v);
    if (valueProblem) error(o.rc, e.range, 'labels', valueProblem);
  }
}

/**
 * A selector's label map (`workloadSelector.matchLabels`, or `labels` of the
 * older selector): no wildcards, no empty keys; an empty selector selects
 * every workload of the namespace, which is rarely meant (a warning).
 */
export function checkSelector(selector: Obj | undefined, labelsKey: string, what: string): void {
  if (!selector) return;
  // Where the CRD has CEL rules for keys or values, the structural walk reports those.
  const keyRules = selector.celRules(labelsKey).length > 0;
  const labels = selector.obj(labelsKey);
  for (const e of selector.entries(labelsKey)) {
    if (e.key === '' && !keyRules) error(selector.rc, e.keyRange, 'selector', 'A selector label key cannot be empty.');
    const v = entryString(e) ?? '';
    const valueRules = (labels?.celRules(e.key).length ?? 0) > 0;
    if (e.key.includes('*') && !keyRules) error(selector.rc, e.keyRange, 'selector', `Wildcards are not supported in selector keys ("${e.key}").`);
    else if (v.includes('*') && !valueRules) error(selector.rc, e.range, 'selector', `Wildcards are not supported in selector values ("${e.key}: ${v}").`);
  }
  if (selector.count(labelsKey) === 0) {
    warning(selector.rc, selector.anchor, 'selector-empty', `The ${what} has no labels, so it selects every workload in the namespace.`);
  }
}
