// Incremental analysis (issue 7) must give exactly what a fresh analysis
// gives. A workspace of a few files is edited step by step (seeded): values
// that are facts for other resources (hosts, subset names, gateway names,
// namespaces, exportTo), values that are not (weights), whole documents added
// and removed, text inserted before documents so that later ones move. After
// every step, every file is re-validated on the long-lived service (parses
// reused, caches kept) and compared with a new service that parses the same
// texts from scratch.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { core, textDocument } from '../helpers/core.mjs';
import { prng } from '../helpers/fuzz.mjs';

const vs = (name, host, subset, gateway, weight = 100) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
spec:
  hosts: [${host}]
  gateways: [${gateway}]
  http:
  - route:
    - destination: {host: ${host}, subset: ${subset}}
      weight: ${weight}
`;
const dr = (name, host, subsets) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
spec:
  host: ${host}
  subsets:
${subsets.map((s) => `  - name: ${s}\n    labels: {version: ${s}}\n`).join('')}`;
const gw = (name, host) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["${host}"]
`;

function workspace() {
  return {
    'file:///ws/routes.yaml': [vs('a', 'reviews', 'v1', 'gw1'), vs('b', 'ratings', 'v2', 'mesh'), vs('c', 'reviews', 'v3', 'gw2')].join('---\n'),
    'file:///ws/rules.yaml': [dr('reviews', 'reviews', ['v1', 'v2']), dr('ratings', 'ratings', ['v1', 'v2'])].join('---\n'),
    'file:///ws/gateways.yaml': [gw('gw1', '*'), gw('gw2', 'reviews.example.com')].join('---\n'),
  };
}

// Edits as (text, random) -> text; each may be a no-op on a given text.
const EDITS = [
  (t, r) => t.replace(/subset: v\d/, `subset: v${r.int(4)}`),
  (t, r) => t.replace(/- name: v\d/, `- name: v${r.int(4)}`),
  (t, r) => t.replace(/gateways: \[\w+\]/, `gateways: [${r.pick(['gw1', 'gw2', 'gw3', 'mesh'])}]`),
  (t, r) => t.replace(/name: gw\d/, `name: gw${1 + r.int(3)}`),
  (t, r) => t.replace(/host: (reviews|ratings|details)\n/, `host: ${r.pick(['reviews', 'ratings', 'details'])}\n`),
  (t, r) => t.replace(/weight: \d+/, `weight: ${r.int(101)}`),
  (t, r) => t.replace(/metadata:\n  name: (\w+)\n/, (m, n) => `metadata:\n  name: ${n}\n${r.next() < 0.5 ? '  namespace: other\n' : ''}`),
  (t, r) => t.replace(/spec:\n  host: (\w+)\n/, (m, h) => `spec:\n  host: ${h}\n${r.next() < 0.5 ? '  exportTo: ["."]\n' : ''}`),
  (t, r) => `# ${'x'.repeat(r.int(30))}\n${t}`,
  (t, r) => (r.next() < 0.5 ? t + `---\n${dr('extra' + r.int(9), r.pick(['reviews', 'details']), ['v' + r.int(4)])}` : t.split('---\n').slice(0, -1).join('---\n') || t),
  (t, r) => t.replace(/\n  hosts: \[(\w+)\]/, `\n  hosts: [${r.pick(['reviews', 'ratings', 'details'])}]`),
  (t) => t.replace(/weight: (\d+)\n/, 'weight: $1\n  bogus: 1\n'),
  (t, r) => (r.next() < 0.3 ? '' : t),
];

function diagnosticsOf(service, texts, parses) {
  const out = {};
  for (const uri of Object.keys(texts).sort()) {
    out[uri] = service
      .doValidation(textDocument(texts[uri], uri), parses[uri])
      .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.data?.rule} ${d.message}`)
      .sort();
  }
  return out;
}

function fresh(texts) {
  const service = core.getLanguageService();
  const parses = {};
  for (const [uri, text] of Object.entries(texts)) service.indexFile(uri, (parses[uri] = service.parseFile(text)));
  return diagnosticsOf(service, texts, parses);
}

describe('incremental analysis equals a fresh one', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`120 edits, seed ${seed}`, () => {
      const r = prng(seed);
      const texts = workspace();
      const service = core.getLanguageService();
      const parses = {};
      for (const [uri, text] of Object.entries(texts)) service.indexFile(uri, (parses[uri] = service.parseFile(text)));
      let crossFile = 0;
      for (let step = 0; step < 120; step++) {
        const uri = r.pick(Object.keys(texts));
        texts[uri] = r.pick(EDITS)(texts[uri], r);
        parses[uri] = service.parseFile(texts[uri], parses[uri]);
        service.indexFile(uri, parses[uri]);
        const incremental = diagnosticsOf(service, texts, parses);
        assert.deepEqual(incremental, fresh(texts), `step ${step}: after editing ${uri}`);
        crossFile += Object.values(incremental).flat().filter((d) => /IST0101/.test(d)).length;
      }
      assert.ok(crossFile > 0, 'the edits never produced a cross-file finding: the test would prove nothing');
    });
  }
});

describe('incremental analysis equals a fresh one, with files removed and indexed again', () => {
  // The cross-file lookup tables are updated file by file (diagnostics/tables.ts): they must list
  // resources in the index's order, which changes when a file leaves and comes back (it goes last),
  // and they must follow resources whose objects were replaced without their facts changing (a
  // document inserted before them: same facts, new positions).
  const MORE_EDITS = [...EDITS, (t) => `plain: yaml\n---\n${t}`, (t) => t.replace(/^plain: yaml\n---\n/, '')];
  for (const seed of [11, 12, 13]) {
    it(`150 steps, seed ${seed}`, () => {
      const r = prng(seed);
      const texts = { ...workspace(), 'file:///ws/more-rules.yaml': [dr('reviews-too', 'reviews', ['v1']), dr('details', 'details', ['v1'])].join('---\n') };
      const service = core.getLanguageService();
      const parses = {};
      for (const [uri, text] of Object.entries(texts)) service.indexFile(uri, (parses[uri] = service.parseFile(text)));
      const removed = new Set();
      let duplicates = 0;
      for (let step = 0; step < 150; step++) {
        const uri = r.pick(Object.keys(texts));
        if (removed.has(uri)) {
          removed.delete(uri); // back, now last in the index's order
          service.indexFile(uri, (parses[uri] = service.parseFile(texts[uri])));
        } else if (r.next() < 0.12) {
          removed.add(uri);
          service.workspace.remove(uri);
        } else {
          texts[uri] = r.pick(MORE_EDITS)(texts[uri], r);
          parses[uri] = service.parseFile(texts[uri], parses[uri]);
          service.indexFile(uri, parses[uri]);
        }
        const present = Object.fromEntries([...service.workspace.uris()].map((u) => [u, texts[u]]));
        const livingParses = Object.fromEntries(Object.keys(present).map((u) => [u, parses[u]]));
        const incremental = diagnosticsOf(service, present, livingParses);
        assert.deepEqual(incremental, fresh(present), `step ${step}: ${uri}`);
        duplicates += Object.values(incremental).flat().filter((d) => /destination-rule|duplicate/i.test(d)).length;
      }
      assert.ok(duplicates > 0, 'no finding naming another resource: the order of the tables was never tested');
    });
  }
});
