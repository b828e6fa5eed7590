/**
 * What a diagnostic code means, for SARIF rule descriptors: a one-line
 * description and where to read more (istio.io for `istioctl analyze` codes,
 * our docs/diagnostics.md otherwise).
 */
import { HOMEPAGE } from '../version';

const DESCRIPTIONS: Record<string, string> = {
  'yaml-syntax': 'The YAML cannot be parsed.',
  'yaml-duplicate-key': 'A key appears twice in one mapping.',
  'yaml-tab-indent': 'A tab character is used for indentation.',
  'yaml-alias-limit': 'Too many alias expansions.',
  'yaml-warning': 'A YAML parser warning.',
  'unknown-resource': 'An apiVersion/kind that Istio does not serve.',
  'file-unreadable': 'The file is not UTF-8 text (binary content or invalid bytes).',
  'internal-error': 'The checker failed on this file.',
  IST0001: 'The analysis itself failed.',
  IST0002: 'A deprecated field or value is used.',
  IST0101: 'A reference names a resource (host, subset, gateway ...) that does not exist.',
  IST0104: 'A Gateway port is not exposed by the workload it selects.',
  IST0106: 'The resource fails schema validation.',
  IST0109: 'VirtualServices bound to the mesh gateway claim the same host.',
  IST0112: 'A destination service exposes several ports and the route names none.',
  IST0118: 'A port name does not follow the Istio protocol naming convention.',
  IST0122: 'A regular expression is not valid.',
  IST0128: 'TLS to a destination without caCertificates: the server is not verified.',
  IST0129: 'Port-level TLS without caCertificates: the server is not verified.',
  IST0130: 'A VirtualService rule is never used: an earlier rule matches first.',
  IST0131: 'A VirtualService match repeats an earlier match and never applies.',
  IST0132: 'A VirtualService host is not among the hosts of its Gateway.',
  IST0133: 'The resource has a schema validation warning.',
  IST0134: 'A ServiceEntry needs addresses for TCP (or unset) protocol ports.',
  IST0137: 'Services select one workload with one targetPort but different ports.',
  IST0138: 'Several Gateways use the same certificate.',
  IST0140: 'A subset has no effect on requests through an ingress gateway.',
  IST0145: 'Gateways with one selector claim the same port and host.',
};

export function describeCode(code: string): string {
  return DESCRIPTIONS[code] ?? (isIstioctlCode(code) ? `istioctl analyze message ${code}.` : `Istio YAML check ${code}.`);
}

export function helpUri(code: string): string {
  if (isIstioctlCode(code)) return `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`;
  return `${HOMEPAGE}/blob/main/docs/diagnostics.md#${code.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
}

export function isIstioctlCode(code: string): boolean {
  return /^IST\d{4}$/.test(code);
}
