import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { service, textDocument } from '../helpers/core.mjs';
import { workspace } from '../helpers/workspace.mjs';

const VS = (w1, w2) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: checkout
spec:
  hosts: [checkout]
  http:
  - route:
    - destination:
        host: checkout
        subset: v1
      weight: ${w1}
    - destination:
        host: checkout
        subset: v2
      weight: ${w2}
`;

/** Applies LSP text edits to a text. */
function apply(text, edits) {
  const doc = textDocument(text);
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, doc.offsetAt(e.range.start)) + e.newText + out.slice(doc.offsetAt(e.range.end));
  return out;
}

function lenses(text) {
  const doc = textDocument(text);
  return service.findCodeLenses(doc, service.parseFile(text)).map((l) => ({ title: l.command.title, line: l.range.start.line, edits: l.command.arguments[2], command: l.command.command }));
}

describe('rollout code lenses', () => {
  it('offers shift, promote and roll back on a weighted route', () => {
    const ls = lenses(VS(90, 10));
    assert.deepEqual(ls.map((l) => [l.title, l.line]), [['Shift 10% to v2', 7], ['Promote v2 (100%)', 7], ['Roll back to v1', 7]]);
    assert.ok(ls.every((l) => l.command === 'istio.applyEdits'));
  });
  it('each lens is one edit that keeps the total at 100', () => {
    const [shift, promote, rollback] = lenses(VS(90, 10));
    assert.equal(apply(VS(90, 10), shift.edits), VS(80, 20));
    assert.equal(apply(VS(90, 10), promote.edits), VS(0, 100));
    assert.equal(apply(VS(90, 10), rollback.edits), VS(100, 0));
  });
  it('shifts from a normalised split when the weights do not add up', () => {
    const [shift] = lenses(VS(60, 20));
    assert.equal(apply(VS(60, 20), shift.edits), VS(65, 35));
  });
  it('offers no shift once the canary has everything, and nothing without weights', () => {
    assert.deepEqual(lenses(VS(0, 100)).map((l) => l.title), ['Roll back to v1']);
    assert.deepEqual(lenses(VS(90, 10).replace(/\n {6}weight: \d+/g, '')), []);
  });
});

describe('generate canary', () => {
  it('generates a VirtualService with the split and a DestinationRule with both subsets', () => {
    const r = service.generateCanary({ host: 'reviews', namespace: 'shop', canaryWeight: 25 });
    assert.equal(r.ok, true);
    assert.equal(r.text, `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews
  http:
  - name: reviews-canary
    route:
    - destination:
        host: reviews
        subset: v1
      weight: 75
    - destination:
        host: reviews
        subset: v2
      weight: 25
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`);
    assert.deepEqual(r.edits, []);
  });
  it('binds a Gateway and external hosts, with a port', () => {
    const r = service.generateCanary({ host: 'web.shop.svc.cluster.local', gateway: 'edge/public', externalHosts: ['shop.example.com'], port: 8080 });
    assert.match(r.text, /hosts:\n  - web\.shop\.svc\.cluster\.local\n  - shop\.example\.com\n  gateways:\n  - edge\/public\n  - mesh\n/);
    assert.match(r.text, /port:\n {10}number: 8080/);
  });
  it('the generated YAML is valid for our own checks', () => {
    const r = service.generateCanary({ host: 'reviews', namespace: 'shop', gateway: 'shop/gw', externalHosts: ['a.example.com'], port: 9080 });
    const errors = service.doValidation(textDocument(r.text), service.parseFile(r.text)).filter((d) => d.severity === 1 && d.code !== 'IST0101');
    assert.deepEqual(errors, []);
  });
  it('adds only the missing subset to an existing DestinationRule', () => {
    const dr = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: shop\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n';
    const w = workspace({ 'dr.yaml': dr });
    const r = w.service.generateCanary({ host: 'reviews', namespace: 'shop' });
    assert.ok(!/kind: DestinationRule/.test(r.text), 'no second DestinationRule');
    assert.equal(r.edits.length, 1);
    const e = r.edits[0];
    assert.equal(e.uri, 'file:///ws/dr.yaml');
    const patched = dr.slice(0, e.offset) + e.newText + dr.slice(e.offset);
    assert.equal(patched, dr + '  - name: v2\n    labels:\n      version: v2\n');
  });
  it('rejects bad input with a clear message', () => {
    assert.match(service.generateCanary({ host: 'Bad Host' }).error, /not a valid host/);
    assert.match(service.generateCanary({ host: 'a', canaryWeight: 120 }).error, /0 to 100/);
    assert.match(service.generateCanary({ host: 'a', stable: 'v1', canary: 'v1' }).error, /must differ/);
  });
});
