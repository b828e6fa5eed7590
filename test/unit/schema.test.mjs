import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/core.mjs';
import { descriptionReport } from '../../scripts/description-keys.mjs';

const schema = JSON.parse(readFileSync(path.join(root, 'server/src/core/schema/generated/schema.json'), 'utf8'));

describe('schema facts', () => {
  it('covers every Istio 1.30 kind and served version', () => {
    const served = new Set(schema.resources.map((r) => `${r.group}/${r.version}/${r.kind}`));
    for (const kind of ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup']) {
      for (const v of ['v1', 'v1beta1', 'v1alpha3']) assert.ok(served.has(`networking.istio.io/${v}/${kind}`), `${kind} ${v}`);
    }
    for (const k of ['networking.istio.io/v1alpha3/EnvoyFilter', 'networking.istio.io/v1beta1/ProxyConfig', 'security.istio.io/v1/AuthorizationPolicy',
      'security.istio.io/v1/PeerAuthentication', 'security.istio.io/v1/RequestAuthentication', 'telemetry.istio.io/v1/Telemetry',
      'extensions.istio.io/v1alpha1/WasmPlugin']) assert.ok(served.has(k), k);
  });
  it('records enums, required fields, one-of groups and bounds', () => {
    const fields = (p) => schema.nodes.find((n) => n.path === p);
    assert.deepEqual(schema.nodes[fields('DestinationRule.spec.trafficPolicy').properties.tls].enum ?? schema.nodes[schema.nodes[fields('DestinationRule.spec.trafficPolicy').properties.tls].properties.mode].enum, ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']);
    assert.ok(fields('VirtualService.spec.http[].route[]').required.includes('destination'));
    assert.deepEqual(fields('DestinationRule.spec.trafficPolicy.loadBalancer').oneOf, [{ fields: ['simple', 'consistentHash'], required: false }]);
  });
});

describe('descriptions', () => {
  const { expected, missing, unknown } = descriptionReport();
  it('has a description for every field, enum value and kind', () => {
    assert.ok(expected.length > 600, `only ${expected.length} keys`);
    assert.deepEqual(missing, []);
  });
  it('names no field that does not exist', () => assert.deepEqual(unknown, []));
});
