// The examples of the product's design document, judged as the design says.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../helpers/core.mjs';

describe('design examples', () => {
  it('the broken Gateway: structure error, Port unknown with the port suggestion, no selector complaint', () => {
    const d = diagnose(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: web
spec:
  servers:
    hosts:
    - "*"
  - Port:
      number: 80
      name: http
      protocol: Http
`);
    assert.ok(d.some((x) => x.code === 'yaml-syntax'), 'the broken structure is flagged');
    const port = d.find((x) => x.rule === 'unknown-field');
    assert.equal(port.range, '9:5-9:9');
    assert.match(port.message, /Did you mean "port"\?/);
    assert.ok(!d.some((x) => /selector/.test(x.message)), 'a missing selector is fine');
  });
  it('fault abort percent: flagged with the percentage.value hint', () => {
    const d = diagnose(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: [ratings]
  http:
  - fault: {abort: {percent: 50, httpStatus: 503}}
    route:
    - destination: {host: ratings}
`);
    const removed = d.filter((x) => x.rule === 'removed-field');
    assert.equal(removed.length, 1);
    assert.equal(removed[0].range, '8:21-8:28');
    assert.match(removed[0].message, /percentage\.value/);
  });
  it('outlierDetection with consecutiveErrors: one deprecation warning and nothing else', () => {
    const d = diagnose(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    outlierDetection: {consecutiveErrors: 2, interval: 1m, baseEjectionTime: 5m, maxEjectionPercent: 100}
`);
    assert.deepEqual(d.map((x) => [x.code, x.rule, x.severity, x.range]), [['IST0002', 'deprecated-field', 2, '8:24-8:41']]);
    assert.match(d[0].message, /consecutive5xxErrors/);
  });
});
