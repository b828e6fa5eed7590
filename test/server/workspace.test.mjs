// The server over stdio on a workspace folder: it indexes the files on disk,
// answers cross-file requests, and re-validates a file when another changes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp.mjs';

const DR = (subsets) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: checkout
  namespace: shop
spec:
  host: checkout
  subsets:
${subsets.map((s) => `  - name: ${s}\n    labels:\n      version: ${s}\n`).join('')}`;
const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: checkout
  namespace: shop
spec:
  hosts: [checkout]
  http:
  - route:
    - destination:
        host: checkout
        subset: v3
`;

describe('server on a workspace folder', () => {
  let dir, server, drUri, vsUri;
  const configuration = { istio: { crossFileChecks: true } };
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'istio-ws-'));
    mkdirSync(path.join(dir, 'shop'));
    mkdirSync(path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'shop/dr.yaml'), DR(['v1', 'v2']));
    writeFileSync(path.join(dir, 'shop/vs.yaml'), VS);
    writeFileSync(path.join(dir, 'node_modules/skipped.yaml'), DR(['v3']));
    drUri = pathToFileURL(path.join(dir, 'shop/dr.yaml')).href;
    vsUri = pathToFileURL(path.join(dir, 'shop/vs.yaml')).href;
    server = await startServer({ rootUri: pathToFileURL(dir).href, configuration });
    await server.waitForIndex();
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the folder (skipping node_modules) and reports its progress', () => {
    assert.ok(server.logs.some((l) => /indexed 2 YAML files/.test(l)), server.logs.join('\n'));
    assert.ok(server.progress.some((p) => p.kind === 'begin') && server.progress.some((p) => p.kind === 'end'));
  });

  it('flags a subset that the DestinationRule in another file does not define', async () => {
    const v = server.open(vsUri, VS);
    const p = await server.waitForDiagnostics(vsUri, (p) => p.version === v);
    const d = p.diagnostics.find((d) => d.code === 'IST0101');
    assert.ok(d, JSON.stringify(p.diagnostics));
    assert.deepEqual(d.range, { start: { line: 11, character: 16 }, end: { line: 11, character: 18 } });
  });

  it('completes subsets from the other file, and goes to their definition', async () => {
    const list = await server.request('textDocument/completion', { textDocument: { uri: vsUri }, position: { line: 11, character: 16 } });
    const labels = (list.items ?? list).map((i) => i.label);
    assert.ok(labels.includes('v1') && labels.includes('v2'), labels.join(','));
    server.open(drUri, DR(['v1', 'v2']));
    const defs = await server.request('textDocument/definition', { textDocument: { uri: vsUri }, position: { line: 10, character: 17 } });
    assert.ok(defs.some((l) => l.uri === drUri), JSON.stringify(defs));
  });

  it('re-validates the VirtualService when the DestinationRule gains the subset', async () => {
    server.change(drUri, [{ text: DR(['v1', 'v2', 'v3']) }]);
    const p = await server.waitForDiagnostics(vsUri, (p) => !p.diagnostics.some((d) => d.code === 'IST0101'));
    assert.deepEqual(p.diagnostics.filter((d) => d.severity === 1), []);
  });

  it('forgets an untitled document once it is closed: what it defined is gone', async () => {
    const untitled = 'untitled:Untitled-9';
    const payVs = pathToFileURL(path.join(dir, 'shop/payments-vs.yaml')).href;
    server.open(untitled, DR(['v1']).replace(/checkout/g, 'payments'));
    const vs = VS.replace(/checkout/g, 'payments').replace('subset: v3', 'subset: v1');
    const v = server.open(payVs, vs);
    const before = await server.waitForDiagnostics(payVs, (p) => p.version === v);
    assert.deepEqual(before.diagnostics.filter((d) => d.code === 'IST0101'), [], 'the untitled DestinationRule defines v1');
    server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: untitled } });
    const after = await server.waitForDiagnostics(payVs, (p) => p.diagnostics.some((d) => d.code === 'IST0101'));
    assert.equal(after.diagnostics.find((d) => d.code === 'IST0101').data.rule, 'subset-no-destination-rule');
    server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: payVs } });
  });

  it('renames a subset across files, and refuses a bad name with a reason', async () => {
    const edit = await server.request('textDocument/rename', { textDocument: { uri: drUri }, position: { line: 14, character: 11 }, newName: 'canary' });
    assert.deepEqual(Object.keys(edit.changes).sort(), [drUri, vsUri].sort());
    await assert.rejects(
      server.request('textDocument/rename', { textDocument: { uri: drUri }, position: { line: 14, character: 11 }, newName: 'Not Valid' }),
      (e) => e.code === -32600 && /name/i.test(e.message),
    );
  });

  it('offers a quick fix for an unknown field, and an outline', async () => {
    const bad = VS.replace('  hosts: [checkout]', '  hostz: [checkout]');
    const v = server.change(vsUri, [{ text: bad }]);
    const p = await server.waitForDiagnostics(vsUri, (p) => p.version === v);
    const diag = p.diagnostics.find((d) => d.data?.rule === 'unknown-field');
    assert.ok(diag, JSON.stringify(p.diagnostics));
    const actions = await server.request('textDocument/codeAction', { textDocument: { uri: vsUri }, range: diag.range, context: { diagnostics: [diag] } });
    assert.ok(actions.some((a) => /hosts/.test(a.title)), JSON.stringify(actions));
    const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri: vsUri } });
    assert.equal(symbols[0].name, 'VirtualService checkout');
  });

  it('reacts to a settings change without a restart', async () => {
    const v = server.change(vsUri, [{ text: VS.replace('subset: v3', 'subset: v9') }]);
    await server.waitForDiagnostics(vsUri, (p) => p.version === v && p.diagnostics.some((d) => d.code === 'IST0101'));
    configuration.istio = { crossFileChecks: false };
    server.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await server.waitForDiagnostics(vsUri, (p) => !p.diagnostics.some((d) => d.code === 'IST0101'));
  });

  it('follows files created and deleted on disk', async () => {
    configuration.istio = { crossFileChecks: true };
    server.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await server.waitForDiagnostics(vsUri, (p) => p.diagnostics.some((d) => d.code === 'IST0101'));
    const extra = path.join(dir, 'shop/dr-v9.yaml');
    writeFileSync(extra, DR(['v9']).replace('name: checkout', 'name: checkout-v9'));
    const extraUri = pathToFileURL(extra).href;
    server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: extraUri, type: 1 }] });
    await server.waitForDiagnostics(vsUri, (p) => !p.diagnostics.some((d) => d.code === 'IST0101'));
    rmSync(extra);
    server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: extraUri, type: 3 }] });
    await server.waitForDiagnostics(vsUri, (p) => p.diagnostics.some((d) => d.code === 'IST0101'));
  });
});
