// Process bookkeeping of the e2e runner: what it started (the VS Code server, the
// chromium of playwright's BrowserServer), and stopping all of it, by process id, at the
// end, on a signal, or (synchronously, with SIGKILL) when the harness itself dies.
import fs from 'node:fs';
import { delay, log } from './common.mjs';

const started = []; // { name, pid }
let browserServer; // playwright BrowserServer: owns the chromium process
let browser;

/** Records a process the runner started, to stop it (and its descendants) at the end. */
export function trackProcess(name, pid) { started.push({ name, pid }); }
/** Records the playwright BrowserServer (it owns the chromium process). */
export function trackBrowserServer(server) { browserServer = server; }
/** Records the browser connected to the BrowserServer, to close it first. */
export function trackBrowser(b) { browser = b; }

function descendants(rootPid) {
  // pid -> ppid from /proc, then collect the tree under rootPid
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch { /* exited meanwhile */ }
  }
  const out = [];
  const stack = [rootPid];
  while (stack.length) {
    const p = stack.pop();
    for (const c of children.get(p) || []) { out.push(c); stack.push(c); }
  }
  return out;
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

function killTree(pid, signal) {
  const pids = [pid, ...descendants(pid)];
  for (const p of pids.reverse()) {
    try { process.kill(p, signal); } catch { /* gone */ }
  }
  return pids;
}

async function stopProcess(proc) {
  if (!alive(proc.pid)) return;
  const pids = killTree(proc.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && pids.some(alive)) await delay(100);
  const left = pids.filter(alive);
  for (const p of left) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
  log(`stopped ${proc.name} (pid ${proc.pid}${left.length ? `, ${left.length} process(es) needed SIGKILL` : ''})`);
}

let cleanedUp = false;
/** Stops the browser, then everything started, newest first. Runs once. */
export async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (browserServer) {
    const pid = browserServer.process().pid;
    if (browser) await Promise.race([browser.close().catch(() => {}), delay(5000)]);
    await Promise.race([browserServer.close().catch(() => {}), delay(5000)]);
    if (pid && alive(pid)) await stopProcess({ name: 'chromium', pid });
    else log(`stopped chromium (pid ${pid})`);
  }
  for (const proc of started.reverse()) await stopProcess(proc);
}

/** Installs the last-resort exit handler and the SIGINT/SIGTERM/SIGHUP handlers. */
export function installCleanupHandlers() {
  // Last resort if the harness itself dies: synchronous SIGKILL of everything we started.
  process.on('exit', () => {
    if (cleanedUp) return;
    const pids = [];
    const bpid = browserServer && browserServer.process().pid;
    if (bpid) pids.push(bpid);
    for (const s of started) pids.push(s.pid);
    for (const pid of pids) { try { killTree(pid, 'SIGKILL'); } catch { /* ignore */ } }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      log(`${sig}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }
}
