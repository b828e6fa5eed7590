// Every CEL rule of the CRDs has our own check, and the checks do fire.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, diagnose, root } from '../helpers/core.mjs';

const schema = JSON.parse(readFileSync(path.join(root, 'server/src/core/schema/generated/schema.json'), 'utf8'));
const rulesInSchema = new Set([...schema.nodes.flatMap((n) => n.rules ?? []), ...schema.resources.flatMap((r) => r.rules)].map((r) => r.rule));

const cel = (text) => diagnose(text).filter((d) => d.rule === 'cel');

describe('CEL rules', () => {
  it('every rule in the generated schema is implemented', () => {
    const implemented = new Set(core.implementedCelRules());
    assert.ok(rulesInSchema.size > 25);
    assert.deepEqual([...rulesInSchema].filter((r) => !implemented.has(r)), []);
  });
  const cases = [
    ['a duration under 1ms', 'networking.istio.io/v1', 'VirtualService', 'hosts: [a]\n  http:\n  - timeout: 0.5ms\n    route: [{destination: {host: a}}]', '8:14-8:19', /greater than 1ms/],
    ['a wildcard ServiceEntry host', 'networking.istio.io/v1', 'ServiceEntry', 'hosts: ["*"]\n  resolution: DNS', '6:11-6:14', /cannot be wildcard/],
    ['duplicate ServiceEntry port numbers', 'networking.istio.io/v1', 'ServiceEntry', 'hosts: [a.example.com]\n  ports:\n  - {number: 80, name: a}\n  - {number: 80, name: b}', '7:3-7:8', /cannot be duplicated/],
    ['portLevelMtls without a selector', 'security.istio.io/v1', 'PeerAuthentication', 'portLevelMtls:\n    "8080": {mode: DISABLE}', '5:1-5:5', /requires selector/],
    ['serviceAccounts with principals', 'security.istio.io/v1', 'AuthorizationPolicy', 'rules:\n  - from:\n    - source:\n        serviceAccounts: [a]\n        principals: [b]', '8:7-8:13', /serviceAccounts/],
    ['a WasmPlugin url with a bad scheme', 'extensions.istio.io/v1alpha1', 'WasmPlugin', 'url: ftp://example.com/x.wasm', '6:8-6:32', /schema one of/],
  ];
  for (const [name, api, kind, spec, range, message] of cases) {
    it(`flags ${name}`, () => {
      const found = cel(`apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n  ${spec}\n`);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].range, range);
      assert.match(found[0].message, message);
    });
  }
  it('accepts the valid forms', () => {
    assert.deepEqual(cel('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x}\nspec:\n  hosts: [a]\n  http:\n  - timeout: 1.5s\n    route: [{destination: {host: a}}]\n'), []);
    assert.deepEqual(cel('apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: x}\nspec:\n  url: oci://r.example.com/p:1\n'), []);
  });
});
