// "vs-duplicate-hosts" finds, for each host of a VirtualService, the first
// earlier host that overlaps it. It is computed in near-linear time; this
// checks it against the plain pairwise definition on seeded random lists.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { service, textDocument } from '../helpers/core.mjs';
import { prng } from '../helpers/fuzz.mjs';

const wild = (h) => h.startsWith('*');
// The definition (Istio's): a wildcard covers the names ending in what follows its `*`.
function overlap(a, b) {
  if (wild(a) && wild(b)) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (wild(a)) return b.endsWith(a.slice(1));
  if (wild(b)) return a.endsWith(b.slice(1));
  return a === b;
}

const POOL = ['a.example.com', 'b.example.com', '*.example.com', '*.com', 'a.example.org', '*.b.example.com', 'x.b.example.com', '*'];

it('duplicate and overlapping hosts: the first earlier overlap, as the pairwise definition says', () => {
  const r = prng(11);
  let reported = 0;
  for (let round = 0; round < 60; round++) {
    const hosts = Array.from({ length: 2 + r.int(12) }, () => r.pick(POOL));
    const text = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\nspec:\n  gateways: [gw]\n  hosts:\n${hosts.map((h) => `  - "${h}"\n`).join('')}  http:\n  - route:\n    - destination: {host: a.example.com}\n`;
    const expected = [];
    hosts.forEach((h, j) => {
      const earlier = hosts.slice(0, j).find((e) => overlap(e, h));
      if (earlier !== undefined) expected.push(`${7 + j} ${h} overlaps ${earlier}`);
    });
    const actual = service
      .doValidation(textDocument(text), service.parseFile(text))
      .filter((d) => d.data?.rule === 'vs-duplicate-hosts')
      .map((d) => `${d.range.start.line} ${/The host "([^"]+)" overlaps "([^"]+)"/.exec(d.message).slice(1).join(' overlaps ')}`);
    assert.deepEqual(actual, expected, hosts.join(', '));
    reported += actual.length;
  }
  assert.ok(reported > 50, `only ${reported} overlaps in all rounds`);
});
