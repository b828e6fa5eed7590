// Security properties (see SECURITY.md): our code never runs workspace content, never opens a
// network connection and never starts a process; what the bundles pull in from Node is known
// and justified; the server reads only files inside the workspace folders (one server-level
// test, with real symbolic links); the manifest declares the trust we need.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { root } from '../helpers/core.mjs';
import { startServer } from '../helpers/lsp.mjs';

/** Node modules that reach the network, start processes or run code from strings. */
const NETWORK = ['net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns'];
const PROCESSES = ['child_process', 'worker_threads', 'cluster'];
const CODE = ['vm', 'inspector', 'repl', 'module'];
const SENSITIVE = new Set([...NETWORK, ...PROCESSES, ...CODE]);
const bare = (m) => m.replace(/^node:/, '');

function sourcesUnder(dir) {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'));
}
const OUR_SOURCES = [...sourcesUnder('server/src'), ...sourcesUnder('client/src')];
const read = (rel) => readFileSync(path.join(root, rel), 'utf8');
/** Module names a source imports or requires. */
const importsOf = (src) => [...src.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('security: our own sources', () => {
  it('import nothing that reaches the network, starts a process or runs code', () => {
    const found = OUR_SOURCES.flatMap((f) => importsOf(read(f)).filter((m) => SENSITIVE.has(bare(m))).map((m) => `${f}: ${m}`));
    assert.deepEqual(found, []);
  });

  it('never evaluate strings as code, load modules by computed name, or fetch', () => {
    const bad = /(?<![.\w])eval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]|\brequire\s*\(\s*[^'")\s]|\bimport\s*\(|\bfetch\s*\(|XMLHttpRequest|WebSocket/;
    const found = OUR_SOURCES.filter((f) => bad.test(read(f).replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    assert.deepEqual(found, []);
  });

  it('write no files: the only changes are edits that VS Code applies for the user', () => {
    const writes = /\b(writeFile|appendFile|createWriteStream|mkdir|rmdir|rm|unlink|rename|copyFile|symlink|chmod|chown|truncate|utimes)(Sync)?\s*\(/;
    assert.deepEqual(OUR_SOURCES.filter((f) => writes.test(read(f))), []);
  });

  it('read files in the server only through the workspace loader (and the CLI, which reads what it is given)', () => {
    const fsUsers = OUR_SOURCES.filter((f) => importsOf(read(f)).some((m) => /^(node:)?fs(\/promises)?$/.test(m)));
    assert.deepEqual(fsUsers.filter((f) => !f.startsWith('server/src/cli/')), ['server/src/lsp/workspaceLoader.ts']);
  });

  it('read the test-only fault hook variable in server.ts alone, never from workspace content', () => {
    assert.deepEqual(OUR_SOURCES.filter((f) => read(f).includes('ISTIO_YAML_FAULT') && !/process\.env\.ISTIO_YAML_FAULT/.test(read(f)) && f !== 'server/src/lsp/runSafe.ts'), []);
    assert.deepEqual(OUR_SOURCES.filter((f) => /process\.env\.ISTIO_YAML_FAULT/.test(read(f))), ['server/src/server.ts']);
  });
});

/**
 * What the bundles need from Node, module by module (esbuild's own account of the inputs).
 * The libraries we build on need a few sensitive modules; each use is allowed here with the
 * reason it is harmless for us, and any other use fails the test:
 */
const ALLOWED = {
  // vscode-jsonrpc's pipe and socket transports, chosen only by the `--pipe=`/`--socket=` launch
  // arguments. VS Code starts our server with Node IPC (`--node-ipc`), tests with `--stdio`;
  // the client uses the same module for its side of IPC. No code of ours opens a socket.
  'node_modules/vscode-jsonrpc/lib/node/main.js': ['net'],
  // vscode-languageserver's `Files.resolve*` helpers (finding a global npm/yarn to load a library
  // from the workspace). Exported API the server never calls (checked below).
  'node_modules/vscode-languageserver/lib/node/files.js': ['child_process'],
  // The language client starts the one process the extension runs: our server, with Node IPC.
  'node_modules/vscode-languageclient/lib/node/main.js': ['child_process'],
  // ...and, if that server has not exited 2 s after shutdown, ends its process tree.
  'node_modules/vscode-languageclient/lib/node/processes.js': ['child_process'],
};
const BUNDLES = [
  { entry: 'server/src/server.ts', dist: 'server/dist/server.js' },
  { entry: 'server/src/cli/check.ts', dist: 'server/dist/check.js' },
  { entry: 'client/src/extension.ts', dist: 'client/dist/extension.js', external: ['vscode'] },
];
const BUILTINS = new Set(builtinModules);

describe('security: the bundles', () => {
  const uses = {}; // dist -> [input, builtin]
  before(async () => {
    for (const b of BUNDLES) {
      const result = await esbuild.build({
        absWorkingDir: root, entryPoints: [b.entry], bundle: true, platform: 'node', format: 'cjs',
        write: false, metafile: true, logLevel: 'silent', external: [...(b.external ?? []), 'virtual:*'],
      });
      uses[b.dist] = Object.entries(result.metafile.inputs).flatMap(([input, info]) =>
        info.imports.filter((i) => i.external && BUILTINS.has(bare(i.path))).map((i) => [input, bare(i.path)]));
    }
  });

  it('use sensitive Node modules only where a library needs them, for a stated reason', () => {
    for (const b of BUNDLES) {
      const unexplained = uses[b.dist].filter(([input, m]) => SENSITIVE.has(m) && !(ALLOWED[input] ?? []).includes(m));
      assert.deepEqual(unexplained, [], b.dist);
    }
    const sensitive = (dist) => [...new Set(uses[dist].filter(([, m]) => SENSITIVE.has(m)).map(([, m]) => m))].sort();
    assert.deepEqual(sensitive('server/dist/check.js'), [], 'the CLI needs none at all');
    assert.ok(!sensitive('server/dist/server.js').some((m) => ['http', 'https', 'http2', 'tls', 'dgram', 'dns'].includes(m)));
  });

  it('match what the built files actually require (run npm run compile first)', () => {
    for (const b of BUNDLES) {
      const text = read(b.dist);
      const required = new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => bare(m[1])).filter((m) => BUILTINS.has(m)));
      const expected = new Set(uses[b.dist].map(([, m]) => m));
      assert.deepEqual([...required].filter((m) => !expected.has(m)).sort(), [], `${b.dist} requires more than its inputs do`);
    }
  });

  it('contain no eval or Function constructor (a method called `eval` is fine)', () => {
    for (const b of BUNDLES) {
      const text = read(b.dist);
      assert.doesNotMatch(text, /new\s+Function\s*\(/, b.dist);
      const calls = [...text.matchAll(/^.*(?<![.\w$])eval\s*\(.*$/gm)].map((m) => m[0]).filter((line) => !/^\s*eval\s*\([\w\s,]*\)\s*\{/.test(line));
      assert.deepEqual(calls, [], b.dist);
    }
  });

  it('never call the language server\'s process-starting helpers from our code', () => {
    assert.deepEqual(OUR_SOURCES.filter((f) => /\bFiles\s*\.\s*resolve/.test(read(f))), []);
  });
});

describe('security: the manifest', () => {
  const pkg = JSON.parse(read('package.json'));
  it('supports untrusted workspaces: the extension only reads YAML and runs nothing from the workspace', () => {
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  });
  it('declares virtual workspaces unsupported: the server reads workspace files from disk with Node', () => {
    const v = pkg.capabilities?.virtualWorkspaces;
    assert.ok(v === false || v?.supported === false, JSON.stringify(v));
  });
  it('has an `npm run audit` for CI that `npm test` does not depend on (no network in tests)', () => {
    assert.match(pkg.scripts.audit ?? '', /npm audit --omit=dev/);
    assert.doesNotMatch(pkg.scripts.test, /audit/);
    assert.match(read('.ci/run'), /npm run (--silent )?audit/);
  });
});

// Server level: a real folder with links out of it, a loop, and a link inside it.
const DR = (name, host, subset) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${name}\nspec:\n  host: ${host}\n  subsets:\n  - name: ${subset}\n    labels:\n      version: ${subset}\n`;
const GW = (name) => `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n    hosts: ["*"]\n`;
const VS = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: shop\nspec:\n  hosts: [checkout]\n  gateways: [leaked-gw]\n  http:\n  - route:\n    - destination:\n        host: secret-host\n        subset: leaked-subset\n`;

describe('security: the server reads only files inside the workspace folders', () => {
  let tmp, ws, server;
  const file = (rel, text) => {
    mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    writeFileSync(path.join(tmp, rel), text);
  };
  const uri = (rel) => pathToFileURL(path.join(tmp, rel)).href;
  const rules = (p) => p.diagnostics.map((d) => d.data?.rule).sort();
  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'istio-links-'));
    ws = path.join(tmp, 'ws');
    file('outside/secret.yaml', DR('leaked-dr', 'secret-host', 'leaked-subset'));
    file('outside/dir/gw.yaml', GW('leaked-gw'));
    file('ws/shop/dr.yaml', DR('checkout', 'checkout', 'v1'));
    file('ws/shop/gw.yaml', GW('inside-gw'));
    file('ws/shop/vs.yaml', VS);
    file('ws/node_modules/dep/dr.yaml', DR('excluded-dr', 'secret-host', 'leaked-subset'));
    symlinkSync('../outside/secret.yaml', path.join(ws, 'link-file.yaml')); // a file out
    symlinkSync('../outside/dir', path.join(ws, 'link-dir')); // a folder out
    symlinkSync('.', path.join(ws, 'loop')); // a loop back to the root
    symlinkSync('..', path.join(ws, 'shop/up')); // a loop from below
    symlinkSync('b.yaml', path.join(ws, 'a.yaml')); // two links round each other
    symlinkSync('a.yaml', path.join(ws, 'b.yaml'));
    symlinkSync('shop/dr.yaml', path.join(ws, 'inner.yaml')); // inside: the file is found under its own name
    symlinkSync('ws', path.join(tmp, 'ws-link')); // the workspace folder itself through a link
    server = await startServer({ rootUri: pathToFileURL(ws).href });
  });
  after(async () => {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('indexes the three files inside, once each, and terminates', async () => {
    await server.waitForIndex();
    assert.ok(server.logs.some((l) => /indexed 3 YAML files/.test(l)), server.logs.join('\n'));
    const symbols = await server.request('workspace/symbol', { query: '' });
    assert.deepEqual(symbols.map((s) => [s.name, path.relative(ws, new URL(s.location.uri).pathname)]).filter(([n]) => !/^v1$/.test(n)).sort(), [
      ['DestinationRule checkout', 'shop/dr.yaml'],
      ['Gateway inside-gw', 'shop/gw.yaml'],
      ['VirtualService shop', 'shop/vs.yaml'],
    ]);
  });

  it('never shows outside content in diagnostics or completions', async () => {
    const vs = uri('ws/shop/vs.yaml');
    const v = server.open(vs, VS);
    const p = await server.waitForDiagnostics(vs, (p) => p.version === v);
    assert.deepEqual(rules(p), ['gateway-not-found', 'subset-no-destination-rule'], 'the outside Gateway and DestinationRule are unknown');
    const gateways = await server.request('textDocument/completion', { textDocument: { uri: vs }, position: { line: 6, character: 13 } });
    assert.deepEqual((gateways.items ?? gateways).map((i) => i.label).sort(), ['default/inside-gw', 'mesh']);
    const subsets = await server.request('textDocument/completion', { textDocument: { uri: vs }, position: { line: 11, character: 16 } });
    assert.ok(!(subsets?.items ?? subsets ?? []).some((i) => i.label === 'leaked-subset'));
  });

  it('ignores file events for paths outside the workspace, through links, or excluded', async () => {
    const vs = uri('ws/shop/vs.yaml');
    const ignored = ['outside/secret.yaml', 'outside/dir/gw.yaml', 'ws/link-file.yaml', 'ws/link-dir/gw.yaml', 'ws/inner.yaml', 'ws/node_modules/dep/dr.yaml'];
    server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: ignored.map((rel) => ({ uri: uri(rel), type: 1 })) });
    // A file that does belong, last: once it shows, the events before it have been handled.
    file('ws/shop/secret-dr.yaml', DR('inside-secret', 'secret-host', 'leaked-subset'));
    server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('ws/shop/secret-dr.yaml'), type: 1 }] });
    const p = await server.waitForDiagnostics(vs, (p) => !rules(p).includes('subset-no-destination-rule'));
    assert.deepEqual(rules(p), ['gateway-not-found'], 'the Gateway behind link-dir stays unknown');
    const symbols = await server.request('workspace/symbol', { query: '' });
    const names = symbols.map((s) => s.name);
    assert.deepEqual(names.filter((n) => /leaked-dr|leaked-gw|excluded-dr/.test(n)), []);
    assert.deepEqual(symbols.filter((s) => !s.location.uri.startsWith(uri('ws/shop') + '/')), []);
    assert.equal(names.filter((n) => n === 'DestinationRule checkout').length, 1, 'inner.yaml is no second copy');
  });

  it('names files by the workspace folder as given, even when that folder is itself a link', async () => {
    const linked = await startServer({ rootUri: pathToFileURL(path.join(tmp, 'ws-link')).href });
    try {
      await linked.waitForIndex();
      const uris = (await linked.request('workspace/symbol', { query: '' })).map((s) => s.location.uri);
      assert.ok(uris.length > 0 && uris.every((u) => u.startsWith(uri('ws-link') + '/')), uris.join('\n'));
    } finally {
      await linked.stop();
    }
  });
});
