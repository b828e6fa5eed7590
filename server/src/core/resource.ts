/**
 * What a YAML document is: an Istio resource, another Kubernetes object, or
 * plain YAML that we leave alone.
 */
import { mapGet, nodeRange, scalarValue, type YamlDocument } from './yamlAst';

export const ISTIO_GROUPS = [
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'extensions.istio.io',
] as const;

export type DocumentKind = 'istio' | 'kubernetes' | 'other';

export interface ResourceInfo {
  readonly kind: DocumentKind;
  /** `networking.istio.io`; empty for the core group (`v1`). */
  readonly group: string;
  readonly version: string;
  readonly apiVersion: string;
  /** The `kind:` value, or '' while it is still missing. */
  readonly resourceKind: string;
  readonly name?: string;
  readonly namespace?: string;
}

export function isIstioGroup(group: string): boolean {
  return (ISTIO_GROUPS as readonly string[]).includes(group);
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Classifies one document. When the YAML is too broken for the tree to hold
 * `apiVersion`, the document's own text is scanned for a top-level
 * `apiVersion:` line so that a syntax error does not hide the resource.
 */
export function classify(doc: YamlDocument, docText: string): ResourceInfo | undefined {
  const root = doc.contents;
  let apiVersion = stringAt(root, 'apiVersion');
  let resourceKind = stringAt(root, 'kind');
  if (apiVersion === undefined) apiVersion = topLevelScalar(docText, 'apiVersion');
  if (resourceKind === undefined) resourceKind = topLevelScalar(docText, 'kind');
  if (!apiVersion) return undefined;
  const { group, version } = splitApiVersion(apiVersion);
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(version)) return undefined;
  const kind: DocumentKind = isIstioGroup(group) ? 'istio' : resourceKind ? 'kubernetes' : 'other';
  if (kind === 'other') return undefined;
  const metadata = mapGet(root, 'metadata')?.value;
  return {
    kind,
    group,
    version,
    apiVersion,
    resourceKind: resourceKind ?? '',
    name: stringAt(metadata, 'name'),
    namespace: stringAt(metadata, 'namespace'),
  };
}

function stringAt(node: unknown, key: string): string | undefined {
  const v = scalarValue(mapGet(node, key)?.value);
  return typeof v === 'string' ? v : undefined;
}

function topLevelScalar(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*["']?([^"'\\s#]+)`, 'm').exec(text);
  return m?.[1];
}

/** The range of the value of a top-level key, for diagnostics on `kind:` etc. */
export function topLevelValueRange(doc: YamlDocument, key: string): [number, number] | undefined {
  return nodeRange(mapGet(doc.contents, key)?.value);
}
