import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../helpers/core.mjs';
import { startServer } from '../helpers/lsp.mjs';

const ISTIO = 'file:///ws/reviews.yaml';
const PLAIN = 'file:///ws/.github/workflows/ci.yaml';

describe('server over stdio (push diagnostics)', () => {
  let server;
  before(async () => (server = await startServer()));
  after(async () => server.stop());

  it('answers initialize with the capabilities it implements', () => {
    const caps = server.init.capabilities;
    assert.equal(server.init.serverInfo.name, 'istio-yaml-language-server');
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.diagnosticProvider, undefined, 'no pull diagnostics for a client that cannot pull');
  });

  it('publishes a syntax diagnostic at the right range for an Istio file', async () => {
    const version = server.open(ISTIO, fixture('validation/syntax-error.yaml'));
    const p = await server.waitForDiagnostics(ISTIO, (p) => p.version === version);
    assert.equal(p.diagnostics.length, 1);
    const [d] = p.diagnostics;
    assert.deepEqual(d.range, { start: { line: 11, character: 7 }, end: { line: 11, character: 13 } });
    assert.equal(d.source, 'istio');
    assert.equal(d.code, 'yaml-syntax');
  });

  it('publishes nothing for a plain YAML file', async () => {
    const version = server.open(PLAIN, fixture('validation/workflow.yaml'));
    const p = await server.waitForDiagnostics(PLAIN, (p) => p.version === version);
    assert.deepEqual(p.diagnostics, []);
  });

  it('clears the diagnostic once an edit fixes the file', async () => {
    const version = server.change(ISTIO, [
      { range: { start: { line: 11, character: 0 }, end: { line: 11, character: 7 } }, text: '        ' },
    ]);
    const p = await server.waitForDiagnostics(ISTIO, (p) => p.version === version);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('server over stdio (pull diagnostics)', () => {
  let server;
  before(async () => (server = await startServer({ pull: true })));
  after(async () => server.stop());

  it('answers a hover sent right after a diagnostics pull of a big file first: validation runs in slices, requests in between', async () => {
    const { generateFile } = await import('../../bench/generate.mjs');
    const { text, errors } = generateFile(300, 3); // validating it takes many 10 ms slices on any machine
    const uri = 'file:///ws/big.yaml';
    server.open(uri, text);
    const order = [];
    const pulled = server.request('textDocument/diagnostic', { textDocument: { uri } }).then((r) => (order.push('diagnostics'), r));
    const hovered = server.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } }).then((r) => (order.push('hover'), r));
    const [report, hover] = await Promise.all([pulled, hovered]);
    assert.deepEqual(order, ['hover', 'diagnostics'], 'the hover waited for the whole validation');
    assert.match(hover.contents.value, /kind/i);
    assert.ok(report.items.length >= errors.length, `${report.items.length} diagnostics for ${errors.length} deliberate errors`);
  });

  it('announces a diagnostic provider and serves syntax errors by pull', async () => {
    assert.ok(server.init.capabilities.diagnosticProvider);
    server.open(ISTIO, fixture('validation/syntax-error.yaml'));
    const report = await server.request('textDocument/diagnostic', { textDocument: { uri: ISTIO } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 11]]);
    server.open(PLAIN, fixture('validation/workflow.yaml'));
    const plain = await server.request('textDocument/diagnostic', { textDocument: { uri: PLAIN } });
    assert.deepEqual(plain.items, []);
  });
});
