// Workspace-aware completions: subsets, hosts, gateways, ports and pod labels
// that other files of the workspace define.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../helpers/workspace.mjs';

// The shop: checkout calls payments (two versions) and Stripe; billing keeps its ledger to itself.
const FILES = {
  'payments/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: payments
  namespace: shop
spec:
  selector:
    app: payments
  ports:
  - name: http
    port: 8080
    protocol: TCP
  - name: grpc
    port: 9090
`,
  'payments/deployments.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-v1
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: payments
        version: v1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-v2
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: payments
        version: v2
        track: canary
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: checkout
        version: v9
`,
  'payments/destination-rule.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: payments
  namespace: shop
spec:
  host: payments
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`,
  'shop/stripe.yaml': `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: stripe
  namespace: shop
spec:
  hosts:
  - api.stripe.com
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - number: 443
    name: https
    protocol: TLS
`,
  'shop/gateway.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop-gateway
  namespace: shop
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 443
      name: https
      protocol: HTTPS
    hosts:
    - shop.example.com
    tls:
      mode: SIMPLE
      credentialName: shop-cert
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: waypoint
  namespace: shop
spec:
  gatewayClassName: istio-waypoint
  listeners: []
`,
  'istio-system/ingress.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ingress
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*"
`,
  'billing/ledger.yaml': `apiVersion: v1
kind: Service
metadata:
  name: ledger
  namespace: billing
spec:
  selector:
    app: ledger
  ports:
  - name: http
    port: 80
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ledger
  namespace: billing
spec:
  host: ledger
  exportTo:
  - .
  subsets:
  - name: stable
    labels:
      track: stable
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: audit
  namespace: billing
spec:
  exportTo:
  - .
  hosts:
  - audit.billing.example
  ports:
  - number: 443
    name: https
    protocol: TLS
`,
};

const VS = (body, namespace = 'shop') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: checkout
  namespace: ${namespace}
spec:
  hosts:
  - checkout
${body}`;

const DR = (body) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: payments-canary
  namespace: shop
spec:
  host: payments
  subsets:
  - name: canary
${body}`;

/** Completion at the `|` of `files[name]`, in the shop workspace plus `files`. */
function completeIn(name, src, extra = {}) {
  const ws = workspace({ ...FILES, ...extra, [name]: src });
  assert.ok(ws.cursor, 'fixture has a cursor');
  return ws.service.doComplete(ws.cursor.doc, ws.cursor.parsed, ws.cursor.position).items;
}
const labels = (items) => items.map((i) => i.label).sort();
const byLabel = (items, label) => items.find((i) => i.label === label);
const at = (item) => {
  const { start, end } = item.textEdit.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
};

describe('reference completion: subsets', () => {
  const cases = [
    ['a route destination', '  http:\n  - route:\n    - destination:\n        host: payments\n        subset: v|'],
    ['a destination by FQDN', '  http:\n  - route:\n    - destination:\n        host: payments.shop.svc.cluster.local\n        subset: v|'],
    ['a tcp route', '  tcp:\n  - route:\n    - destination:\n        host: payments\n        subset: v|'],
    ['a mirror', '  http:\n  - route:\n    - destination:\n        host: checkout\n    mirror:\n      host: payments\n      subset: v|'],
    ['a mirrors entry', '  http:\n  - route:\n    - destination:\n        host: checkout\n    mirrors:\n    - destination:\n        host: payments\n        subset: v|'],
    ['a flow destination', '  http:\n  - route:\n    - destination: {host: payments, subset: |}'],
  ];
  for (const [what, body] of cases) {
    it(`offers the DestinationRule's subsets in ${what}`, () => assert.deepEqual(labels(completeIn('shop/checkout.yaml', VS(body))), ['v1', 'v2']));
  }

  it('shows the labels as detail, the DestinationRule and its file as documentation, and replaces the typed prefix', () => {
    const items = completeIn('shop/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: payments\n        subset: v|'));
    const v2 = byLabel(items, 'v2');
    assert.equal(v2.detail, 'version=v2');
    assert.match(v2.documentation.value, /DestinationRule `shop\/payments`/);
    assert.match(v2.documentation.value, /\(file:\/\/\/ws\/payments\/destination-rule\.yaml\)/);
    assert.equal(at(v2), '13:17-13:18');
    assert.equal(v2.textEdit.newText, 'v2');
  });

  it('resolves a short host in the VirtualService namespace', () =>
    assert.deepEqual(completeIn('web/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: payments\n        subset: v|', 'web')), []));

  it('hides subsets of a DestinationRule not exported to the namespace', () =>
    assert.deepEqual(completeIn('shop/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: ledger.billing.svc.cluster.local\n        subset: v|')), []));

  it('offers them inside the exporting namespace', () =>
    assert.deepEqual(labels(completeIn('billing/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: ledger\n        subset: v|', 'billing'))), ['stable']));

  it('offers nothing (not schema values) for a host no DestinationRule covers', () =>
    assert.deepEqual(completeIn('shop/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: checkout\n        subset: v|')), []));

  it('sees a DestinationRule in the file being edited, before it is saved', () => {
    const src = `${VS('  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: v|')}\n---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: shop\nspec:\n  host: reviews\n  subsets:\n  - name: blue\n`;
    assert.deepEqual(labels(completeIn('shop/checkout.yaml', src)), ['blue']);
  });
});

describe('reference completion: hosts', () => {
  it('offers Services, ServiceEntries, DestinationRules and VirtualServices (short names in the own namespace)', () => {
    const items = completeIn('shop/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: p|'));
    assert.deepEqual(labels(items), ['api.stripe.com', 'checkout', 'ledger.billing.svc.cluster.local', 'payments']);
    assert.equal(byLabel(items, 'payments').detail, 'Service · DestinationRule');
    assert.equal(byLabel(items, 'api.stripe.com').detail, 'ServiceEntry');
    assert.match(byLabel(items, 'payments').documentation.value, /`payments\.shop\.svc\.cluster\.local`/);
  });

  it('gives FQDNs from another namespace, and that namespace its own exported hosts', () => {
    const items = completeIn('billing/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: p|', 'billing'));
    assert.deepEqual(labels(items), ['api.stripe.com', 'audit.billing.example', 'checkout', 'ledger', 'payments.shop.svc.cluster.local']);
  });

  it('offers hosts for a mirror and for a DestinationRule host', () => {
    assert.ok(labels(completeIn('shop/checkout.yaml', VS('  http:\n  - mirror:\n      host: p|'))).includes('payments'));
    const dr = `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: stripe\n  namespace: shop\nspec:\n  host: api|\n`;
    const items = completeIn('shop/stripe-dr.yaml', dr);
    assert.ok(labels(items).includes('api.stripe.com'));
    assert.equal(at(byLabel(items, 'api.stripe.com')), '7:9-7:12');
  });

  it('offers VirtualService hosts not yet listed', () => {
    const items = completeIn('shop/checkout.yaml', VS('  http: []').replace('  - checkout\n', '  - checkout\n  - |\n'));
    assert.ok(!labels(items).includes('checkout'));
    assert.ok(labels(items).includes('payments'));
  });
});

describe('reference completion: gateways', () => {
  const ALL = ['istio-system/ingress', 'mesh', 'shop/shop-gateway'];
  it('offers mesh and every Istio Gateway as namespace/name on a new list item', () => {
    const items = completeIn('shop/checkout.yaml', VS('  gateways:\n  - |'));
    assert.deepEqual(labels(items), ALL);
    assert.equal(byLabel(items, 'shop/shop-gateway').detail, 'shop.example.com');
    assert.match(byLabel(items, 'shop/shop-gateway').documentation.value, /443\/HTTPS/);
  });
  it('leaves out gateways already listed', () =>
    assert.deepEqual(labels(completeIn('shop/checkout.yaml', VS('  gateways:\n  - mesh\n  - sh|'))), ['istio-system/ingress', 'shop/shop-gateway']));
  it('offers them in a flow list', () =>
    assert.deepEqual(labels(completeIn('shop/checkout.yaml', VS('  gateways: [mesh, |]'))), ['istio-system/ingress', 'shop/shop-gateway']));
  it('offers them in a match', () =>
    assert.deepEqual(labels(completeIn('shop/checkout.yaml', VS('  http:\n  - match:\n    - gateways:\n      - |'))), ALL));
  it('inserts "- " on a new line under the key', () => {
    const items = completeIn('shop/checkout.yaml', VS('  gateways:\n    |'));
    assert.equal(byLabel(items, 'mesh').textEdit.newText, '- mesh');
  });
});

describe('reference completion: ports', () => {
  it("offers the Service's ports with their names and protocols", () => {
    const items = completeIn('shop/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: payments\n        port:\n          number: 8|'));
    assert.deepEqual(labels(items), ['8080', '9090']);
    assert.equal(byLabel(items, '8080').detail, 'http · TCP');
    assert.equal(byLabel(items, '9090').detail, 'grpc');
  });
  it("offers a ServiceEntry's ports", () =>
    assert.deepEqual(labels(completeIn('shop/checkout.yaml', VS('  tls:\n  - match:\n    - sniHosts: [api.stripe.com]\n    route:\n    - destination:\n        host: api.stripe.com\n        port:\n          number: 8|'))), ['443']));
  it('offers nothing for a ServiceEntry not exported here', () =>
    assert.deepEqual(completeIn('shop/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: audit.billing.example\n        port:\n          number: 8|')), []));
});

describe('reference completion: subset labels', () => {
  it("offers the label keys of the host's pods, the selector's own keys last", () => {
    const items = completeIn('shop/canary.yaml', DR('    labels:\n      |'));
    assert.deepEqual(labels(items), ['app', 'track', 'version']);
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);
    assert.equal(sorted.at(-1), 'app');
    assert.equal(byLabel(items, 'version').textEdit.newText, 'version: ');
    assert.equal(byLabel(items, 'version').detail, 'v1, v2');
  });
  it('leaves out keys already set, and renames only when the colon is there', () => {
    const items = completeIn('shop/canary.yaml', DR('    labels:\n      track: canary\n      ver|: x'));
    assert.deepEqual(labels(items), ['app', 'version']);
    assert.equal(byLabel(items, 'version').textEdit.newText, 'version');
  });
  it('offers the values of a key, not those of pods the Service does not select', () => {
    const items = completeIn('shop/canary.yaml', DR('    labels:\n      version: v|'));
    assert.deepEqual(labels(items), ['v1', 'v2']);
    assert.equal(byLabel(items, 'v2').detail, 'Deployment payments-v2');
    assert.equal(at(byLabel(items, 'v2')), '11:16-11:17');
  });
  it('offers values in a flow map', () =>
    assert.deepEqual(labels(completeIn('shop/canary.yaml', DR('    labels: {track: |}'))), ['canary']));
});

describe('reference completion: everything else', () => {
  it('keeps the schema completions elsewhere', () => {
    const items = completeIn('shop/canary.yaml', DR('    trafficPolicy:\n      loadBalancer:\n        simple: R|'));
    assert.ok(labels(items).includes('ROUND_ROBIN'));
  });
  it('keeps the key completions of a destination', () => {
    const items = completeIn('shop/checkout.yaml', VS('  http:\n  - route:\n    - destination:\n        host: payments\n        |'));
    assert.deepEqual(labels(items), ['port', 'subset']);
  });
});
