// Cross-file diagnostics: each check on small multi-file workspaces, the
// flagged case with its exact range and the clean case next to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, root } from '../helpers/core.mjs';
import { workspace } from '../helpers/workspace.mjs';

const RULES = new Set([
  'subset-not-found',
  'subset-no-destination-rule',
  'route-duplicate-subset',
  'subset-without-labels',
  'dr-duplicate-host',
  'gateway-not-found',
  'gateway-host-mismatch',
  'mesh-host-conflict',
  'rule-shadowed',
  'match-shadowed',
  'destination-port-required',
  'host-not-found',
  'se-duplicate-host-port',
]);
const ERROR = 1;
const WARNING = 2;
const INFO = 3;

/** The cross-file findings of one file: [code, rule, severity, range]. */
function crossFile(files, name, settings) {
  return workspace(files, settings).diagnose(name).filter((d) => RULES.has(d.rule));
}
const compact = (ds) => ds.map((d) => [d.code, d.rule, d.severity, d.range]);
/** Asserts the cross-file findings of `name`; every file must be valid YAML (else a clean result would prove nothing). */
function check(files, name, expected) {
  const ws = workspace(files);
  for (const file of Object.keys(files)) {
    const syntax = ws.diagnose(file).filter((d) => String(d.code).startsWith('yaml-'));
    assert.deepEqual(syntax, [], `${file} is not valid YAML`);
  }
  const ds = ws.diagnose(name).filter((d) => RULES.has(d.rule));
  assert.deepEqual(compact(ds), expected, JSON.stringify(ds, null, 1));
  return ds;
}

// Every builder puts `spec:` on line 6, so the body starts on line 7.
const header = (kind, name, ns, api = 'networking.istio.io/v1') => `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n`;
const vs = (name, ns, body) => header('VirtualService', name, ns) + body;
const route = (host, subset) => `  http:\n  - route:\n    - destination:\n        host: ${host}\n${subset ? `        subset: ${subset}\n` : ''}`;
const dr = (name, ns, host, subsets = ['v1'], extra = '') =>
  header('DestinationRule', name, ns) + `  host: ${host}\n${extra}  subsets:\n` + subsets.map((s) => `  - name: ${s}\n    labels:\n      version: ${s}\n`).join('');
const service = (name, ns, ports) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${name}\n  ports:\n` + ports.map((p) => `  - name: http-${p}\n    port: ${p}\n`).join('');

// Lines 7-13: hosts, then one route whose subset value is on line 13, columns 17-19.
const PAYMENTS_VS = vs('payments', 'shop', '  hosts:\n  - payments\n' + route('payments', 'v3'));
// A DestinationRule for another host: the workspace keeps DestinationRules, so a missing one is worth saying.
const LEDGER_DR = { 'shop/ledger.yaml': dr('ledger', 'shop', 'ledger') };

describe('cross-file: subsets (IST0101)', () => {
  it('flags a subset its DestinationRule does not define, and names the ones it does', () => {
    const [d] = check({ 'shop/vs.yaml': PAYMENTS_VS, 'shop/dr.yaml': dr('payments', 'shop', 'payments', ['v1', 'v2']) }, 'shop/vs.yaml', [
      ['IST0101', 'subset-not-found', ERROR, '13:17-13:19'],
    ]);
    assert.match(d.message, /"v1", "v2"/);
    assert.match(d.message, /Did you mean "v1"\?/);
  });
  it('says so when no DestinationRule exists for the host', () => {
    const [d] = check({ 'shop/vs.yaml': PAYMENTS_VS, ...LEDGER_DR }, 'shop/vs.yaml', [['IST0101', 'subset-no-destination-rule', ERROR, '13:17-13:19']]);
    assert.match(d.message, /payments\.shop\.svc\.cluster\.local/);
  });
  it('says nothing when the workspace holds no DestinationRule at all (a file alone)', () => check({ 'shop/vs.yaml': PAYMENTS_VS }, 'shop/vs.yaml', []));
  const clean = [
    ['short host and full host name the same service', dr('payments', 'shop', 'payments.shop.svc.cluster.local', ['v3'])],
    ['a wildcard DestinationRule host covers the service', dr('all', 'shop', '"*.shop.svc.cluster.local"', ['v3'])],
    ['a DestinationRule of another namespace exported to this one', dr('payments', 'billing', 'payments.shop.svc.cluster.local', ['v3'], '  exportTo:\n  - shop\n')],
  ];
  for (const [title, rule] of clean) it(`clean: ${title}`, () => check({ 'shop/vs.yaml': PAYMENTS_VS, 'x/dr.yaml': rule }, 'shop/vs.yaml', []));
  const hidden = [
    ['a short DestinationRule host resolves in its own namespace', dr('payments', 'billing', 'payments', ['v3'])],
    ['exportTo "." hides a DestinationRule from other namespaces', dr('payments', 'billing', 'payments.shop.svc.cluster.local', ['v3'], '  exportTo:\n  - .\n')],
  ];
  for (const [title, rule] of hidden) {
    it(title, () => check({ 'shop/vs.yaml': PAYMENTS_VS, 'x/dr.yaml': rule }, 'shop/vs.yaml', [['IST0101', 'subset-no-destination-rule', ERROR, '13:17-13:19']]));
  }
  it('checks mirror and mirrors[].destination too', () => {
    const body = `  hosts:\n  - payments\n  http:\n  - route:\n    - destination:\n        host: payments\n        subset: v1\n    mirror:\n      host: payments\n      subset: v9\n    mirrors:\n    - destination:\n        host: payments\n        subset: v8\n`;
    check({ 'shop/vs.yaml': vs('payments', 'shop', body), 'shop/dr.yaml': dr('payments', 'shop', 'payments') }, 'shop/vs.yaml', [
      ['IST0101', 'subset-not-found', ERROR, '16:15-16:17'],
      ['IST0101', 'subset-not-found', ERROR, '20:17-20:19'],
    ]);
  });
  it('warns about the same host and subset twice in one route, not across routes', () => {
    const body = `  hosts:\n  - payments\n  http:\n  - match:\n    - uri:\n        prefix: /refunds\n    route:\n    - destination:\n        host: payments\n        subset: v1\n      weight: 50\n    - destination:\n        host: payments.shop.svc.cluster.local\n        subset: v1\n      weight: 50\n  - route:\n    - destination:\n        host: payments\n        subset: v1\n`;
    check({ 'shop/vs.yaml': vs('payments', 'shop', body), 'shop/dr.yaml': dr('payments', 'shop', 'payments') }, 'shop/vs.yaml', [
      ['duplicate-route-destination', 'route-duplicate-subset', WARNING, '20:17-20:19'],
    ]);
  });
});

describe('cross-file: diagnostics follow the files they depend on', () => {
  it('a subset error appears and disappears as the DestinationRule file changes', () => {
    const ws = workspace({ 'shop/vs.yaml': PAYMENTS_VS, 'shop/dr.yaml': dr('payments', 'shop', 'payments', ['v1']) });
    const rules = () => ws.diagnose('shop/vs.yaml').filter((d) => RULES.has(d.rule)).map((d) => d.rule);
    assert.deepEqual(rules(), ['subset-not-found']);
    ws.change('shop/dr.yaml', dr('payments', 'shop', 'payments', ['v1', 'v3']));
    assert.deepEqual(rules(), []);
    ws.change('shop/dr.yaml', dr('payments', 'shop', 'checkout', ['v3']));
    assert.deepEqual(rules(), ['subset-no-destination-rule']);
    ws.change('shop/dr.yaml', dr('payments', 'shop', 'payments', ['v3']));
    assert.deepEqual(rules(), []);
    ws.service.workspace.remove(ws.docs['shop/dr.yaml'].uri);
    assert.deepEqual(rules(), [], 'no DestinationRule left in the workspace: nothing to say');
  });
  it('reports only in the document being validated', () => {
    const files = { 'shop/vs.yaml': PAYMENTS_VS, 'shop/dr.yaml': dr('payments', 'shop', 'payments', ['v1']) };
    check(files, 'shop/dr.yaml', []);
  });
  it('finds resources in any document of a multi-document file', () => {
    const text = dr('payments', 'shop', 'payments', ['v1']) + '---\n' + PAYMENTS_VS;
    // The DestinationRule takes 11 lines and the `---` one more: line 13 of the VirtualService is line 25.
    check({ 'shop/all.yaml': text }, 'shop/all.yaml', [['IST0101', 'subset-not-found', ERROR, '25:17-25:19']]);
  });
  it('is off when the crossFileChecks setting is off', () => {
    const off = { ...core.DEFAULT_SETTINGS, crossFileChecks: false };
    assert.deepEqual(crossFile({ 'shop/vs.yaml': PAYMENTS_VS, ...LEDGER_DR }, 'shop/vs.yaml', off), []);
    assert.equal(crossFile({ 'shop/vs.yaml': PAYMENTS_VS, ...LEDGER_DR }, 'shop/vs.yaml').length, 1);
  });
  it('says nothing about a resource whose YAML does not parse', () => {
    const broken = PAYMENTS_VS.replace('  - payments\n', '  - payments\n  bad: [\n');
    assert.deepEqual(crossFile({ 'shop/vs.yaml': broken, ...LEDGER_DR }, 'shop/vs.yaml'), []);
    assert.equal(crossFile({ 'shop/vs.yaml': PAYMENTS_VS, ...LEDGER_DR }, 'shop/vs.yaml').length, 1);
  });
});

describe('cross-file: the analyze-suppress annotation', () => {
  const annotated = (value) =>
    PAYMENTS_VS.replace('  namespace: shop\n', `  namespace: shop\n  annotations:\n    galley.istio.io/analyze-suppress: "${value}"\n`);
  for (const value of ['IST0101', 'IST0132, IST0101', '*', 'subset-no-destination-rule']) {
    it(`suppresses with "${value}"`, () => assert.deepEqual(crossFile({ 'shop/vs.yaml': annotated(value), ...LEDGER_DR }, 'shop/vs.yaml'), []));
  }
  it('keeps findings of other codes', () => {
    check({ 'shop/vs.yaml': annotated('IST0132'), ...LEDGER_DR }, 'shop/vs.yaml', [['IST0101', 'subset-no-destination-rule', ERROR, '15:17-15:19']]);
  });
  it('suppresses only in the annotated resource', () => {
    const text = annotated('*') + '---\n' + PAYMENTS_VS.replace('name: payments', 'name: refunds').replace('  - payments\n', '  - refunds\n');
    check({ 'shop/vs.yaml': text, ...LEDGER_DR }, 'shop/vs.yaml', [['IST0101', 'subset-no-destination-rule', ERROR, '29:17-29:19']]);
  });
});

// istio-system/public serves *.example.com to namespace shop only, admin.example.com to its own namespace.
const GATEWAY =
  header('Gateway', 'public', 'istio-system') +
  `  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n    hosts:\n    - "shop/*.example.com"\n    - "./admin.example.com"\n`;
// Line 10 holds the gateway reference, from column 5.
const boundVs = (gateway, host = 'www.example.com', ns = 'shop') => vs('storefront', ns, `  hosts:\n  - ${host}\n  gateways:\n  - ${gateway}\n` + route('storefront'));

describe('cross-file: gateways (IST0101, IST0132)', () => {
  const ok = [
    ['namespace/name', 'istio-system/public'],
    ['the legacy name.namespace form', 'public.istio-system.svc.cluster.local'],
    ['mesh', 'mesh'],
    ['a short name when the workspace has no Gateway of that name or namespace', 'edge'],
  ];
  for (const [title, ref] of ok) it(`clean: ${title}`, () => check({ 'gw.yaml': GATEWAY, 'shop/vs.yaml': boundVs(ref) }, 'shop/vs.yaml', []));
  it('flags an unknown gateway in a namespace whose Gateways the workspace holds', () => {
    check({ 'gw.yaml': GATEWAY, 'shop/vs.yaml': boundVs('istio-system/pubic') }, 'shop/vs.yaml', [['IST0101', 'gateway-not-found', ERROR, '10:5-10:23']]);
  });
  it('flags a short name that means the own namespace, and suggests the Gateway of that name', () => {
    const [d] = check({ 'gw.yaml': GATEWAY, 'shop/vs.yaml': boundVs('public') }, 'shop/vs.yaml', [['IST0101', 'gateway-not-found', ERROR, '10:5-10:11']]);
    assert.match(d.message, /"shop\/public".*Did you mean "istio-system\/public"/);
  });
  it('checks match-level gateways too', () => {
    const body = `  hosts:\n  - www.example.com\n  gateways:\n  - istio-system/public\n  http:\n  - match:\n    - gateways:\n      - istio-system/privat\n    route:\n    - destination:\n        host: storefront\n`;
    check({ 'gw.yaml': GATEWAY, 'shop/vs.yaml': vs('storefront', 'shop', body) }, 'shop/vs.yaml', [['IST0101', 'gateway-not-found', ERROR, '14:9-14:28']]);
  });
  it('does not take a Gateway API Gateway for an Istio one', () => {
    const k8s = header('Gateway', 'public', 'shop', 'gateway.networking.k8s.io/v1') + '  gatewayClassName: istio\n';
    check({ 'gw.yaml': GATEWAY, 'shop/gw.yaml': k8s, 'shop/vs.yaml': boundVs('public') }, 'shop/vs.yaml', [['IST0101', 'gateway-not-found', ERROR, '10:5-10:11']]);
  });
  it('warns when no host of the VirtualService is served by the Gateway (IST0132)', () => {
    const [d] = check({ 'gw.yaml': GATEWAY, 'shop/vs.yaml': boundVs('istio-system/public', 'www.example.org') }, 'shop/vs.yaml', [
      ['IST0132', 'gateway-host-mismatch', WARNING, '10:5-10:24'],
    ]);
    assert.match(d.message, /serves "\*\.example\.com" to namespace "shop"/);
  });
  it('applies the namespace part of Gateway hosts', () => {
    // shop/*.example.com is not offered to billing; ./admin.example.com only to istio-system.
    check({ 'gw.yaml': GATEWAY, 'billing/vs.yaml': boundVs('istio-system/public', 'www.example.com', 'billing') }, 'billing/vs.yaml', [
      ['IST0132', 'gateway-host-mismatch', WARNING, '10:5-10:24'],
    ]);
    check({ 'gw.yaml': GATEWAY, 'istio-system/vs.yaml': boundVs('public', 'admin.example.com', 'istio-system') }, 'istio-system/vs.yaml', []);
    const open = GATEWAY.replace('"shop/*.example.com"', '"*/www.example.com"');
    check({ 'gw.yaml': open, 'billing/vs.yaml': boundVs('istio-system/public', 'www.example.com', 'billing') }, 'billing/vs.yaml', []);
  });
});

// Two mesh-bound VirtualServices for one service, host on line 8 columns 5-13.
const meshVs = (name, host = 'checkout', extra = '') => vs(name, 'shop', `  hosts:\n  - ${host}\n${extra}` + route('checkout'));

describe('cross-file: conflicting mesh hosts (IST0109)', () => {
  it('flags the same host in two mesh-bound VirtualServices, naming the other', () => {
    const files = { 'shop/a.yaml': meshVs('checkout'), 'shop/b.yaml': meshVs('checkout-canary', 'checkout.shop.svc.cluster.local') };
    const [d] = check(files, 'shop/a.yaml', [['IST0109', 'mesh-host-conflict', ERROR, '8:5-8:13']]);
    assert.match(d.message, /shop\/checkout-canary/);
    check(files, 'shop/b.yaml', [['IST0109', 'mesh-host-conflict', ERROR, '8:5-8:36']]);
  });
  it('counts "mesh" among the gateways as mesh-bound', () => {
    check({ 'shop/a.yaml': meshVs('checkout'), 'shop/b.yaml': meshVs('checkout-canary', 'checkout', '  gateways:\n  - mesh\n  - istio-system/public\n') }, 'shop/a.yaml', [
      ['IST0109', 'mesh-host-conflict', ERROR, '8:5-8:13'],
    ]);
  });
  it('sees a conflict where the namespaces the two are exported to meet', () => {
    check({ 'shop/a.yaml': meshVs('checkout', 'checkout', '  exportTo:\n  - .\n'), 'shop/b.yaml': meshVs('checkout-canary') }, 'shop/a.yaml', [
      ['IST0109', 'mesh-host-conflict', ERROR, '8:5-8:13'],
    ]);
  });
  const exportedTo = (ns) => `  exportTo:\n  - ${ns}\n`;
  const clean = [
    ['the other is bound to a gateway only', meshVs('checkout'), meshVs('checkout-edge', 'checkout', '  gateways:\n  - istio-system/public\n')],
    ['the other is a version of the same resource', meshVs('checkout'), meshVs('checkout')],
    ['they are exported to different namespaces', meshVs('checkout', 'checkout', exportedTo('.')), meshVs('checkout-canary', 'checkout.shop.svc.cluster.local', exportedTo('billing'))],
    ['the other is for another host', meshVs('checkout'), meshVs('checkout-canary', 'payments')],
  ];
  for (const [title, a, b] of clean) it(`clean: ${title}`, () => check({ 'shop/a.yaml': a, 'shop/b.yaml': b }, 'shop/a.yaml', []));
});

// Rule #1 starts on line 15 (its `match` key, columns 5-10); top-level extras go after the rules.
const twoRules = (a, b, extra = '') =>
  vs('checkout', 'shop', `  hosts:\n  - checkout\n  http:\n  - match:\n    - ${a}\n    route:\n    - destination:\n        host: checkout\n  - match:\n    - ${b}\n    route:\n    - destination:\n        host: checkout\n${extra}`);
const TOP_GATEWAYS = '  gateways:\n  - istio-system/public\n  - mesh\n';

describe('cross-file: unreachable rules (IST0130) and ineffective matches (IST0131)', () => {
  const cases = [
    ['a prefix takes a longer prefix', '{uri: {prefix: /api}}', '{uri: {prefix: /api/v2}, method: {exact: POST}}', true],
    ['a prefix takes an exact uri under it', '{uri: {prefix: /api}}', '{uri: {exact: /api/cart}}', true],
    ['a longer prefix does not take a shorter one', '{uri: {prefix: /api/v2}}', '{uri: {prefix: /api}}', false],
    ['the same match, keys reordered and header name cased differently', '{uri: {exact: /cart}, headers: {x-user: {exact: jason}}}', '{headers: {X-User: {exact: jason}}, uri: {exact: /cart}}', true],
    ['different exact uris', '{uri: {exact: /cart}}', '{uri: {exact: /carts}}', false],
    ['the same regex', '{uri: {regex: "^/v[0-9]+/.*"}}', '{uri: {regex: "^/v[0-9]+/.*"}}', true],
    ['a regex is not evaluated against an exact uri', '{uri: {regex: "/cart.*"}}', '{uri: {exact: /cart}}', false],
    ['a header that only has to be present', '{headers: {x-canary: {}}}', '{headers: {x-canary: {exact: "true"}}}', true],
    ['a header the later match does not require', '{headers: {x-canary: {exact: "true"}}}', '{uri: {prefix: /}}', false],
    ['another method', '{method: {exact: GET}}', '{method: {exact: POST}}', false],
    ['a port on the earlier match only', '{port: 8080}', '{uri: {prefix: /}}', false],
    ['a port on the later match only', '{uri: {prefix: /}}', '{uri: {prefix: /a}, port: 8080}', true],
    ['ignoreUriCase on the earlier match', '{uri: {prefix: /API}, ignoreUriCase: true}', '{uri: {prefix: /api/cart}}', true],
    ['ignoreUriCase on the later match only', '{uri: {prefix: /api}}', '{uri: {prefix: /api}, ignoreUriCase: true}', false],
    ['the same query parameter', '{queryParams: {debug: {exact: "1"}}}', '{queryParams: {debug: {exact: "1"}}, uri: {prefix: /}}', true],
    ['the same withoutHeaders', '{withoutHeaders: {x-test: {}}}', '{withoutHeaders: {x-test: {}}}', true],
    ['fewer source labels on the earlier match', '{sourceLabels: {app: web}}', '{sourceLabels: {app: web, version: v1}}', true],
    ['more source labels on the earlier match', '{sourceLabels: {app: web, version: v1}}', '{sourceLabels: {app: web}}', false],
    ['a field we do not model', '{uri: {prefix: /}, futureField: x}', '{uri: {prefix: /a}}', false],
  ];
  for (const [title, a, b, shadowed] of cases) {
    it(`${shadowed ? 'flags' : 'clean'}: ${title}`, () => check({ 'shop/vs.yaml': twoRules(a, b) }, 'shop/vs.yaml', shadowed ? [['IST0130', 'rule-shadowed', WARNING, '15:5-15:10']] : []));
  }
  it('compares gateways: match-level ones, else the VirtualService\'s own', () => {
    const files = (a, b) => ({ 'shop/vs.yaml': twoRules(a, b, TOP_GATEWAYS) });
    check(files('{gateways: [istio-system/public], uri: {prefix: /}}', '{uri: {prefix: /a}}'), 'shop/vs.yaml', []);
    check(files('{uri: {prefix: /}}', '{gateways: [mesh], uri: {prefix: /a}}'), 'shop/vs.yaml', [['IST0130', 'rule-shadowed', WARNING, '15:5-15:10']]);
  });
  it('flags every rule after a rule without matches', () => {
    const body = `  hosts:\n  - checkout\n  http:\n  - route:\n    - destination:\n        host: checkout\n  - match:\n    - uri:\n        prefix: /api\n    route:\n    - destination:\n        host: checkout\n  - name: fallback\n    route:\n    - destination:\n        host: checkout\n`;
    const ds = check({ 'shop/vs.yaml': vs('checkout', 'shop', body) }, 'shop/vs.yaml', [
      ['IST0130', 'rule-shadowed', WARNING, '13:5-13:10'],
      ['IST0130', 'rule-shadowed', WARNING, '19:5-19:9'],
    ]);
    assert.match(ds[1].message, /Rule "fallback" is never used: rule #0/);
  });
  it('a catch-all rule last is fine', () => {
    const body = `  hosts:\n  - checkout\n  http:\n  - match:\n    - uri:\n        prefix: /api\n    route:\n    - destination:\n        host: checkout\n  - route:\n    - destination:\n        host: checkout\n`;
    const ws = workspace({ 'shop/vs.yaml': vs('checkout', 'shop', body) });
    assert.deepEqual(ws.diagnose('shop/vs.yaml').filter((d) => d.severity === ERROR), [], 'the fixture is valid');
    check({ 'shop/vs.yaml': vs('checkout', 'shop', body) }, 'shop/vs.yaml', []);
  });
  it('reports a single taken match of a rule that has others as information', () => {
    const body = `  hosts:\n  - checkout\n  http:\n  - match:\n    - {uri: {prefix: /api}}\n    route:\n    - destination:\n        host: checkout\n  - match:\n    - {uri: {prefix: /web}}\n    - {uri: {prefix: /api/v1}}\n    route:\n    - destination:\n        host: checkout\n`;
    const [d] = check({ 'shop/vs.yaml': vs('checkout', 'shop', body) }, 'shop/vs.yaml', [['IST0131', 'match-shadowed', INFO, '17:8-17:11']]);
    assert.match(d.message, /Match #1 of rule #1/);
  });
});

const ROUTE_TO = (host, extra = '') => vs('storefront', 'shop', `  hosts:\n  - storefront\n  http:\n  - route:\n    - destination:\n        host: ${host}\n${extra}`);
const serviceEntry = (name, ns, host, ports) =>
  header('ServiceEntry', name, ns) + `  hosts:\n  - ${host}\n  location: MESH_EXTERNAL\n  resolution: DNS\n  ports:\n` + ports.map((p) => `  - number: ${p}\n    name: tls-${p}\n    protocol: TLS\n`).join('');

describe('cross-file: destination ports (IST0112) and hosts (IST0101, information)', () => {
  it('requires a port for a Service with several ports, on the destination key', () => {
    const [d] = check({ 'shop/vs.yaml': ROUTE_TO('payments'), 'shop/svc.yaml': service('payments', 'shop', [8080, 9090]) }, 'shop/vs.yaml', [
      ['IST0112', 'destination-port-required', ERROR, '11:7-11:18'],
    ]);
    assert.match(d.message, /8080, 9090/);
  });
  it('requires it for a ServiceEntry and for a mirror too', () => {
    const files = { 'shop/vs.yaml': ROUTE_TO('api.stripe.com', '        port:\n          number: 443\n    mirror:\n      host: api.stripe.com\n'), 'shop/se.yaml': serviceEntry('stripe', 'shop', 'api.stripe.com', [443, 8443]) };
    check(files, 'shop/vs.yaml', [['IST0112', 'destination-port-required', ERROR, '15:5-15:11']]);
  });
  it('takes a ServiceEntry with a wildcard host for the target', () => {
    check({ 'shop/vs.yaml': ROUTE_TO('api.stripe.com'), 'shop/se.yaml': serviceEntry('stripe', 'shop', '"*.stripe.com"', [443, 8443]) }, 'shop/vs.yaml', [
      ['IST0112', 'destination-port-required', ERROR, '11:7-11:18'],
    ]);
  });
  const clean = [
    ['the port is given', ROUTE_TO('payments', '        port:\n          number: 8080\n'), service('payments', 'shop', [8080, 9090])],
    ['the Service has one port', ROUTE_TO('payments'), service('payments', 'shop', [8080])],
    ['the Service is not in the workspace', ROUTE_TO('ledger'), service('payments', 'billing', [8080, 9090])],
    ['no Service of the host\'s namespace is in the workspace', ROUTE_TO('ledger.billing.svc.cluster.local'), service('payments', 'shop', [8080])],
    ['an external host without a ServiceEntry', ROUTE_TO('api.stripe.com'), service('payments', 'shop', [8080])],
  ];
  for (const [title, route, target] of clean) it(`clean: ${title}`, () => check({ 'shop/vs.yaml': route, 'shop/target.yaml': target }, 'shop/vs.yaml', []));
  it('mentions an unknown host when the workspace holds Services of its namespace', () => {
    check({ 'shop/vs.yaml': ROUTE_TO('paymnets'), 'shop/svc.yaml': service('payments', 'shop', [8080]) }, 'shop/vs.yaml', [['IST0101', 'host-not-found', INFO, '12:15-12:23']]);
  });
});

describe('cross-file: DestinationRules and ServiceEntries that collide', () => {
  it('warns about two DestinationRules for one host in one namespace that both define a subset', () => {
    const files = { 'shop/a.yaml': dr('payments', 'shop', 'payments'), 'shop/b.yaml': dr('payments-tls', 'shop', 'payments.shop.svc.cluster.local', ['v2', 'v1']) };
    const [d] = check(files, 'shop/a.yaml', [['duplicate-destination-rule', 'dr-duplicate-host', WARNING, '7:9-7:17']]);
    assert.match(d.message, /shop\/payments-tls.*the subsets "v1"/);
  });
  it('warns about two that both set a trafficPolicy', () => {
    const policy = '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n';
    const files = { 'shop/a.yaml': dr('payments', 'shop', 'payments', ['v1'], policy), 'shop/b.yaml': dr('payments-tls', 'shop', 'payments', ['v2'], policy) };
    const [d] = check(files, 'shop/a.yaml', [['duplicate-destination-rule', 'dr-duplicate-host', WARNING, '7:9-7:17']]);
    assert.match(d.message, /a trafficPolicy/);
    check({ ...files, 'shop/b.yaml': dr('payments-tls', 'shop', 'payments', ['v2']) }, 'shop/a.yaml', []);
  });
  const clean = [
    ['another namespace', dr('payments', 'billing', 'payments.shop.svc.cluster.local')],
    ['a version of the same resource', dr('payments', 'shop', 'payments')],
    ['a workload selector', dr('payments-web', 'shop', 'payments', ['v1'], '  workloadSelector:\n    matchLabels:\n      app: web\n')],
    ['another audience', dr('payments-local', 'shop', 'payments', ['v1'], '  exportTo:\n  - .\n')],
    ['other subsets only (Istio merges them without loss)', dr('payments-v2', 'shop', 'payments', ['v2'])],
  ];
  for (const [title, other] of clean) it(`clean: the other DestinationRule has ${title}`, () => check({ 'shop/a.yaml': dr('payments', 'shop', 'payments'), 'shop/b.yaml': other }, 'shop/a.yaml', []));
  it('warns about a subset without labels that looks like a forgotten label', () => {
    const text = dr('payments', 'shop', 'payments', ['v1']) + '  - name: canary\n  - name: v2\n    trafficPolicy:\n      tls:\n        mode: ISTIO_MUTUAL\n';
    check({ 'shop/dr.yaml': text }, 'shop/dr.yaml', [
      ['subset-without-labels', 'subset-without-labels', WARNING, '12:11-12:17'],
      ['subset-without-labels', 'subset-without-labels', WARNING, '13:11-13:13'],
    ]);
  });
  it('clean: per-destination subsets of an egress gateway carry no labels', () => {
    const egress = header('DestinationRule', 'egress-for-news', 'istio-system') + '  host: istio-egressgateway.istio-system.svc.cluster.local\n  subsets:\n  - name: cnn\n  - name: bbc\n';
    check({ 'egress.yaml': egress }, 'egress.yaml', []);
  });
  it('warns about two ServiceEntries for one host and port in one namespace', () => {
    const files = { 'shop/a.yaml': serviceEntry('stripe', 'shop', 'api.stripe.com', [443]), 'shop/b.yaml': serviceEntry('stripe-api', 'shop', 'api.stripe.com', [80, 443]) };
    const [d] = check(files, 'shop/a.yaml', [['duplicate-service-entry', 'se-duplicate-host-port', WARNING, '8:5-8:19']]);
    assert.match(d.message, /shop\/stripe-api.*port 443/);
  });
  const cleanEntries = [
    ['another port', serviceEntry('stripe-http', 'shop', 'api.stripe.com', [80])],
    ['another namespace', serviceEntry('stripe', 'billing', 'api.stripe.com', [443])],
    ['the same name (a version of the same resource)', serviceEntry('stripe', 'shop', 'api.stripe.com', [443])],
  ];
  for (const [title, other] of cleanEntries) {
    it(`clean: the other ServiceEntry has ${title}`, () => check({ 'shop/a.yaml': serviceEntry('stripe', 'shop', 'api.stripe.com', [443]), 'shop/b.yaml': other }, 'shop/a.yaml', []));
  }
});

describe('cross-file: documentation', () => {
  it('docs/diagnostics.md lists every code and rule id of the cross-file checks', () => {
    const doc = readFileSync(path.join(root, 'docs/diagnostics.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Cross-file checks'));
    assert.ok(section.length > 100, 'the "Cross-file checks" section exists');
    const codes = ['IST0101', 'IST0109', 'IST0112', 'IST0130', 'IST0131', 'IST0132', 'duplicate-destination-rule', 'duplicate-route-destination', 'subset-without-labels', 'duplicate-service-entry'];
    for (const name of [...codes, ...RULES]) assert.ok(section.includes(name), `${name} is documented`);
  });
});
