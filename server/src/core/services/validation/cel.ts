/**
 * The CRDs' CEL validation rules (`x-kubernetes-validations`), as our own
 * checks. Each upstream rule expression maps to a predicate over the plain
 * value; a test makes sure every rule in the generated schema has one, so a
 * schema regeneration cannot silently drop a check.
 */
import { parseDuration } from '../../duration';

type Obj = Record<string, unknown>;
type Predicate = (self: unknown) => boolean;

const has = (o: unknown, k: string): boolean => typeof o === 'object' && o !== null && (o as Obj)[k] !== undefined && (o as Obj)[k] !== null;
const get = (o: unknown, k: string): unknown => (has(o, k) ? (o as Obj)[k] : undefined);
const count = (o: unknown, ...keys: string[]): number => keys.filter((k) => has(o, k)).length;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const keysOf = (o: unknown): string[] => (typeof o === 'object' && o !== null && !Array.isArray(o) ? Object.keys(o) : []);

function urlScheme(text: string): string | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/[^\s]*$/.exec(text);
  if (m) return m[1].toLowerCase();
  return /^[^\s:/]+(:\d+)?(\/[^\s]*)?$/.test(text) ? '' : undefined;
}

function wasmUrl(s: unknown): boolean {
  const scheme = urlScheme(str(s));
  return scheme !== undefined && ['', 'http', 'https', 'oci', 'file'].includes(scheme);
}

export const CEL_CHECKS: Readonly<Record<string, Predicate>> = {
  '!self.contains("*")': (s) => !str(s).includes('*'),
  'self.all(key, !key.contains("*"))': (s) => keysOf(s).every((k) => !k.includes('*')),
  'self.all(key, key.size() != 0)': (s) => keysOf(s).every((k) => k.length > 0),
  'self.size() == 0': (s) => str(s).length === 0,
  'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "oci", "file"]) : (isURL("http://" + self) &&\nurl("http://" + self).getScheme() in ["", "http", "https", "oci", "file"])': wasmUrl,
  'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "file", "oci"]) : (isURL("http://" + self) &&\nurl("http://" + self).getScheme() in ["", "http", "https", "file", "oci"])': wasmUrl,
  '0 < self && self <= 65535': (s) => typeof s === 'number' && s > 0 && s <= 65535,
  '(has(self.valueFrom) ? self.valueFrom : "") != "HOST" || !has(self.value)': (s) => str(get(s, 'valueFrom')) !== 'HOST' || !has(s, 'value'),
  '(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': (s) => count(s, 'selector', 'targetRef', 'targetRefs') <= 1,
  '(has(self.selector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': (s) => count(s, 'selector', 'targetRefs') <= 1,
  'has(self.wasm) != has(self.lua)': (s) => has(s, 'wasm') !== has(s, 'lua'),
  "duration(self) >= duration('1ms')": (s) => {
    const ms = parseDuration(str(s));
    return ms !== undefined && ms >= 1;
  },
  'self.all(key, 0 < int(key) && int(key) <= 65535)': (s) => keysOf(s).every((k) => /^\d+$/.test(k) && +k > 0 && +k <= 65535),
  'has(self.context) ? ((self.context == "WAYPOINT") ? has(self.waypoint) : !has(self.waypoint)) : !has(self.waypoint)': (s) =>
    get(s, 'context') === 'WAYPOINT' ? has(s, 'waypoint') : !has(s, 'waypoint'),
  '(has(self.workloadSelector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': (s) => count(s, 'workloadSelector', 'targetRefs') <= 1,
  '(has(self.tlsCertificates) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1': (s) => count(s, 'tlsCertificates', 'credentialNames') <= 1,
  '(has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1': (s) => count(s, 'credentialName', 'credentialNames') <= 1,
  '(has(self.credentialNames) ? 1 : 0) + (has(self.tlsCertificates) ? 1 : 0) <= 1': (s) => count(s, 'credentialNames', 'tlsCertificates') <= 1,
  'self.startsWith("unix://") ? (self.substring(7, 8) == "/" || self.substring(7, 8) == "@") : true': (s) =>
    !str(s).startsWith('unix://') || ['/', '@'].includes(str(s).charAt(7)),
  'self.startsWith("unix://") ? !self.endsWith("/") : true': (s) => !str(s).startsWith('unix://') || !str(s).endsWith('/'),
  'self.all(key, size(key) < 63 && key.matches("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$"))': (s) =>
    keysOf(s).every((k) => k.length < 63 && /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(k)),
  'has(self.address) || has(self.network)': (s) => has(s, 'address') || has(s, 'network'),
  '(has(self.address) ? self.address : "").startsWith("unix://") ? !has(self.ports) : true': (s) => !str(get(s, 'address')).startsWith('unix://') || !has(s, 'ports'),
  'self != "*"': (s) => s !== '*',
  'self.all(l1, self.exists_one(l2, l1.number == l2.number))': (s) => {
    const nums = (Array.isArray(s) ? s : []).map((p) => get(p, 'number'));
    return nums.every((n, i) => nums.indexOf(n) === i);
  },
  '(has(self.workloadSelector) ? 1 : 0) + (has(self.endpoints) ? 1 : 0) <= 1': (s) => count(s, 'workloadSelector', 'endpoints') <= 1,
  '!((has(self.addresses) ? self.addresses : []).exists(k, k.contains("/")) && !((has(self.resolution) ? self.resolution : "NONE") in ["STATIC", "NONE"]))': (s) => {
    const cidr = (Array.isArray(get(s, 'addresses')) ? (get(s, 'addresses') as unknown[]) : []).some((a) => str(a).includes('/'));
    return !(cidr && !['STATIC', 'NONE'].includes(str(get(s, 'resolution')) || 'NONE'));
  },
  '((has(self.resolution) ? self.resolution : "NONE") == "NONE") ? !has(self.endpoints) : true': (s) => (str(get(s, 'resolution')) || 'NONE') !== 'NONE' || !has(s, 'endpoints'),
  '((has(self.resolution) ? self.resolution : "") == "DNS_ROUND_ROBIN") ? ((has(self.endpoints) ? self.endpoints : []).size() <= 1) : true': (s) =>
    get(s, 'resolution') !== 'DNS_ROUND_ROBIN' || (Array.isArray(get(s, 'endpoints')) ? (get(s, 'endpoints') as unknown[]).length : 0) <= 1,
  'self in ["", "HTTP", "HTTPS"]': (s) => ['', 'HTTP', 'HTTPS'].includes(str(s)),
  '(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) &&\n!has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true': (s) =>
    !(has(s, 'serviceAccounts') || has(s, 'notServiceAccounts')) || count(s, 'principals', 'notPrincipals', 'namespaces', 'notNamespaces') === 0,
  'has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true': (s) =>
    !has(s, 'portLevelMtls') || keysOf(get(get(s, 'selector'), 'matchLabels')).length > 0,
  'url(self).getScheme() in ["http", "https"]': (s) => ['http', 'https'].includes(urlScheme(str(s)) ?? 'x'),
  '(has(self.jwksUri) ? 1 : 0) + (has(self.jwks_uri) ? 1 : 0) + (has(self.jwks) ? 1 : 0) <= 1': (s) => count(s, 'jwksUri', 'jwks_uri', 'jwks') <= 1,
  '((has(self.operation) ? self.operation : "") == "UPSERT") ? (self.value != "") : true': (s) => get(s, 'operation') !== 'UPSERT' || str(get(s, 'value')) !== '',
  '((has(self.operation) ? self.operation : "") == "REMOVE") ? !has(self.value) : true': (s) => get(s, 'operation') !== 'REMOVE' || !has(s, 'value'),
};
