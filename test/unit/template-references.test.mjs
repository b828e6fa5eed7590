// A literal manifest that refers to something a Helm template defines (a
// DestinationRule whose subsets come from a `range`, one whose host is a
// value, a Gateway whose name is a value) gets no "not found" finding: the
// index cannot know those names. The same manifests against literal
// definitions that really lack the name still get it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../helpers/workspace.mjs';

const VS = (subset, gateway = 'mesh') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  gateways: [${gateway}]
  http:
  - route:
    - destination: {host: reviews, subset: ${subset}}
`;
const DR = (host, subsets) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: ${host}
  subsets:
${subsets}`;
const LITERAL_SUBSETS = '  - name: v1\n    labels: {version: v1}\n';
const RANGED_SUBSETS = '  {{- range .Values.versions }}\n  - name: {{ . }}\n    labels: {version: {{ . | quote }}}\n  {{- end }}\n';
const GW = (name) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`;

const notFound = (ws) => ws.diagnose('routes/vs.yaml').filter((d) => d.code === 'IST0101').map((d) => d.rule);

describe('references to what a template defines', () => {
  it('a subset of a DestinationRule whose subsets a template writes: not reported; against literal subsets: reported', () => {
    assert.deepEqual(notFound(workspace({ 'routes/vs.yaml': VS('v2'), 'chart/templates/dr.yaml': DR('reviews', RANGED_SUBSETS) })), []);
    assert.deepEqual(notFound(workspace({ 'routes/vs.yaml': VS('v2'), 'plain/dr.yaml': DR('reviews', LITERAL_SUBSETS) })), ['subset-not-found']);
  });

  it('a host that only a templated DestinationRule may name: not reported; with only literal rules for other hosts: reported', () => {
    const other = DR('ratings', LITERAL_SUBSETS).replace('name: reviews', 'name: ratings');
    assert.deepEqual(notFound(workspace({ 'routes/vs.yaml': VS('v1'), 'plain/other.yaml': other, 'chart/templates/dr.yaml': DR('{{ .Values.host }}', LITERAL_SUBSETS) })), []);
    assert.deepEqual(notFound(workspace({ 'routes/vs.yaml': VS('v1'), 'plain/other.yaml': other })), ['subset-no-destination-rule']);
  });

  it('a Gateway whose name a template writes may be the one referred to', () => {
    const literal = { 'routes/vs.yaml': VS('v1', 'public'), 'plain/dr.yaml': DR('reviews', LITERAL_SUBSETS), 'plain/gw.yaml': GW('private') };
    assert.deepEqual(notFound(workspace(literal)), ['gateway-not-found']);
    assert.deepEqual(notFound(workspace({ ...literal, 'chart/templates/gw.yaml': GW('{{ .Values.gateway.name }}') })), []);
  });
});
