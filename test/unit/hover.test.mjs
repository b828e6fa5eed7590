import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../helpers/core.mjs';

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: payments
spec:
  host: payments
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    outlierDetection:
      consecutiveErrors: 2
`;
const at = (needle, shift = 1) => {
  const i = DR.indexOf(needle);
  assert.ok(i >= 0, needle);
  return DR.slice(0, i + shift) + '|' + DR.slice(i + shift);
};

describe('hover', () => {
  it('documents a key: path, type, our text and the istio.io link', () => {
    const h = hover(at('mode:'));
    assert.match(h.value, /\*\*spec\.trafficPolicy\.tls\.mode\*\* · `string`/);
    assert.match(h.value, /Allowed values: `DISABLE`, `SIMPLE`, `MUTUAL`, `ISTIO_MUTUAL`/);
    assert.match(h.value, /https:\/\/istio\.io\/latest\/docs\/reference\/config\/networking\/destination-rule\/#ClientTLSSettings-mode/);
    assert.deepEqual(h.range, { start: { line: 8, character: 6 }, end: { line: 8, character: 10 } });
  });
  it('documents an enum value, then its field', () => {
    const h = hover(at('ISTIO_MUTUAL', 3));
    assert.match(h.value, /^\*\*ISTIO_MUTUAL\*\*/);
    assert.match(h.value, /spec\.trafficPolicy\.tls\.mode/);
  });
  it('says a deprecated field is deprecated and names the replacement', () => {
    assert.match(hover(at('consecutiveErrors')).value, /Deprecated\*\*: use `consecutive5xxErrors`/);
  });
  it('marks required fields', () => assert.match(hover(at('host:')).value, /`string` · required/));
  it('explains the resource on kind and apiVersion', () => {
    assert.match(hover(at('DestinationRule')).value, /^\*\*DestinationRule\*\* · `networking\.istio\.io\/v1`/);
    assert.match(hover(at('networking')).value, /Served versions/);
  });
  it('documents a scalar list item as its list field', () =>
    assert.match(hover('apiVersion: networking.istio.io/v1\nkind: VirtualService\nspec:\n  hosts:\n  - chec|kout\n').value, /\*\*spec\.hosts\*\*/));
  it('gives nothing for unknown fields, blank lines and non-Istio files', () => {
    assert.equal(hover('apiVersion: networking.istio.io/v1\nkind: Gateway\nspec:\n  bog|us: 1\n'), null);
    assert.equal(hover('apiVersion: networking.istio.io/v1\nkind: Gateway\nspec:\n  |\n'), null);
    assert.equal(hover('apiVersion: v1\nkind: Service\nspec:\n  sel|ector: {}\n'), null);
  });
});
