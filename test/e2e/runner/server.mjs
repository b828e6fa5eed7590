// The VS Code server of an e2e run: server-main.js on 127.0.0.1:<free port>, in its own
// process group, logging to $RUN/server.log; and where to find its extension host logs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import path from 'node:path';
import { cleanEnv, REPO_ROOT } from '../../../scripts/e2e/install-vscode-server.mjs';
import { DATA, RUN_DIR, USERDATA, delay, log, tail } from './common.mjs';
import { trackProcess } from './processes.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode < 500); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}
/** Starts the server (with workspace trust only when restricted) and waits until it answers. */

export async function startServer(node, serverMain, config, restricted) {
  const port = await freePort();
  const logFile = path.join(RUN_DIR, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [serverMain,
    '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', ...(restricted ? [] : ['--disable-workspace-trust']), '--disable-telemetry',
    '--server-data-dir', DATA, '--user-data-dir', USERDATA];
  const child = spawn(node, args, {
    cwd: RUN_DIR,
    detached: true, // own process group: never shares signals with the harness
    stdio: ['ignore', out, out],
    env: cleanEnv({ PATH: `${path.dirname(node)}:${process.env.PATH}`, ISTIO_E2E_CONFIG: config }),
  });
  fs.closeSync(out);
  trackProcess('vscode server', child.pid);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  log(`vscode server pid ${child.pid} on http://127.0.0.1:${port} (log: ${path.relative(REPO_ROOT, logFile)})`);
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (!(await httpOk(url))) {
    if (exited) throw new Error(`vscode server exited early (${JSON.stringify(exited)}):\n${tail(logFile, 30)}`);
    if (Date.now() > deadline) throw new Error(`vscode server did not answer on ${url} within 60 s:\n${tail(logFile, 30)}`);
    await delay(200);
  }
  log('vscode server is listening');
  return { port, child, isAlive: () => !exited, exitInfo: () => exited, logFile };
}

/** The extension host logs of the run (server and user data folders). */
export function findExtHostLogs() {
  const found = [];
  const walk = (d) => {
    let entries = [];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost\.log$|remoteexthost\.log$/.test(e.name)) found.push(p);
    }
  };
  walk(DATA);
  walk(USERDATA);
  return found;
}
