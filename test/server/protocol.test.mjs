// Protocol misuse over real LSP (stdio, the bundled server): unknown documents, positions out
// of range, odd version sequences, floods, cancellation, a client that never answers, unknown
// methods, malformed params and a failing feature. After each scenario the server must still
// answer a normal hover correctly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp.mjs';

const { CancellationTokenSource } = createRequire(import.meta.url)('vscode-jsonrpc/node');

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 100
`;
const HOST_AT = { line: 9, character: 9 }; // on `host:` in VS
const ALIVE = 'file:///ws/alive.yaml';
const NEVER_OPENED = 'file:///ws/never-opened.yaml';
const INVALID_PARAMS = -32602;
const METHOD_NOT_FOUND = -32601;
const REQUEST_CANCELLED = -32800;

/** The answer of a request, or its error code: lets two answers be compared either way. */
const settle = (p) => p.then((result) => ({ result }), (e) => ({ error: e.code }));
const ruleSet = (p) => p.diagnostics.map((d) => `${d.code}/${d.data?.rule}@${d.range.start.line}`).sort();
const at = (uri, position, extra = {}) => ({ textDocument: { uri }, position, ...extra });

/** Proves the server alive and sane: a hover on a known document answers the right field. */
async function assertAlive(server) {
  const hover = await server.request('textDocument/hover', at(ALIVE, HOST_AT));
  assert.match(hover?.contents?.value ?? '', /spec\.http\[0\]\.route\[0\]\.destination\.host/, JSON.stringify(hover));
  assert.equal(server.child.exitCode, null, `server exited; stderr: ${server.stderr}`);
}

const POSITION_REQUESTS = {
  'textDocument/hover': {},
  'textDocument/completion': {},
  'textDocument/definition': {},
  'textDocument/references': { context: { includeDeclaration: true } },
  'textDocument/prepareRename': {},
  'textDocument/rename': { newName: 'v2' },
};

describe('protocol misuse (one server, push diagnostics)', () => {
  let server;
  before(async () => {
    server = await startServer();
    server.open(ALIVE, VS);
  });
  after(async () => server.stop());

  it('answers requests about a document never opened with empty results', async () => {
    for (const method of Object.keys(POSITION_REQUESTS)) {
      const answer = await server.request(method, at(NEVER_OPENED, { line: 0, character: 0 }, POSITION_REQUESTS[method]));
      assert.ok(answer === null || (Array.isArray(answer) && answer.length === 0), `${method}: ${JSON.stringify(answer)}`);
    }
    const doc = { textDocument: { uri: NEVER_OPENED } };
    assert.deepEqual(await server.request('textDocument/documentSymbol', doc), []);
    assert.deepEqual(await server.request('textDocument/codeLens', doc), []);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    assert.deepEqual(await server.request('textDocument/codeAction', { ...doc, range, context: { diagnostics: [] } }), []);
    assert.deepEqual(await server.request('textDocument/diagnostic', doc), { kind: 'full', items: [] });
    await assertAlive(server);
  });

  it('a 20 MB document: one notice, edits to it stay cheap, and the other documents keep being served', async () => {
    const uri = 'file:///ws/huge.yaml';
    const one = VS.replace('name: reviews', 'name: r');
    const text = (one + '---\n').repeat(Math.ceil((20 * 1024 * 1024) / (one.length + 4)));
    const opened = server.open(uri, text);
    const first = await server.waitForDiagnostics(uri, (p) => p.version === opened, 30000);
    assert.deepEqual(first.diagnostics.map((d) => [d.code, d.severity]), [['file-too-large', 3]]);
    // Typing at the top of it: the last version is answered with the same single notice.
    let version;
    for (let i = 0; i < 3; i++) version = server.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' }]);
    const last = await server.waitForDiagnostics(uri, (p) => p.version === version, 30000);
    assert.deepEqual(last.diagnostics.map((d) => d.code), ['file-too-large']);
    assert.equal(await server.request('textDocument/hover', at(uri, { line: 5, character: 3 })), null);
    await assertAlive(server);
    server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('answers a position past the end as the clamped position (LSP: back to the line length)', async () => {
    const lines = VS.split('\n');
    const cases = [
      [{ line: 10000, character: 0 }, { line: lines.length - 1, character: 0 }],
      [{ line: 10000, character: 10000 }, { line: lines.length - 1, character: 0 }],
      [{ line: 9, character: 500 }, { line: 9, character: lines[9].length }],
      [{ line: 2, character: 999 }, { line: 2, character: lines[2].length }],
    ];
    for (const [outside, clamped] of cases) {
      for (const [method, extra] of Object.entries(POSITION_REQUESTS)) {
        const got = await settle(server.request(method, at(ALIVE, outside, extra)));
        const want = await settle(server.request(method, at(ALIVE, clamped, extra)));
        assert.deepEqual(got, want, `${method} at ${JSON.stringify(outside)}`);
      }
    }
    await assertAlive(server);
  });

  it('refuses negative or fractional positions and missing params with InvalidParams', async () => {
    const before = server.logs.length;
    const bad = [{ line: -1, character: 0 }, { line: 2, character: -5 }, { line: 1.5, character: 0 }, { line: '2', character: 0 }, undefined];
    for (const position of bad) {
      for (const [method, extra] of Object.entries(POSITION_REQUESTS)) {
        assert.deepEqual(await settle(server.request(method, at(ALIVE, position, extra))), { error: INVALID_PARAMS }, `${method} at ${JSON.stringify(position)}`);
      }
    }
    const noDocument = [
      ['textDocument/hover', { position: HOST_AT }],
      ['textDocument/completion', { position: HOST_AT }],
      ['textDocument/definition', { position: HOST_AT }],
      ['textDocument/documentSymbol', {}],
      ['textDocument/codeLens', { textDocument: {} }],
      ['textDocument/diagnostic', { textDocument: { uri: 42 } }],
      ['textDocument/references', at(ALIVE, HOST_AT)], // no context
      ['textDocument/rename', at(ALIVE, HOST_AT)], // no newName
      ['textDocument/codeAction', { textDocument: { uri: ALIVE }, range: { start: HOST_AT } }],
      ['workspace/symbol', {}],
    ];
    for (const [method, params] of noDocument) {
      assert.deepEqual(await settle(server.request(method, params)), { error: INVALID_PARAMS }, `${method} ${JSON.stringify(params)}`);
    }
    assert.deepEqual(server.logs.slice(before).filter((l) => /failed/.test(l)), [], 'refused params are not feature failures');
    await assertAlive(server);
  });

  it('survives malformed notifications', async () => {
    for (const method of ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'workspace/didChangeWatchedFiles', 'workspace/didChangeConfiguration']) {
      server.conn.sendNotification(method, {});
      server.conn.sendNotification(method, { textDocument: { uri: 7 }, contentChanges: 'x', changes: 'y' });
    }
    await assertAlive(server);
  });

  it('answers unknown requests with MethodNotFound and ignores unknown notifications', async () => {
    for (const method of ['istio/noSuchThing', 'textDocument/noSuchThing', '$/noSuchThing']) {
      assert.deepEqual(await settle(server.request(method, {})), { error: METHOD_NOT_FOUND }, method);
    }
    server.conn.sendNotification('istio/noSuchThing', { a: 1 });
    server.conn.sendNotification('$/noSuchThing', {});
    await assertAlive(server);
  });

  it('ignores didChange and didClose for a document never opened', async () => {
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: NEVER_OPENED, version: 3 }, contentChanges: [{ text: VS }] });
    server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: NEVER_OPENED } });
    assert.deepEqual(await server.request('textDocument/documentSymbol', { textDocument: { uri: NEVER_OPENED } }), []);
    assert.equal(await server.request('textDocument/hover', at(NEVER_OPENED, HOST_AT)), null);
    await assertAlive(server);
    assert.ok(!server.published.some((p) => p.uri === NEVER_OPENED), 'nothing published for a document never opened');
  });

  it('takes a second didOpen of the same uri (with a new version) as the new text', async () => {
    const uri = 'file:///ws/twice.yaml';
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: VS.replace('hosts:', 'hostz:') } });
    await server.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.some((d) => d.data?.rule === 'unknown-field'));
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 2, text: VS } });
    await server.waitForDiagnostics(uri, (p) => p.version === 2 && p.diagnostics.length === 0);
    await assertAlive(server);
  });

  it('follows out-of-order versions: the last change wins', async () => {
    const uri = 'file:///ws/out-of-order.yaml';
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: VS } });
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 10 }, contentChanges: [{ text: VS }] });
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: VS.replace('hosts:', 'hostz:') }] });
    const p = await server.waitForDiagnostics(uri, (p) => p.version === 5);
    assert.ok(p.diagnostics.some((d) => d.data?.rule === 'unknown-field'), JSON.stringify(p.diagnostics));
    const hover = await server.request('textDocument/hover', at(uri, { line: 5, character: 3 }));
    assert.doesNotMatch(hover?.contents?.value ?? '', /spec\.hosts/, 'answers from the text of the last change');
    await assertAlive(server);
  });

  it('answers each cancelled request with its result or RequestCancelled, never a crash', async () => {
    const methods = [
      ['textDocument/hover', at(ALIVE, HOST_AT)],
      ['textDocument/completion', at(ALIVE, { line: 5, character: 2 })],
      ['textDocument/documentSymbol', { textDocument: { uri: ALIVE } }],
      ['textDocument/codeLens', { textDocument: { uri: ALIVE } }],
    ];
    const answers = [];
    for (let i = 0; i < 20; i++) {
      for (const [method, params] of methods) {
        const source = new CancellationTokenSource();
        answers.push(settle(server.conn.sendRequest(method, params, source.token)).then((a) => [method, a]));
        source.cancel();
      }
    }
    for (const [method, a] of await Promise.all(answers)) {
      assert.ok(a.error === REQUEST_CANCELLED || (a.error === undefined && a.result !== undefined), `${method}: ${JSON.stringify(a)}`);
    }
    server.conn.sendNotification('$/cancelRequest', { id: 987654 }); // an id never used
    await assertAlive(server);
  });
});

// LSP requires versions to increase, but a client that reuses a version number for new text
// must still get answers and diagnostics for the new text (parseCache and the scheduler
// compare the text as well as the version).
describe('a version number reused for new text', () => {
  let server;
  before(async () => (server = await startServer()));
  after(async () => server.stop());

  it('re-validates a didChange that repeats the current version', async () => {
    const uri = 'file:///ws/repeat.yaml';
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: VS } });
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 7 }, contentChanges: [{ text: VS }] });
    await server.waitForDiagnostics(uri, (p) => p.version === 7);
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 7 }, contentChanges: [{ text: VS.replace('hosts:', 'hostz:') }] });
    const hover = await server.request('textDocument/hover', at(uri, { line: 5, character: 3 }));
    assert.doesNotMatch(hover?.contents?.value ?? '', /spec\.hosts/, 'hover answered from the old text');
    await server.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.data?.rule === 'unknown-field'), 3000);
  });

  it('re-validates a second didOpen with the same version and new text', async () => {
    const uri = 'file:///ws/reopen.yaml';
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: VS } });
    await server.waitForDiagnostics(uri, (p) => p.version === 1);
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: VS.replace('hosts:', 'hostz:') } });
    await server.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.data?.rule === 'unknown-field'), 3000);
  });
});

/** 500+ incremental edits typing a DestinationRule (each other character typed wrong, then deleted). */
function floodEdits(base) {
  const typed = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBINX
    connectionPool:
      tcp:
        maxConnections: -3
`;
  let text = base;
  const edits = [];
  const end = () => {
    const lines = text.split('\n');
    return { line: lines.length - 1, character: lines.at(-1).length };
  };
  const insert = (s) => {
    const p = end();
    edits.push([{ range: { start: p, end: p }, text: s }]);
    text += s;
  };
  [...typed].forEach((ch, i) => {
    if (i % 2 === 0 && ch !== '\n') {
      insert('#');
      const p = end();
      edits.push([{ range: { start: { line: p.line, character: p.character - 1 }, end: p }, text: '' }]);
      text = text.slice(0, -1);
    }
    insert(ch);
  });
  return { edits, text };
}

describe('a flood of changes', () => {
  let server, fresh;
  before(async () => ([server, fresh] = await Promise.all([startServer(), startServer()])));
  after(async () => Promise.all([server.stop(), fresh.stop()]));

  it('ends with the final version\'s diagnostics, as a fresh open of the final text, never going back', async () => {
    const uri = 'file:///ws/flood.yaml';
    const { edits, text } = floodEdits(VS);
    assert.ok(edits.length >= 500, `${edits.length} edits`);
    server.open(uri, VS);
    let last;
    for (const e of edits) last = server.change(uri, e);
    const simpleLine = text.split('\n').findIndex((l) => l.includes('simple:'));
    const hover = await server.request('textDocument/hover', at(uri, { line: simpleLine, character: 7 }));
    assert.match(hover?.contents?.value ?? '', /loadBalancer\.simple/, JSON.stringify(hover));
    const final = await server.waitForDiagnostics(uri, (p) => p.version === last);
    fresh.open(uri, text);
    const reference = await fresh.waitForDiagnostics(uri);
    assert.ok(reference.diagnostics.length >= 2, JSON.stringify(reference.diagnostics));
    assert.deepEqual(ruleSet(final), ruleSet(reference));
    assert.deepEqual(final.diagnostics, reference.diagnostics);
    const versions = server.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions: ${versions.join(',')}`);
  });
});

describe('a client that never answers the server\'s requests', () => {
  let dir, server;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'istio-silent-'));
    writeFileSync(path.join(dir, 'dr.yaml'), 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ondisk\nspec:\n  host: ondisk\n');
    const unanswered = ['workspace/configuration', 'window/workDoneProgress/create', 'client/registerCapability'];
    server = await startServer({ rootUri: pathToFileURL(dir).href, unanswered });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still publishes diagnostics, answers requests and indexes the workspace with default settings', async () => {
    const uri = pathToFileURL(path.join(dir, 'vs.yaml')).href;
    const v = server.open(uri, VS.replace('hosts:', 'hostz:'));
    const p = await server.waitForDiagnostics(uri, (p) => p.version === v);
    assert.ok(p.diagnostics.some((d) => d.data?.rule === 'unknown-field'));
    server.open(ALIVE, VS);
    await assertAlive(server);
    await server.waitForIndex(); // only after the configuration request timed out (lsp/settings.ts)
    assert.ok(server.asked.includes('workspace/configuration') && server.asked.includes('window/workDoneProgress/create'), server.asked.join());
    const symbols = await server.request('workspace/symbol', { query: 'ondisk' });
    assert.ok(symbols.some((s) => s.location.uri.endsWith('/dr.yaml')), JSON.stringify(symbols));
  });
});

describe('a failing feature is isolated (ISTIO_YAML_FAULT test hook)', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { ISTIO_YAML_FAULT: 'doHover' } });
    server.open(ALIVE, VS);
  });
  after(async () => server.stop());

  it('logs the failure and answers empty, while the other features keep working', async () => {
    assert.equal(await server.request('textDocument/hover', at(ALIVE, HOST_AT)), null);
    const logged = await server.waitForLog(/^hover failed: .*fault injected into doHover/);
    assert.match(logged, /at /, 'the log carries the stack');
    const completion = await server.request('textDocument/completion', at(ALIVE, { line: 5, character: 2 }));
    assert.ok((completion.items ?? completion).some((i) => i.label === 'gateways'), JSON.stringify(completion));
    assert.equal((await server.request('textDocument/documentSymbol', { textDocument: { uri: ALIVE } }))[0].name, 'VirtualService reviews');
    const uri = 'file:///ws/bad.yaml';
    const v = server.open(uri, VS.replace('hosts:', 'hostz:'));
    await server.waitForDiagnostics(uri, (p) => p.version === v && p.diagnostics.some((d) => d.data?.rule === 'unknown-field'));
    assert.equal(await server.request('textDocument/hover', at(ALIVE, HOST_AT)), null, 'still failing, still answering');
  });

  it('isolates a real failure in the core too: generateCanary with a host that is not a string', async () => {
    const answer = await server.request('istio/generateCanary', { host: 42 });
    assert.equal(answer.ok, false);
    await server.waitForLog(/^generate canary failed: TypeError/);
    const good = await server.request('istio/generateCanary', { host: 'reviews' });
    assert.equal(good.ok, true, JSON.stringify(good));
  });
});

describe('a failing validation is isolated too (ISTIO_YAML_FAULT=doValidation)', () => {
  for (const pull of [false, true]) {
    it(`logs it and reports no findings (${pull ? 'pull' : 'push'} diagnostics), and hovers still work`, async () => {
      const server = await startServer({ pull, env: { ISTIO_YAML_FAULT: 'doValidation' } });
      try {
        const uri = 'file:///ws/bad.yaml';
        const v = server.open(uri, VS.replace('hosts:', 'hostz:'));
        if (pull) assert.deepEqual(await server.request('textDocument/diagnostic', { textDocument: { uri } }), { kind: 'full', items: [] });
        else assert.deepEqual((await server.waitForDiagnostics(uri, (p) => p.version === v)).diagnostics, []);
        await server.waitForLog(/^diagnostics failed: .*fault injected into doValidation/);
        server.open(ALIVE, VS);
        await assertAlive(server);
      } finally {
        await server.stop();
      }
    });
  }
});
