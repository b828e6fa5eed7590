// The core's long work in steps (parseFileSteps, prepareValidation): what the LSP layer runs in
// slices. Run to the end, the steps leave the service exactly where the one-go calls would, and
// they are as fine-grained as promised: one step per section, document and resource.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { core, textDocument } from '../helpers/core.mjs';

const DR = (name, host, subsets) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  host: ${host}\n  subsets:\n${subsets.map((s) => `  - name: ${s}\n    labels: {version: ${s}}\n`).join('')}`;
const VS = (name, host, subset) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  hosts: [${host}]\n  http:\n  - route:\n    - destination: {host: ${host}, subset: ${subset}}\n      weight: 100\n`;
const BIG = [VS('a', 'payments', 'v1'), VS('b', 'payments', 'v9'), '# a comment-only document\n', VS('c', 'orders', 'v1'), DR('orders', 'orders', ['v1']), VS('d', 'payments', 'v2').replace('hosts:', 'hostz:')].join('---\n');
const OTHER = DR('payments', 'payments', ['v1', 'v2']);

function workspace() {
  const service = core.getLanguageService();
  service.indexFile('file:///ws/dr.yaml', service.parseFile(OTHER));
  return service;
}

const count = (steps) => {
  let n = 0;
  while (!steps.next().done) n++;
  return n;
};

describe('work in steps', () => {
  it('parseFileSteps: one step per section, and the same parse as parseFile', () => {
    const service = core.getLanguageService();
    const steps = service.parseFileSteps(BIG);
    let n = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) n++;
    assert.equal(n, 6);
    const one = service.parseFile(BIG);
    assert.deepEqual(r.value.docs.map((d) => [d.start, d.end, d.resource?.name]), one.docs.map((d) => [d.start, d.end, d.resource?.name]));
  });

  it('prepareValidation: indexing, each document, each resource; then doValidation gives what a one-go validation gives', () => {
    const stepped = workspace();
    const doc = textDocument(BIG, 'file:///ws/big.yaml');
    const file = stepped.parseFile(BIG);
    // 6 documents to index, 6 documents' findings, 5 resources' cross-file findings.
    assert.equal(count(stepped.prepareValidation(doc, file)), 6 + 6 + 5);
    const after = stepped.doValidation(doc, file);
    const fresh = workspace();
    const expected = fresh.doValidation(doc, fresh.parseFile(BIG));
    assert.deepEqual(after, expected);
    assert.deepEqual(after.map((d) => d.data?.rule).sort(), ['mesh-host-conflict', 'mesh-host-conflict', 'subset-not-found', 'unknown-field']);
  });

  it('prepareValidation of a file already indexed skips indexing; a second run finds everything cached', () => {
    const service = workspace();
    const doc = textDocument(BIG, 'file:///ws/big.yaml');
    const file = service.parseFile(BIG);
    service.indexFile(doc.uri, file);
    assert.equal(count(service.prepareValidation(doc, file)), 6 + 5);
    const first = service.doValidation(doc, file);
    assert.equal(count(service.prepareValidation(doc, file)), 6 + 5);
    assert.deepEqual(service.doValidation(doc, file), first);
  });
});
