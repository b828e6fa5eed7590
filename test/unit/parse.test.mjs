import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { core, service, textDocument } from '../helpers/core.mjs';
import { boundaryEdits, documentShape } from '../helpers/incremental-fuzz.mjs';

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
  // A previous parse is consumed by the next one (moved documents are rebased in place): each case starts from its own.
  const first = () => service.parseFile(v1);
  /** Every node's range, the document's range, its section and its problems must be as a fresh parse has them. */
  const same = (inc, fresh) => assert.deepEqual(inc.docs.map(documentShape), fresh.docs.map(documentShape));

  it('reuses the unchanged documents of the previous version', () => {
    const before = first();
    const v2 = v1.replace('name: b\n', 'name: bb\n');
    const second = service.parseFile(v2, before);
    assert.equal(second.docs[0], before.docs[0], 'the document before the edit is the same object');
    assert.notEqual(second.docs[1], before.docs[1]);
    assert.equal(second.docs[1].resource.name, 'bb');
    assert.equal(second.docs[2], before.docs[2], 'a document that only moved is kept, rebased');
    assert.equal(second.docs[2].start, v2.lastIndexOf('---\n'));
    same(second, service.parseFile(v2));
  });
  it('reuses a document after the edit when the edit kept the length', () => {
    const before = first();
    const v2 = v1.replace('name: b\n', 'name: x\n');
    const second = service.parseFile(v2, before);
    assert.equal(second.docs[2], before.docs[2]);
    same(second, service.parseFile(v2));
  });
  it('gives the same documents, ranges and problems as a fresh parse', () => {
    const v2 = v1.replace('weight: 100\n---', 'weight: [\n---').replace('name: c', 'name: cc');
    const inc = service.parseFile(v2, first());
    const fresh = service.parseFile(v2);
    same(inc, fresh);
    assert.ok(fresh.docs[0].problems.length > 0);
  });
  it('rebases a moved document with syntax problems, and deletes and inserts documents', () => {
    const broken = v1.replace('weight: 100\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: c', 'weight: 100\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: c\n  bad: [');
    let prev = service.parseFile(broken);
    const versions = [
      broken.replace('name: a', 'name: aaaa'),
      broken.replace('name: a', 'name: a').replace('hosts: [a]', 'hosts: [a, a2, a3]'),
      broken.replace(doc('b', 100), ''),
      doc('z', 1) + '---\n' + broken,
      broken.replace('---\n', ''),
    ];
    for (const v of versions) {
      const inc = service.parseFile(v, prev);
      same(inc, service.parseFile(v));
      prev = inc;
    }
  });
  it('edits at and around `---` lines (a boundary moved, lines joined, markers added, removed or changed, empty sections) give a fresh parse', () => {
    const cases = [
      ['a: 1\n---\nb: 2\n', (t) => t.slice(0, 5) + 'c: 3\n' + t.slice(5)], // text inserted right before a marker line
      ['a: 1\n---\nb: 2\n', (t) => t.slice(0, 4) + t.slice(5)], // the newline before a marker removed: one section
      ['a: 1\n---\nb: 2\n', (t) => '---\nz: 0\n' + t], // a marker before the first section
      ['a: 1\n---\nb: 2\n', (t) => t.replace('---', '--')], // a marker broken
      ['a: 1\n--\nb: 2\n', (t) => t.replace('--', '---')], // a marker made
      ['a: 1\n---\nb: 2\n---\nc: 3\n', (t) => t.replace('b: 2\n', 'b: 2\n---\nb2: 2\n')], // a section split
      ['a: 1\n---\nb: 2\n---\nc: 3\n', (t) => t.replace('---\nb: 2\n', '')], // a section removed
      ['a: 1\n---\n---\n# only a comment\n---\nc: 3\n', (t) => t.replace('c: 3', 'c: 33')], // empty sections before the edit
      ['a: 1\n---\n---\n# only a comment\n---\nc: 3\n', (t) => t.replace('a: 1', 'a: 11')], // ... and after it
      ['x: 1\n---\nx: 1\n---\nx: 1\n', (t) => t.slice(0, 6) + t.slice(7)], // identical sections
      ['a: 1\n---\nb: 2', (t) => t + '\n---\nc: 3'], // appended at the end, no final newline
      ['a: 1\n---\nb: 2\n', (t) => t.replace('---', '--- # next')], // a comment after a marker
      ['a: 1\n---\nb: 2\n', (t) => t.replace('---\n', '---\n---\n')], // a marker doubled
      ['a: 1\n---\nb: 2\n', () => ''], // everything deleted
      ['', () => 'a: 1\n---\nb: 2\n'], // from nothing
    ];
    for (const [before, edit] of cases) {
      const after = edit(before);
      const inc = service.parseFile(after, service.parseFile(before));
      same(inc, service.parseFile(after));
      assert.deepEqual(inc.docs.map((d) => d.raw.source), service.parseFile(after).docs.map((d) => d.raw.source), JSON.stringify(after));
    }
  });

  it('random edits near section boundaries give a fresh parse (seeded; npm run fuzz:incremental runs more)', () => {
    for (const seed of [1, 2026]) assert.equal(boundaryEdits(service, seed, 300), undefined, `seed ${seed}`);
  });

  it('shifts the findings of a moved document with it', () => {
    const bad = v1.replace('weight: 100\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: c', 'weight: 100\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: c\n  labelz: {}');
    const before = service.parseFile(bad);
    const diag = (text, parsed) => service.doValidation(textDocument(text), parsed).map((d) => [d.code, d.range]);
    assert.ok(diag(bad, before).length > 0);
    const v2 = bad.replace('name: a', 'name: a-much-longer-name\n  labels: {app: a}');
    const inc = service.parseFile(v2, before);
    assert.equal(inc.docs[2], before.docs[2]);
    assert.deepEqual(diag(v2, inc), diag(v2, service.parseFile(v2)));
  });
  it('shifts the index facts of a moved document with it (every range of the model)', () => {
    // One of each kind, with every ranged fact: hosts, gateways (top and match level), destinations with subset and port, subsets, servers, http matches.
    const rich = (n) => [
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs${n}\nspec:\n  hosts: [r${n}]\n  gateways: [gw${n}, mesh]\n  http:\n  - name: main\n    match:\n    - uri: {prefix: /a}\n      gateways: [gw${n}]\n    route:\n    - destination: {host: r${n}, subset: v1, port: {number: 80}}\n      weight: 100\n    mirror: {host: m${n}}\n`,
      `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr${n}\nspec:\n  host: r${n}\n  subsets:\n  - name: v1\n    labels: {version: v1}\n`,
      `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw${n}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [r${n}.example.com]\n`,
      `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: se${n}\nspec:\n  hosts: [api${n}.example.com]\n  ports: [{number: 443, name: https, protocol: TLS}]\n  resolution: DNS\n`,
    ].join('---\n');
    const text = rich(1) + '---\n' + rich(2);
    const uri = 'file:///moved-index.yaml';
    const before = service.parseFile(text);
    service.indexFile(uri, before);
    const v2 = text.replace('name: vs1', 'name: vs1-renamed-longer');
    const inc = service.parseFile(v2, before);
    const indexed = service.indexFile(uri, inc);
    assert.equal(inc.docs[5], before.docs[5], 'the second file half only moved');
    const fresh = core.getLanguageService().indexFile(uri, service.parseFile(v2));
    assert.deepEqual(indexed.resources, fresh.resources);
  });
});

describe('index facts from label maps', () => {
  it('keeps the scalar entries as strings (keys named like Object members too), skips nested values, last repeated key wins', () => {
    const text = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {__proto__: evil, constructor: x, 1: one, ~: nul, version: [v1], on: true, app: a}\n';
    const s = core.getLanguageService();
    s.indexFile('file:///labels.yaml', s.parseFile(text));
    const [dr] = [...s.workspace.resources('DestinationRule')];
    const labels = dr.subsets[0].labels;
    assert.deepEqual(Object.entries(labels), [['1', 'one'], ['__proto__', 'evil'], ['constructor', 'x'], ['', 'nul'], ['on', 'true'], ['app', 'a']]);
    assert.equal(Object.getPrototypeOf(labels), Object.prototype, 'a "__proto__" label is an entry, not the prototype');
  });
});
