// Navigation over the workspace: definition, references, rename, reference
// hover and symbols. One multi-file workspace (namespaces shop, edge, web),
// with a DestinationRule exported only to its own namespace (ledger), an
// Istio Gateway and a Gateway API Gateway of the same name, and short and
// `namespace/name` gateway references. Expected ranges are `file L:C-L:C`,
// 1-based, end exclusive.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { textDocument } from '../helpers/core.mjs';
import { workspace } from '../helpers/workspace.mjs';

const FILES = {
  'shop/checkout-vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: checkout
  namespace: shop
spec:
  hosts:
  - checkout.example.com
  gateways:
  - edge/public
  - mesh
  http:
  - name: primary
    match:
    - gateways:
      - edge/public
    route:
    - destination:
        host: payments
        subset: v1
      weight: 90
    - destination:
        host: payments
        subset: "v2"
      weight: 10
    mirror:
      host: payments.shop.svc.cluster.local
      subset: v2
  - route:
    - destination:
        host: ledger
        subset: stable
  tcp:
  - route:
    - destination:
        host: payments
        port:
          number: 9000
  tls:
  - match:
    - sniHosts:
      - checkout.example.com
    route:
    - destination:
        host: api.stripe.com
`,
  'shop/payments-dr.yaml': `apiVersion: networking.istio.io/v1
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
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ledger
  namespace: shop
spec:
  host: ledger
  exportTo:
  - .
  subsets:
  - name: stable
    labels:
      track: stable
`,
  'shop/payments-svc.yaml': `apiVersion: v1
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
    targetPort: 9080
`,
  // Indexed before edge/gateway.yaml: a lookup that does not check the group finds it first.
  'edge/gateway-api.yaml': `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: edge
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
`,
  'edge/gateway.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: edge
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*.example.com"
  - port:
      number: 443
      name: https
      protocol: HTTPS
    hosts:
    - checkout.example.com
    tls:
      mode: SIMPLE
      credentialName: checkout-cert
`,
  'edge/shortname-vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: storefront
  namespace: edge
spec:
  hosts:
  - www.example.com
  gateways:
  - public
  http:
  - route:
    - destination:
        host: payments.shop.svc.cluster.local
        subset: v1
`,
  'web/web.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: web
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 8080
      name: http
      protocol: HTTP
    hosts:
    - web.example.com
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: web
spec:
  hosts:
  - web.example.com
  gateways:
  - public
  http:
  - route:
    - destination:
        host: ledger.shop.svc.cluster.local
        subset: stable
    - destination:
        host: payments
        subset: v1
`,
  'external/se.yaml': `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: stripe
  namespace: shop
spec:
  hosts:
  - api.stripe.com
  - "*.stripe.com"
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - number: 443
    name: https
    protocol: TLS
`,
  'edge/internal-gw.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: internal
  namespace: edge
spec:
  selector:
    istio: internal-gateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*.internal.example.com"
`,
};

const shared = workspace(FILES);

/** The document, parse and position of the `nth` occurrence of `needle` in `file`, `shift` characters into it. */
function at(ws, file, needle, { shift = 1, nth = 0 } = {}) {
  const { doc, parsed } = ws.docs[file];
  const text = doc.getText();
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${k} in ${file}`);
  }
  return [doc, parsed, doc.positionAt(i + shift)];
}
const span = (r) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
const loc = (l) => `${l.uri.replace('file:///ws/', '')} ${span(l.range)}`;
const definition = (file, needle, opts) => shared.service.findDefinition(...at(shared, file, needle, opts)).map(loc);
const references = (file, needle, opts, includeDeclaration = true) =>
  shared.service.findReferences(...at(shared, file, needle, opts), includeDeclaration).map(loc);
/** A WorkspaceEdit as { file: ['L:C-L:C newText', ...] }. */
const edits = (edit) =>
  edit && Object.fromEntries(Object.entries(edit.changes).map(([uri, list]) => [uri.replace('file:///ws/', ''), list.map((e) => `${span(e.range)} ${e.newText}`)]));

const VS = 'shop/checkout-vs.yaml';
const DR = 'shop/payments-dr.yaml';
const GW = 'edge/gateway.yaml';
const EDGE_VS = 'edge/shortname-vs.yaml';
const WEB = 'web/web.yaml';

const V1 = 'shop/payments-dr.yaml 9:11-9:13';
const V2 = 'shop/payments-dr.yaml 12:11-12:13';
const STABLE = 'shop/payments-dr.yaml 26:11-26:17';
const EDGE_PUBLIC = 'edge/gateway.yaml 4:9-4:15';

describe('navigation: go to definition', () => {
  const cases = [
    ['a subset -> its DestinationRule subset', VS, 'subset: v1', { shift: 9 }, [V1]],
    ['a quoted subset (target without quotes)', VS, '"v2"', {}, [V2]],
    ['a subset of a mirror, host written in full', VS, 'subset: v2', { shift: 9 }, [V2]],
    ['a subset from another namespace (FQDN host)', EDGE_VS, 'subset: v1', { shift: 9 }, [V1]],
    ['a short host resolves in the namespace of the VirtualService: web has no payments', WEB, 'subset: v1', { shift: 9 }, []],
    ['a subset of a DestinationRule exported to its own namespace, from that namespace', VS, 'subset: stable', { shift: 9 }, [STABLE]],
    ['... and not from another namespace (exportTo: .)', WEB, 'subset: stable', { shift: 9 }, []],
    ['a top-level namespace/name gateway -> the Istio Gateway, not the Gateway API one', VS, 'edge/public', { shift: 6 }, [EDGE_PUBLIC]],
    ['a match-level gateway', VS, 'edge/public', { shift: 2, nth: 1 }, [EDGE_PUBLIC]],
    ['a short gateway in edge -> edge/public', EDGE_VS, '- public', { shift: 3 }, [EDGE_PUBLIC]],
    ['a short gateway in web -> web/public', WEB, '- public', { shift: 3 }, ['web/web.yaml 4:9-4:15']],
    ['mesh has no definition', VS, '- mesh', { shift: 3 }, []],
    ['a short host -> the DestinationRule host and the Service', VS, 'host: payments', { shift: 8 }, ['shop/payments-dr.yaml 7:9-7:17', 'shop/payments-svc.yaml 4:9-4:17']],
    ['a mirror FQDN host -> the same', VS, 'payments.shop.svc', { shift: 0 }, ['shop/payments-dr.yaml 7:9-7:17', 'shop/payments-svc.yaml 4:9-4:17']],
    ['a host with only a DestinationRule', VS, 'host: ledger', { shift: 12 }, ['shop/payments-dr.yaml 22:9-22:15']],
    ['a host whose DestinationRule is not exported here', WEB, 'ledger.shop', {}, []],
    ['a ServiceEntry host -> the exact and the wildcard entry', VS, 'api.stripe.com', {}, ['external/se.yaml 8:5-8:19', 'external/se.yaml 9:6-9:18']],
    ['a subset definition is its own definition', DR, 'name: v1', { shift: 7 }, [V1]],
    ['nothing on other values', VS, 'weight: 90', { shift: 9 }, []],
  ];
  for (const [title, file, needle, opts, expected] of cases) it(title, () => assert.deepEqual(definition(file, needle, opts), expected));
});

describe('navigation: find references', () => {
  const V2_USES = ['shop/checkout-vs.yaml 24:18-24:20', 'shop/checkout-vs.yaml 28:15-28:17'];
  const EDGE_PUBLIC_USES = ['shop/checkout-vs.yaml 10:5-10:16', 'shop/checkout-vs.yaml 16:9-16:20', 'edge/shortname-vs.yaml 10:5-10:11'];
  it('on a subset name: every destination and mirror using it, across files and namespaces', () =>
    assert.deepEqual(references(DR, 'name: v1', { shift: 7 }), [V1, 'shop/checkout-vs.yaml 20:17-20:19', 'edge/shortname-vs.yaml 15:17-15:19']));
  it('without the declaration', () => assert.deepEqual(references(DR, 'name: v2', { shift: 7 }, false), V2_USES));
  it('on a subset reference: the same set', () => assert.deepEqual(references(VS, 'subset: v2', { shift: 9 }), [V2, ...V2_USES]));
  it('a DestinationRule exported to its own namespace: uses from other namespaces are not its', () =>
    assert.deepEqual(references(DR, 'name: stable', { shift: 7 }), [STABLE, 'shop/checkout-vs.yaml 32:17-32:23']));
  it('an undefined subset: the undefined uses of the same name for the same host (not the defined one in shop)', () =>
    assert.deepEqual(references(WEB, 'subset: stable', { shift: 9 }), ['web/web.yaml 31:17-31:23']));
  it('on a Gateway name: every gateways entry naming it, short or namespace/name', () =>
    assert.deepEqual(references(GW, 'public', {}), [EDGE_PUBLIC, ...EDGE_PUBLIC_USES]));
  it('on a gateway reference: the same set', () => assert.deepEqual(references(EDGE_VS, '- public', { shift: 3 }, false), EDGE_PUBLIC_USES));
  it('a Gateway of the same name in another namespace is another Gateway', () =>
    assert.deepEqual(references(WEB, 'public', {}), ['web/web.yaml 4:9-4:15', 'web/web.yaml 26:5-26:11']));
  it('nothing for mesh, hosts and the Gateway API Gateway', () => {
    assert.deepEqual(references(VS, '- mesh', { shift: 3 }), []);
    assert.deepEqual(references(VS, 'host: payments', { shift: 8 }), []);
    assert.deepEqual(references('edge/gateway-api.yaml', 'public', {}), []);
  });
});

describe('navigation: a DestinationRule with a wildcard host', () => {
  const ws = workspace({
    'shop/defaults-dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: shop-defaults
  namespace: shop
spec:
  host: "*.shop.svc.cluster.local"
  subsets:
  - name: canary
    labels:
      track: canary
`,
    'shop/cart-vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: cart
  namespace: shop
spec:
  hosts:
  - cart
  http:
  - route:
    - destination:
        host: cart
        subset: canary
    - destination:
        host: cart.web.svc.cluster.local
        subset: canary
`,
  });
  const CANARY = 'shop/defaults-dr.yaml 9:11-9:17';
  it('defines the subsets of every host it covers, and only those', () => {
    assert.deepEqual(ws.service.findDefinition(...at(ws, 'shop/cart-vs.yaml', 'subset: canary', { shift: 9 })).map(loc), [CANARY]);
    assert.deepEqual(ws.service.findDefinition(...at(ws, 'shop/cart-vs.yaml', 'subset: canary', { shift: 9, nth: 1 })).map(loc), []);
    assert.deepEqual(ws.service.findDefinition(...at(ws, 'shop/cart-vs.yaml', 'host: cart', { shift: 7 })).map(loc), ['shop/defaults-dr.yaml 7:10-7:34']);
  });
  it('its subsets are referenced by the hosts it covers', () =>
    assert.deepEqual(ws.service.findReferences(...at(ws, 'shop/defaults-dr.yaml', 'canary'), true).map(loc), [CANARY, 'shop/cart-vs.yaml 13:17-13:23']));
});

describe('navigation: rename', () => {
  const rename = (ws, file, needle, opts, newName) => ws.service.doRename(...at(ws, file, needle, opts), newName);
  const prepare = (file, needle, opts) => {
    const p = shared.service.prepareRename(...at(shared, file, needle, opts));
    return p && `${span(p.range)} ${p.placeholder}`;
  };
  /** Applies a WorkspaceEdit to the workspace's files and re-indexes them, as the editor would. */
  const apply = (ws, edit) => {
    for (const [uri, list] of Object.entries(edit.changes)) {
      const name = uri.replace('file:///ws/', '');
      const { doc } = ws.docs[name];
      let text = doc.getText();
      for (const e of [...list].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
        text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
      }
      ws.change(name, text);
    }
  };
  const V2_RENAMED = { 'shop/payments-dr.yaml': ['12:11-12:13 canary'], 'shop/checkout-vs.yaml': ['24:18-24:20 canary', '28:15-28:17 canary'] };

  it('prepareRename: the name under the cursor, without quotes or namespace', () => {
    assert.equal(prepare(VS, '"v2"'), '24:18-24:20 v2');
    assert.equal(prepare(DR, 'name: v1', { shift: 7 }), '9:11-9:13 v1');
    assert.equal(prepare(VS, 'edge/public', { shift: 1 }), '10:10-10:16 public');
    assert.equal(prepare(GW, 'public'), '4:9-4:15 public');
  });
  it('prepareRename: null on hosts, mesh, the Gateway API Gateway and plain values', () => {
    assert.equal(prepare(VS, 'host: payments', { shift: 8 }), null);
    assert.equal(prepare(VS, '- mesh', { shift: 3 }), null);
    assert.equal(prepare('edge/gateway-api.yaml', 'public'), null);
    assert.equal(prepare(VS, 'weight: 90', { shift: 9 }), null);
  });
  it('a subset: its name and every use for that host, inside the quotes', () =>
    assert.deepEqual(edits(rename(shared, DR, 'name: v2', { shift: 7 }, 'canary')), V2_RENAMED));
  it('a subset from one of its uses: the same edit', () =>
    assert.deepEqual(edits(rename(shared, VS, 'subset: v2', { shift: 9 }, 'canary')), V2_RENAMED));
  it('a subset used from other namespaces', () =>
    assert.deepEqual(edits(rename(shared, EDGE_VS, 'subset: v1', { shift: 9 }, 'blue')), {
      'shop/payments-dr.yaml': ['9:11-9:13 blue'],
      'shop/checkout-vs.yaml': ['20:17-20:19 blue'],
      'edge/shortname-vs.yaml': ['15:17-15:19 blue'],
    }));
  it('a subset of a DestinationRule exported to its own namespace leaves other namespaces alone', () =>
    assert.deepEqual(edits(rename(shared, DR, 'name: stable', { shift: 7 }, 'ga')), {
      'shop/payments-dr.yaml': ['26:11-26:17 ga'],
      'shop/checkout-vs.yaml': ['32:17-32:23 ga'],
    }));
  it('a Gateway: each reference keeps its form; web/public and the Gateway API Gateway are left alone', () =>
    assert.deepEqual(edits(rename(shared, VS, 'edge/public', { shift: 8, nth: 1 }, 'ingress')), {
      'edge/gateway.yaml': ['4:9-4:15 ingress'],
      'shop/checkout-vs.yaml': ['10:10-10:16 ingress', '16:14-16:20 ingress'],
      'edge/shortname-vs.yaml': ['10:5-10:11 ingress'],
    }));
  it('after the edits the workspace resolves the new names everywhere', () => {
    const ws = workspace(FILES);
    apply(ws, rename(ws, DR, 'name: v2', { shift: 7 }, 'canary'));
    apply(ws, rename(ws, GW, 'public', {}, 'ingress'));
    assert.match(ws.docs[VS].doc.getText(), /subset: "canary"\n/);
    assert.match(ws.docs[VS].doc.getText(), /- edge\/ingress\n  - mesh\n/);
    const refs = ws.service.findReferences(...at(ws, DR, 'name: canary', { shift: 7 }), false).map(loc);
    assert.deepEqual(refs, ['shop/checkout-vs.yaml 24:18-24:24', 'shop/checkout-vs.yaml 28:15-28:21']);
    assert.deepEqual(ws.service.findDefinition(...at(ws, EDGE_VS, '- ingress', { shift: 3 })).map(loc), ['edge/gateway.yaml 4:9-4:16']);
  });
  const refused = [
    ['an upper-case subset name', DR, 'name: v2', { shift: 7 }, 'V2', /'V2' is not a valid subset name/],
    ['a name ending in -', DR, 'name: v2', { shift: 7 }, 'v2-', /not a valid subset name/],
    ['a dotted name', DR, 'name: v2', { shift: 7 }, 'canary.v2', /not a valid subset name/],
    ['a Gateway name over 63 characters', GW, 'public', {}, 'g'.repeat(64), /not a valid Gateway name/],
    ['a subset name the DestinationRule already has', VS, '"v2"', {}, 'v1', /DestinationRule 'payments' already has a subset 'v1'/],
    ['a Gateway name taken in the namespace', EDGE_VS, '- public', { shift: 3 }, 'internal', /Namespace 'edge' already has a Gateway 'internal'/],
    ['a subset no visible DestinationRule defines', WEB, 'subset: stable', { shift: 9 }, 'ga', /Subset 'stable' is not defined by any DestinationRule for ledger\.shop\.svc\.cluster\.local visible from namespace 'web'/],
    ['a host', VS, 'host: payments', { shift: 8 }, 'orders', /Only DestinationRule subsets and Gateway names can be renamed/],
    ['mesh', VS, '- mesh', { shift: 3 }, 'sidecars', /'mesh' is reserved/],
  ];
  for (const [title, file, needle, opts, newName, reason] of refused) {
    it(`refuses ${title}: validateRename says why, doRename gives null`, () => {
      const r = shared.service.validateRename(...at(shared, file, needle, opts), newName);
      assert.match(r?.error ?? '', reason);
      assert.equal(rename(shared, file, needle, opts, newName), null);
    });
  }
  it('validateRename without a name explains a null prepareRename, and accepts what can be renamed', () => {
    assert.match(shared.service.validateRename(...at(shared, VS, 'host: ledger', { shift: 8 }))?.error ?? '', /Only DestinationRule subsets/);
    assert.equal(shared.service.validateRename(...at(shared, DR, 'name: v2', { shift: 7 })), null);
    assert.equal(shared.service.validateRename(...at(shared, DR, 'name: v2', { shift: 7 }), 'canary-2'), null);
  });
  it('renaming to the same name changes nothing', () => assert.deepEqual(rename(shared, DR, 'name: v2', { shift: 7 }, 'v2'), { changes: {} }));
});

describe('navigation: hover on references', () => {
  const hoverAt = (ws, file, needle, opts) => {
    const h = ws.service.doHover(...at(ws, file, needle, opts));
    return h && { value: h.contents.value, range: span(h.range) };
  };
  const first = (h) => h.value.split('\n\n---\n\n')[0];
  it('a subset: its labels and DestinationRule, then the field documentation', () => {
    const h = hoverAt(shared, VS, 'subset: v1', { shift: 9 });
    assert.equal(h.range, '20:17-20:19');
    assert.equal(
      first(h),
      '**subset `v1`** of `payments.shop.svc.cluster.local`\n\n' +
        '- DestinationRule `payments` · namespace `shop` · [shop/payments-dr.yaml:9](file:///ws/shop/payments-dr.yaml#L9) · labels `version=v1`',
    );
    assert.match(h.value, /\n\n---\n\n\*\*spec\.http\[0\]\.route\[0\]\.destination\.subset\*\* · `string`/);
  });
  it('a quoted subset: the range leaves the quotes out', () => assert.equal(hoverAt(shared, VS, '"v2"', {}).range, '24:18-24:20'));
  it('a subset no visible DestinationRule defines', () =>
    assert.match(first(hoverAt(shared, WEB, 'subset: stable', { shift: 9 })), /^\*\*subset `stable`\*\* of `ledger\.shop\.svc\.cluster\.local`\n\nNo DestinationRule visible from namespace `web` defines it\.$/));
  it('a gateway: its servers and where it is', () => {
    const h = hoverAt(shared, VS, 'edge/public', { shift: 1 });
    assert.equal(h.range, '10:5-10:16');
    assert.equal(
      first(h),
      '**Gateway `edge/public`** · [edge/gateway.yaml:4](file:///ws/edge/gateway.yaml#L4)\n\n' +
        '- port `80` HTTP (http) · hosts `*.example.com`\n' +
        '- port `443` HTTPS (https) · hosts `checkout.example.com`',
    );
  });
  it('a short gateway resolves in its own namespace', () =>
    assert.match(first(hoverAt(shared, WEB, '- public', { shift: 3 })), /^\*\*Gateway `web\/public`\*\* · \[web\/web\.yaml:4\]\(file:\/\/\/ws\/web\/web\.yaml#L4\)\n\n- port `8080` HTTP/));
  it('mesh and a missing Gateway', () => {
    assert.match(first(hoverAt(shared, VS, '- mesh', { shift: 3 })), /^\*\*`mesh`\*\*: the sidecars/);
    const ws = workspace({ 'shop/vs.yaml': 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: checkout\n  namespace: shop\nspec:\n  gateways:\n  - internal\n' });
    assert.match(first(hoverAt(ws, 'shop/vs.yaml', 'internal', {})), /^\*\*Gateway `internal`\*\*: not found in the workspace \(short names are looked up in namespace `shop`\)/);
  });
  it('a host: the DestinationRule with its subsets and the Service with its ports', () =>
    assert.equal(
      first(hoverAt(shared, VS, 'host: payments', { shift: 8 })),
      '**host `payments`** → `payments.shop.svc.cluster.local`\n\n' +
        '- DestinationRule `payments` · namespace `shop` · [shop/payments-dr.yaml:7](file:///ws/shop/payments-dr.yaml#L7) · subsets `v1`, `v2`\n' +
        '- Service `payments` · namespace `shop` · [shop/payments-svc.yaml:4](file:///ws/shop/payments-svc.yaml#L4) · ports `8080 http → 9080`',
    ));
  it('an external host: the ServiceEntry once, with its ports', () =>
    assert.equal(
      first(hoverAt(shared, VS, 'api.stripe.com', {})),
      '**host `api.stripe.com`**\n\n- ServiceEntry `stripe` · namespace `shop` · [external/se.yaml:8](file:///ws/external/se.yaml#L8) · ports `443/TLS https`',
    ));
  it('a host whose DestinationRule is not exported here', () =>
    assert.match(first(hoverAt(shared, WEB, 'ledger.shop', {})), /No Service, ServiceEntry or DestinationRule for it visible from namespace `web`\.$/));
  it('anything else keeps the schema hover alone', () => {
    const h = hoverAt(shared, VS, 'weight: 90', { shift: 9 });
    assert.match(h.value, /^\*\*spec\.http\[0\]\.route\[0\]\.weight\*\*/);
    assert.ok(!h.value.includes('---\n\n**spec'), 'no reference part');
  });
});

describe('navigation: document symbols', () => {
  const KINDS = { 5: 'Class', 6: 'Method', 7: 'Property', 8: 'Field', 11: 'Interface', 22: 'EnumMember' };
  /** The outline as lines: `name (Kind) detail range | selection`, children indented. */
  const outline = (ws, file) => {
    const lines = [];
    const walk = (syms, indent) => {
      for (const s of syms) {
        lines.push(`${indent}${s.name} (${KINDS[s.kind]})${s.detail ? ` ${s.detail}` : ''} ${span(s.range)} | ${span(s.selectionRange)}`);
        walk(s.children ?? [], `${indent}  `);
      }
    };
    walk(ws.service.findDocumentSymbols(ws.docs[file].doc, ws.docs[file].parsed), '');
    return lines;
  };
  it('a VirtualService: routes by name or position, their destinations and mirrors', () =>
    assert.deepEqual(outline(shared, VS), [
      'VirtualService checkout (Class) shop 1:1-45:29 | 4:9-4:17',
      '  primary (Method) http[0] 13:5-28:17 | 13:11-13:18',
      '    payments (Field) subset v1 · weight 90 18:7-21:17 | 19:15-19:23',
      '    payments (Field) subset v2 · weight 10 22:7-25:17 | 23:15-23:23',
      '    payments.shop.svc.cluster.local (Field) subset v2 · mirror 27:7-28:17 | 27:13-27:44',
      '  http[1] (Method) 29:5-32:23 | 29:5-29:10',
      '    ledger (Field) subset stable 30:7-32:23 | 31:15-31:21',
      '  tcp[0] (Method) 34:5-38:23 | 34:5-34:10',
      '    payments (Field) port 9000 35:7-38:23 | 36:15-36:23',
      '  tls[0] (Method) 40:5-45:29 | 40:5-40:10',
      '    api.stripe.com (Field) 44:7-45:29 | 45:15-45:29',
    ]));
  it('two DestinationRules in one file, with their subsets and labels', () =>
    assert.deepEqual(outline(shared, DR), [
      'DestinationRule payments (Class) shop 1:1-14:18 | 4:9-4:17',
      '  v1 (EnumMember) version=v1 9:5-11:18 | 9:11-9:13',
      '  v2 (EnumMember) version=v2 12:5-14:18 | 12:11-12:13',
      'DestinationRule ledger (Class) shop 15:1-28:20 | 19:9-19:15',
      '  stable (EnumMember) track=stable 26:5-28:20 | 26:11-26:17',
    ]));
  it('Gateway servers; a Gateway API Gateway is listed without children', () => {
    assert.deepEqual(outline(shared, GW), [
      'Gateway public (Class) edge 1:1-24:36 | 4:9-4:15',
      '  http (Interface) 80/HTTP · *.example.com 10:5-15:22 | 12:13-12:17',
      '  https (Interface) 443/HTTPS · checkout.example.com 16:5-24:36 | 18:13-18:18',
    ]);
    assert.deepEqual(outline(shared, 'edge/gateway-api.yaml'), ['Gateway public (Class) edge 1:1-11:19 | 4:9-4:15']);
  });
  it('ServiceEntry ports, and a Kubernetes Service', () => {
    assert.deepEqual(outline(shared, 'external/se.yaml'), ['ServiceEntry stripe (Class) shop 1:1-15:18 | 4:9-4:15', '  https (Property) 443/TLS 13:5-15:18 | 14:11-14:16']);
    assert.deepEqual(outline(shared, 'shop/payments-svc.yaml'), ['Service payments (Class) shop 1:1-12:21 | 4:9-4:17']);
  });
  it('a resource without a name or namespace: the kind, the default namespace; unnamed servers and ports', () => {
    const ws = workspace({
      'mesh/sidecar.yaml': 'apiVersion: networking.istio.io/v1\nkind: Gateway\nspec:\n  servers:\n  - port: {number: 80, protocol: HTTP}\n    hosts: ["*"]\n',
      'mesh/se.yaml': 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: db\nspec:\n  ports:\n  - number: 5432\n',
    });
    assert.deepEqual(outline(ws, 'mesh/sidecar.yaml'), ['Gateway (Class) default 1:1-6:17 | 2:7-2:14', '  servers[0] (Interface) 80/HTTP · * 5:5-6:17 | 5:5-5:9']);
    assert.deepEqual(outline(ws, 'mesh/se.yaml'), ['ServiceEntry db (Class) default 1:1-7:17 | 4:9-4:11', '  5432 (Property) 5432 7:5-7:17 | 7:13-7:17']);
  });
  it('nothing for plain YAML', () => {
    const ws = workspace({ 'app/values.yaml': 'replicaCount: 2\nimage:\n  repository: shop/checkout\n  tag: "1.4"\n' });
    assert.deepEqual(outline(ws, 'app/values.yaml'), []);
  });
});

describe('navigation: workspace symbols', () => {
  const KINDS = { 5: 'Class', 22: 'EnumMember' };
  const symbols = (ws, query) => ws.service.findWorkspaceSymbols(query).map((s) => `${s.name} (${KINDS[s.kind]}) [${s.containerName}] ${loc(s.location)}`);
  it('resources as Kind name in their namespace', () =>
    assert.deepEqual(symbols(shared, 'pay'), [
      'DestinationRule payments (Class) [shop] shop/payments-dr.yaml 4:9-4:17',
      'Service payments (Class) [shop] shop/payments-svc.yaml 4:9-4:17',
    ]));
  it('DestinationRule subsets, case-insensitively', () =>
    assert.deepEqual(symbols(shared, 'STAB'), ['stable (EnumMember) [DestinationRule ledger (shop)] shop/payments-dr.yaml 26:11-26:17']));
  it('names that start with the query first, then those that contain it, then its letters in order', () =>
    assert.deepEqual(
      symbols(shared, 'in').map((s) => s.split(' (')[0]),
      ['Gateway internal', 'DestinationRule payments', 'DestinationRule ledger', 'Service payments', 'VirtualService storefront', 'ServiceEntry stripe'],
    ));
  it('everything for an empty query (11 resources, 3 subsets), nothing for a query that matches nothing', () => {
    assert.equal(symbols(shared, '').length, 14);
    assert.deepEqual(symbols(shared, 'zzz'), []);
  });
  it('at most 500 answers', () => {
    const many = Array.from({ length: 600 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: shop\n`).join('---\n');
    const ws = workspace({ 'shop/many.yaml': many });
    assert.equal(ws.service.findWorkspaceSymbols('svc').length, 500);
  });
});
