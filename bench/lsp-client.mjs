// A benchmarking LSP client: starts a language server over stdio and speaks
// JSON-RPC to it (vscode-jsonrpc), never in-process calls. Push diagnostics
// only (publishDiagnostics with versionSupport, no pull), work-done progress
// on, `workspace/configuration` answered from `settings(section)`. Every wait
// has a deadline; every child is killed by pid when the process ends.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const children = new Set();
function killAll() {
  for (const c of children) {
    try {
      process.kill(c.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  children.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (killAll(), process.exit(130)));

export const CLIENT_CAPABILITIES = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    // No `diagnostic`: both servers must push.
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  window: { workDoneProgress: true },
};

/** Rejects after `ms` with `what` in the message. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Starts `node <args>` and initializes it. `settings(section)` answers
 * workspace/configuration. Resolves once `initialize` is answered and
 * `initialized` is sent; `startMs` is spawn -> initialize answered.
 */
export async function startServer({ name, args, rootUri = null, settings = () => null, initTimeoutMs = 30000 }) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 20000) stderr += d;
  });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = new Set();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  const published = []; // { uri, version, count, t, seq }
  const logs = []; // { type, message, t }
  const progress = []; // { token, kind, t, message }
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published.push({ uri: p.uri, version: p.version, count: p.diagnostics.length, diagnostics: p.diagnostics, t: performance.now(), seq: published.length });
    notify();
  });
  conn.onNotification('window/logMessage', (p) => {
    logs.push({ type: p.type, message: p.message, t: performance.now() });
    notify();
  });
  conn.onNotification('$/progress', (p) => {
    progress.push({ token: p.token, kind: p.value?.kind, message: p.value?.message, t: performance.now() });
    notify();
  });
  conn.onNotification(() => undefined); // telemetry, status, ...
  conn.onRequest('workspace/configuration', (p) => p.items.map((item) => settings(item.section)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onRequest(() => null);
  conn.onError(() => undefined);
  conn.listen();
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => (children.delete(child), notify()));

  const folders = rootUri ? [{ uri: rootUri, name: 'bench' }] : null;
  const init = await withTimeout(
    conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: folders, capabilities: CLIENT_CAPABILITIES }),
    initTimeoutMs,
    `${name}: initialize`,
  );
  const startMs = performance.now() - t0;
  const initializedAt = performance.now();
  conn.sendNotification('initialized', {});

  /** Resolves with the value of `test()` once it is truthy; rejects after `ms`. */
  function waitFor(test, ms, what) {
    return new Promise((resolve, reject) => {
      const check = () => {
        let v;
        try {
          v = test();
        } catch (e) {
          v = undefined;
          done(() => reject(e));
          return;
        }
        if (v) done(() => resolve(v));
        else if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`${name} exited while waiting for ${what}\n${stderr.slice(-2000)}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${name}: no ${what} within ${ms} ms`))), ms);
      const done = (f) => {
        clearTimeout(timer);
        waiters.delete(check);
        f();
      };
      waiters.add(check);
      check();
    });
  }

  return {
    name,
    init,
    startMs,
    initializedAt,
    conn,
    child,
    logs,
    progress,
    published,
    get stderr() {
      return stderr;
    },
    notify(method, params) {
      conn.sendNotification(method, params);
    },
    request(method, params, ms = 30000) {
      return withTimeout(conn.sendRequest(method, params), ms, `${name}: ${method}`);
    },
    /** The sequence number the next publication will get. */
    get nextSeq() {
      return published.length;
    },
    /**
     * The first publication for `uri` at `version`; a server that does not
     * send versions matches on the first publication for `uri` since `sinceSeq`.
     */
    waitForDiagnostics(uri, version, sinceSeq, ms) {
      return waitFor(
        () => published.find((p) => p.seq >= sinceSeq && p.uri === uri && (p.version === version || p.version === undefined || p.version === null)),
        ms,
        `diagnostics for ${uri} v${version}`,
      );
    },
    waitFor,
    /** VmRSS and VmHWM (peak) of the server process, in MB. */
    memory() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
        return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
      } catch {
        return { rssMB: NaN, peakMB: NaN };
      }
    },
    /**
     * The server's main thread: time on CPU and time runnable but waiting for
     * a CPU (a loaded machine), in ms, from /proc/<pid>/schedstat.
     */
    cpu() {
      try {
        const [onCpu, waiting] = readFileSync(`/proc/${child.pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
        return { cpuMs: onCpu / 1e6, waitMs: waiting / 1e6 };
      } catch {
        return { cpuMs: NaN, waitMs: NaN };
      }
    },
    /** shutdown + exit, then SIGKILL by pid if it has not gone within `ms`. */
    async stop(ms = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          await withTimeout(conn.sendRequest('shutdown'), ms, `${name}: shutdown`);
          conn.sendNotification('exit');
        } catch {
          /* killed below */
        }
        const gone = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);
        if (!gone) {
          try {
            process.kill(child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
          await exited;
        }
      }
      children.delete(child);
      conn.dispose();
    },
  };
}
