// A real LSP client for tests: starts the bundled server over stdio and
// speaks JSON-RPC to it. Waiting is by events with deadlines, never sleeps.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './core.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

/**
 * Options: `pull` (pull diagnostics), `initializationOptions`, `rootUri` (one workspace folder),
 * `configuration` (answers to workspace/configuration by section), `unanswered` (methods of
 * server-to-client requests this client never answers, to play a client that hangs), `env`
 * (extra environment variables for the server process), `workspaceCapabilities` (merged
 * over the workspace client capabilities announced).
 */
export async function startServer({ pull = false, initializationOptions, rootUri = null, configuration = {}, unanswered = [], env = {}, workspaceCapabilities = {} } = {}) {
  const child = spawn(process.execPath, [path.join(root, 'server/dist/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  const published = []; // every publication, in the order received
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnostics.set(p.uri, p);
    published.push(p);
    for (const w of [...waiters]) w();
  });
  const logs = [];
  const logWaiters = [];
  conn.onNotification('window/logMessage', (p) => {
    logs.push(p.message);
    for (const w of [...logWaiters]) w();
  });
  const asked = []; // methods of the server's requests to this client, in order
  const answer = (method, fn) =>
    conn.onRequest(method, (p) => {
      asked.push(method);
      return unanswered.includes(method) ? new Promise(() => {}) : fn(p);
    });
  answer('workspace/configuration', (p) => p.items.map((i) => configuration[i.section] ?? null));
  const progress = [];
  conn.onNotification('$/progress', (p) => progress.push(p.value));
  answer('client/registerCapability', () => null);
  answer('window/workDoneProgress/create', () => null);
  conn.listen();
  const capabilities = {
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true },
      ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
    },
    workspace: { configuration: true, workspaceFolders: true, ...workspaceCapabilities },
    window: { workDoneProgress: true },
  };
  const init = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    capabilities,
    initializationOptions,
  });
  conn.sendNotification('initialized', {});

  let version = 0;
  return {
    init,
    conn,
    logs,
    progress,
    published,
    asked,
    /** Resolves with the first log message matching `re`. */
    waitForLog(re, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = logs.find((l) => re.test(l));
          if (hit === undefined) return;
          logWaiters.splice(logWaiters.indexOf(check), 1);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          logWaiters.splice(logWaiters.indexOf(check), 1);
          reject(new Error(`no log matching ${re} within ${timeoutMs} ms; logs: ${logs.join(' | ')}`));
        }, timeoutMs);
        logWaiters.push(check);
        check();
      });
    },
    /** Resolves once the server logs that indexing finished. */
    waitForIndex(timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!logs.some((l) => /indexed \d+ YAML files/.test(l))) return;
          logWaiters.splice(logWaiters.indexOf(check), 1);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error(`no indexing within ${timeoutMs} ms; logs: ${logs.join(' | ')}`)), timeoutMs);
        logWaiters.push(check);
        check();
      });
    },
    get stderr() {
      return stderr;
    },
    open(uri, text) {
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
      return version;
    },
    change(uri, contentChanges) {
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges });
      return version;
    },
    request(method, params) {
      return conn.sendRequest(method, params);
    },
    /** Resolves with the first publication for `uri` that satisfies `pred`. */
    waitForDiagnostics(uri, pred = () => true, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const p = diagnostics.get(uri);
          if (p && pred(p)) {
            waiters.splice(waiters.indexOf(check), 1);
            clearTimeout(timer);
            resolve(p);
          }
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(diagnostics.get(uri))}`));
        }, timeoutMs);
        waiters.push(check);
        check();
      });
    },
    async stop() {
      try {
        await conn.sendRequest('shutdown');
        conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.on('exit', () => (clearTimeout(t), resolve()));
      });
      conn.dispose();
    },
    child,
  };
}
