// Navigation over the workspace of navigation-fixtures.mjs: hover on references, document
// symbols and workspace symbols. Expected ranges are `file L:C-L:C`, 1-based, end exclusive.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../helpers/workspace.mjs';
import {
  shared, at, span, loc, VS, DR, GW, WEB,
} from './navigation-fixtures.mjs';

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
