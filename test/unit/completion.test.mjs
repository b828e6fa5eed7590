import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkComplete, complete } from '../helpers/core.mjs';

const VS = (body) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: checkout
spec:
${body}`;
const DR = (body) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: payments
spec:
  host: payments
${body}`;
const byLabel = (items, label) => items.find((i) => i.label === label);

describe('completion: keys', () => {
  it('offers the fields of spec, required first', () =>
    checkComplete(VS('  |'), { includes: ['hosts', 'gateways', 'http', 'tcp', 'tls', 'exportTo'] }));
  it('never offers keys already present', () =>
    checkComplete(VS('  hosts: [checkout]\n  |'), { excludes: ['hosts'], includes: ['http'] }));
  it('offers keys on a blank line inside a list item', () =>
    checkComplete(VS('  http:\n  - route:\n    - destination:\n        host: checkout\n      |'), { includes: ['weight', 'headers'], excludes: ['destination'] }));
  it('offers the item keys after "- "', () =>
    checkComplete(VS('  http:\n  - |'), { includes: ['route', 'match', 'timeout', 'retries', 'fault'] }));
  it('completes a half-typed key', () => {
    const items = checkComplete(VS('  http:\n  - route:\n    - destination:\n        host: checkout\n        sub|'), { includes: ['subset', 'port'] });
    const subset = byLabel(items, 'subset');
    assert.equal(subset.textEdit.newText, 'subset: $1');
    assert.equal(subset.textEdit.range.start.character, 8);
  });
  it('ranks required keys first', () => checkComplete(DR('  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        ringHash:\n          |'), { first: ['minimumRingSize'] }));
  it('marks deprecated keys and ranks them last', () => {
    const items = checkComplete(DR('  trafficPolicy:\n    outlierDetection:\n      |'), { includes: ['consecutive5xxErrors', 'consecutiveErrors'] });
    const dep = byLabel(items, 'consecutiveErrors');
    assert.deepEqual(dep.tags, [1]);
    const last = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).at(-1);
    assert.ok(last.tags?.includes(1), 'a deprecated key is last');
  });
  it('inserts a required child for objects: destination -> host', () => {
    const items = complete(VS('  http:\n  - route:\n    - |'));
    assert.equal(byLabel(items, 'destination').textEdit.newText, 'destination:\n        host: $1');
  });
  it('inserts a list item on the next line for lists', () => {
    const items = complete(VS('  |'));
    assert.equal(byLabel(items, 'hosts').textEdit.newText, 'hosts:\n  - $1');
  });
  it('offers enum choices in the snippet of an enum key', () => {
    const items = complete(DR('  trafficPolicy:\n    tls:\n      |'));
    assert.equal(byLabel(items, 'mode').textEdit.newText, 'mode: ${1|DISABLE,SIMPLE,MUTUAL,ISTIO_MUTUAL|}');
  });
  it('only renames the key when the line already has its colon', () => {
    const items = complete(DR('  trafficPolicy:\n    tl|: {}'));
    assert.equal(byLabel(items, 'tls').textEdit.newText, 'tls');
  });
  it('carries the hover documentation on each item', () => {
    const items = complete(VS('  |'));
    assert.match(byLabel(items, 'hosts').documentation.value, /spec\.hosts/);
  });
  it('offers keys in every kind', () => {
    for (const [api, kind, field] of [
      ['security.istio.io/v1', 'AuthorizationPolicy', 'action'],
      ['security.istio.io/v1', 'PeerAuthentication', 'mtls'],
      ['telemetry.istio.io/v1', 'Telemetry', 'tracing'],
      ['extensions.istio.io/v1alpha1', 'WasmPlugin', 'url'],
      ['networking.istio.io/v1alpha3', 'EnvoyFilter', 'configPatches'],
      ['networking.istio.io/v1beta1', 'ProxyConfig', 'concurrency'],
    ]) {
      checkComplete(`apiVersion: ${api}\nkind: ${kind}\nspec:\n  |`, { includes: [field] });
    }
  });
  it('offers metadata fields', () => checkComplete('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  |', { includes: ['name', 'namespace', 'labels'] }));
});

describe('completion: values', () => {
  it('offers enum values with their own documentation', () => {
    const items = checkComplete(DR('  trafficPolicy:\n    tls:\n      mode: |'), { exactly: ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] });
    assert.match(byLabel(items, 'ISTIO_MUTUAL').documentation.value, /ISTIO_MUTUAL/);
  });
  it('offers enum values of loadBalancer.simple', () => checkComplete(DR('  trafficPolicy:\n    loadBalancer:\n      simple: |'), { includes: ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM'] }));
  it('offers booleans', () => checkComplete(VS('  http:\n  - match:\n    - ignoreUriCase: |'), { exactly: ['true', 'false'] }));
  it('offers typical durations', () => checkComplete(VS('  http:\n  - timeout: |'), { includes: ['5s', '1m', '100ms'] }));
  it('offers typical percentages', () => checkComplete(VS('  http:\n  - fault:\n      abort:\n        percentage:\n          value: |'), { includes: ['100', '10'] }));
  it('offers enum values in a list of scalars', () =>
    checkComplete('apiVersion: networking.istio.io/v1\nkind: Sidecar\nspec:\n  outboundTrafficPolicy:\n    mode: |', { includes: ['ALLOW_ANY', 'REGISTRY_ONLY'] }));
});

describe('completion: apiVersion and kind', () => {
  it('offers the Istio apiVersions', () => checkComplete('apiVersion: |', { includes: ['networking.istio.io/v1', 'security.istio.io/v1', 'telemetry.istio.io/v1', 'extensions.istio.io/v1alpha1'] }));
  it('offers the kinds that the apiVersion serves', () =>
    checkComplete('apiVersion: security.istio.io/v1\nkind: |', { exactly: ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'] }));
  it('offers the header keys in an empty file', () => checkComplete('|', { includes: ['apiVersion', 'kind', 'metadata'] }));
  it('offers nothing in a non-Kubernetes file', () => {
    assert.deepEqual(complete('name: CI\non: [push]\njobs:\n  |'), []);
    assert.deepEqual(complete('services:\n  web:\n    image: nginx\n    |'), []);
  });
  it('works in the second document of a file', () =>
    checkComplete('apiVersion: v1\nkind: Service\n---\napiVersion: networking.istio.io/v1\nkind: Gateway\nspec:\n  |', { includes: ['servers', 'selector'] }));
});
