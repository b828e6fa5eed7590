// Navigation over the workspace of navigation-fixtures.mjs: go to definition and find
// references. Expected ranges are `file L:C-L:C`, 1-based, end exclusive.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../helpers/workspace.mjs';
import {
  at, loc, definition, references, VS, DR, GW, EDGE_VS, WEB, V1, V2, STABLE, EDGE_PUBLIC,
} from './navigation-fixtures.mjs';

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
