import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { service } from '../helpers/core.mjs';

const MULTI = `# a mixed file
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
---
apiVersion: v1
kind: Service
metadata:
  name: reviews
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1}
---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: deny-all
---
just: plain yaml
...
---
`;

describe('parse and classify', () => {
  const file = service.parseFile(MULTI);
  const resources = file.docs.map((d) => d.resource && [d.resource.kind, d.resource.group, d.resource.version, d.resource.resourceKind, d.resource.name ?? null, d.resource.namespace ?? null]);

  it('splits every document', () => assert.equal(file.docs.length, 6));
  it('records group, version, kind, name and namespace', () =>
    assert.deepEqual(resources, [
      ['istio', 'networking.istio.io', 'v1', 'VirtualService', 'reviews', 'bookinfo'],
      ['kubernetes', '', 'v1', 'Service', 'reviews', null],
      ['kubernetes', 'apps', 'v1', 'Deployment', 'reviews-v1', null],
      ['istio', 'security.istio.io', 'v1beta1', 'AuthorizationPolicy', 'deny-all', null],
      undefined,
      undefined,
    ]));
  it('flags the file as Istio and Kubernetes', () => {
    assert.equal(file.hasIstio, true);
    assert.equal(file.hasKubernetes, true);
  });
  it('recognises each Istio group', () => {
    for (const group of ['networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io']) {
      const f = service.parseFile(`apiVersion: ${group}/v1alpha1\nkind: X\n`);
      assert.equal(f.docs[0].resource.kind, 'istio', group);
    }
  });
  it('leaves non-Kubernetes YAML alone', () => {
    const f = service.parseFile('services:\n  web:\n    image: nginx\n');
    assert.equal(f.hasIstio, false);
    assert.equal(f.hasKubernetes, false);
    assert.equal(f.docs[0].resource, undefined);
  });
  it('an istio-looking group that is not Istio is not Istio', () => {
    const f = service.parseFile('apiVersion: networking.istio.io.evil.com/v1\nkind: VirtualService\n');
    assert.equal(f.docs[0].resource.kind, 'kubernetes');
  });
  it('still classifies a document whose YAML is broken', () => {
    const f = service.parseFile('apiVersion: networking.istio.io/v1\nkind: Gateway\nspec:\n  a: [\n');
    assert.equal(f.hasIstio, true);
    assert.equal(f.docs[0].resource.resourceKind, 'Gateway');
  });
  it('never throws, whatever the text', () => {
    for (const text of ['', '\0\0\0', '---\n---\n', ':\n: :', '- [ { ', '\uFEFFapiVersion: v1', '&a [*a]', '%YAML 9\n---\n']) {
      const f = service.parseFile(text);
      assert.ok(Array.isArray(f.docs));
    }
  });
});

describe('incremental parsing', () => {
  const doc = (name, weight) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}\nspec:\n  hosts: [${name}]\n  http:\n  - route:\n    - destination: {host: ${name}}\n      weight: ${weight}\n`;
  const v1 = [doc('a', 100), doc('b', 100), doc('c', 100)].join('---\n');
  const first = service.parseFile(v1);

  it('reuses the unchanged documents of the previous version', () => {
    const v2 = v1.replace('name: b\n', 'name: bb\n');
    const second = service.parseFile(v2, first);
    assert.equal(second.docs[0], first.docs[0], 'the document before the edit is the same object');
    assert.notEqual(second.docs[1], first.docs[1]);
    assert.notEqual(second.docs[2], first.docs[2], 'a document that moved is parsed again');
    assert.equal(second.docs[1].resource.name, 'bb');
  });
  it('reuses a document after the edit when the edit kept the length', () => {
    const v2 = v1.replace('name: b\n', 'name: x\n');
    const second = service.parseFile(v2, first);
    assert.equal(second.docs[2], first.docs[2]);
  });
  it('gives the same documents, ranges and problems as a fresh parse', () => {
    const v2 = v1.replace('weight: 100\n---', 'weight: [\n---').replace('name: c', 'name: cc');
    const inc = service.parseFile(v2, first);
    const fresh = service.parseFile(v2);
    const shape = (f) => f.docs.map((d) => [d.start, d.end, d.resource?.name, d.problems.map((p) => [p.start, p.end, p.code])]);
    assert.deepEqual(shape(inc), shape(fresh));
    assert.ok(fresh.docs[0].problems.length > 0);
  });
});
