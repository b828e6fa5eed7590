#!/usr/bin/env node
// Runs the e2e suite (test/e2e/suite) in a real VS Code on a machine that cannot download
// VS Code: the VS Code server shipped by the code-server npm package, its web workbench
// in headless Debian chromium driven by playwright-core.
//
//   1. installs Node 24, code-server and chromium on demand (scripts/e2e/install-vscode-server.mjs)
//   2. copies the built extension into $DATA/extensions/istio-yaml.istio-yaml-<version>/
//      (or installs a .vsix with --vsix), plus the test-runner extension with the suite
//   3. copies test/e2e/fixture to $RUN/fixture (tests may edit and save their workspace;
//      the repository's fixture never changes), starts server-main.js on
//      127.0.0.1:<free port>, opens ?folder=$RUN/fixture in chromium (this starts the
//      remote extension host, which activates the runner)
//   4. waits for the runner's JSON result file (hard deadline), prints the results; the
//      last line is "N passed, N failed"; exit code 0 only if all passed
//   5. always stops the server and the browser it started, by process id
//
// Options (flag or env):
//   --screenshots [ids] | E2E_SCREENSHOTS=1|ids   also save the docs/screenshot-*.png listed in
//                 SCREENSHOTS below (all, or the comma-separated ids, e.g. subset-completion)
//   --vsix [file] | E2E_VSIX=file       install this packaged .vsix instead of copying the build
//   --no-vsix     | E2E_VSIX=0          always copy the build, even if istio-yaml.vsix exists
//                 (default: use <name>.vsix at the repo root when it is newer than the
//                 build, as after `npm run package` in CI; otherwise copy the build)
//   --grep TEXT   | ISTIO_E2E_GREP=TEXT only tests whose full title contains TEXT
//   --timeout MS  | E2E_TIMEOUT_MS=MS   deadline for the whole suite (default 300000)
//   --restricted  | E2E_RESTRICTED=1    workspace trust on, and the folder opened as untrusted
//                 (Restricted Mode): the same suite must pass there
//   --headed      (needs a display)     show the browser
//   --trace       | E2E_TRACE=1         log the LSP messages ("istio.trace.server": "verbose") into
//                 the "Istio YAML" output channel (its log file is under $RUN/user-data/logs/)
//   VSCODE_TEST_CACHE=dir               where the installs are cached (default .vscode-test/)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, cleanEnv, REPO_ROOT, CACHE_DIR } from '../../scripts/e2e/install-vscode-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(HERE, 'fixture');
const SUITE = path.join(HERE, 'suite');
const RUNNER_EXT = path.join(HERE, 'runner-extension');
const RUN_DIR = path.join(CACHE_DIR, 'run');
const WORKSPACE = path.join(RUN_DIR, 'fixture'); // a fresh copy of FIXTURE per run
const DATA = path.join(RUN_DIR, 'server-data');
const USERDATA = path.join(RUN_DIR, 'user-data');
const START_TIMEOUT_MS = 120_000;
const SCENE_TIMEOUT_MS = 60_000;

// The screenshots of --screenshots. The runner extension sets up each scene in the workbench
// (test/e2e/runner-extension/extension.js prepareScene); the harness does the rest here:
//   diagnostic-hover  waits for the error squiggle at the cursor, hovers it until the hover shows
//   suggest           presses Ctrl+Space, waits for the suggestions `expect`, opens their details
const SCREENSHOTS = [
  {
    id: 'syntax-error', out: 'docs/screenshot-syntax-error.png',
    show: 'diagnostic-hover', file: 'virtualservice-syntax-error.yaml', code: 'yaml-syntax',
  },
  {
    // without the side bar, so that the suggestion's details fit to the right of the list; and
    // without snippet suggestions, which VS Code offers everywhere and would fill the list
    id: 'subset-completion', out: 'docs/screenshot-subset-completion.png',
    show: 'suggest', file: 'frontend-virtualservice-unknown-subset.yaml', marker: 'subset: ', clear: 'v3', expect: ['v1', 'v2'],
    sideBar: false, settings: { 'editor.snippetSuggestions': 'none' },
  },
  {
    id: 'squiggle-hover', out: 'docs/screenshot-squiggle-hover.png',
    show: 'diagnostic-hover', file: 'frontend-virtualservice-unknown-subset.yaml', code: 'IST0101',
  },
];

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const flagValue = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined;
};
const truthy = (v) => !!v && !['0', 'false', 'no', ''].includes(String(v).toLowerCase());
function screenshotIds() {
  const v = flag('--screenshots') ? (flagValue('--screenshots') || 'all') : truthy(process.env.E2E_SCREENSHOTS) ? process.env.E2E_SCREENSHOTS : '';
  if (!v) return [];
  if (['all', '1', 'true', 'yes'].includes(v.toLowerCase())) return SCREENSHOTS.map((s) => s.id);
  const ids = v.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !SCREENSHOTS.some((s) => s.id === id));
  if (unknown.length) {
    console.error(`--screenshots: unknown id(s) ${unknown.join(', ')}; known: ${SCREENSHOTS.map((s) => s.id).join(', ')}`);
    process.exit(2);
  }
  return ids;
}
const opts = {
  screenshots: SCREENSHOTS.filter((s) => screenshotIds().includes(s.id)),
  vsix: flag('--no-vsix') ? false
    : flag('--vsix') ? (flagValue('--vsix') || 'auto')
      : process.env.E2E_VSIX !== undefined ? (truthy(process.env.E2E_VSIX) ? process.env.E2E_VSIX : false)
        : 'auto',
  grep: flagValue('--grep') || process.env.ISTIO_E2E_GREP,
  timeoutMs: Number(flagValue('--timeout') || process.env.E2E_TIMEOUT_MS) || 300_000,
  headed: flag('--headed'),
  restricted: flag('--restricted') || truthy(process.env.E2E_RESTRICTED),
  trace: flag('--trace') || truthy(process.env.E2E_TRACE),
};

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
const log = (msg) => console.log(`[e2e ${secs().padStart(5)}s] ${msg}`);

// ------------------------------------------------------------------ process bookkeeping
const started = []; // { name, pid }
let browserServer; // playwright BrowserServer: owns the chromium process
let browser;

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
async function cleanup() {
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

function delay(ms) { return new Promise((r) => setTimeout(r, ms)); }

// ------------------------------------------------------------------ build + install extensions
function ensureBuilt(manifest) {
  const main = path.join(REPO_ROOT, manifest.main || 'client/dist/extension.js');
  const server = path.join(REPO_ROOT, 'server', 'dist', 'server.js');
  const mainFile = fs.existsSync(main) ? main : `${main}.js`;
  if (fs.existsSync(mainFile) && fs.existsSync(server)) return manifest;
  log(`extension is not built (${path.relative(REPO_ROOT, main)} or server/dist/server.js missing): npm run build`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(mainFile)) throw new Error('npm run build failed; cannot run the e2e tests');
  return manifest;
}

function copyInto(srcAbs, destRoot) {
  const rel = path.relative(REPO_ROOT, srcAbs);
  if (rel.startsWith('..') || !fs.existsSync(srcAbs)) return false;
  fs.cpSync(srcAbs, path.join(destRoot, rel), { recursive: true, dereference: true });
  return true;
}

// The files a packaged extension would need: the manifest, what it references, the bundles.
function extensionFiles(manifest) {
  const files = new Set(['package.json']);
  for (const f of fs.readdirSync(REPO_ROOT)) {
    if (/^(README|CHANGELOG|LICENSE|NOTICE|ThirdPartyNotices)(\.|$)/i.test(f) || /^package\.nls(\..+)?\.json$/.test(f)) files.add(f);
  }
  for (const entry of [manifest.main, manifest.browser]) {
    if (!entry) continue;
    files.add(path.dirname(path.normalize(entry))); // whole bundle folder (chunks, maps, wasm)
  }
  files.add('server/dist');
  if (manifest.icon) files.add(manifest.icon);
  // every relative path mentioned under "contributes" (grammars, snippets, language
  // configurations, json schemas, icons, walkthrough media ...)
  const walk = (v) => {
    if (typeof v === 'string') {
      if (/^\.{0,2}\/?[\w@.-]+(\/[\w@.-]+)*\.\w+$/.test(v) && !/^\w+:/.test(v)) {
        const abs = path.resolve(REPO_ROOT, v);
        if (fs.existsSync(abs) && fs.statSync(abs).isFile()) files.add(path.relative(REPO_ROOT, abs));
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(manifest.contributes);
  walk(manifest.l10n ? [manifest.l10n] : []);
  if (manifest.l10n && fs.existsSync(path.join(REPO_ROOT, manifest.l10n))) files.add(path.normalize(manifest.l10n));
  for (const dir of ['snippets', 'syntaxes', 'schemas']) {
    if (fs.existsSync(path.join(REPO_ROOT, dir))) files.add(dir);
  }
  const list = [...files].filter((f) => f !== '.' && fs.existsSync(path.join(REPO_ROOT, f)));
  return list.filter((f) => !list.some((d) => d !== f && f.startsWith(`${d}/`))); // drop files inside listed folders
}

// The packaged .vsix is what users get, so test it when it is there and up to date.
function chooseVsix(manifest) {
  if (opts.vsix === false) return null;
  const mtime = (f) => { try { return fs.statSync(f).mtimeMs; } catch { return 0; } };
  if (opts.vsix !== 'auto' && opts.vsix !== '1' && opts.vsix !== 'true') {
    const file = path.resolve(opts.vsix);
    if (!fs.existsSync(file)) throw new Error(`--vsix: ${file} does not exist (npm run package makes ${manifest.name}.vsix)`);
    return file;
  }
  const file = path.join(REPO_ROOT, `${manifest.name}.vsix`);
  if (!fs.existsSync(file)) {
    if (opts.vsix !== 'auto') throw new Error(`--vsix: ${file} does not exist (npm run package makes it)`);
    return null;
  }
  const builds = [path.join(REPO_ROOT, manifest.main || 'client/dist/extension.js'), path.join(REPO_ROOT, 'server', 'dist', 'server.js')];
  const newestBuild = Math.max(...builds.map((f) => mtime(f) || mtime(`${f}.js`)));
  if (opts.vsix === 'auto' && mtime(file) < newestBuild) {
    log(`${path.basename(file)} is older than the build: testing the build instead (npm run package to refresh it)`);
    return null;
  }
  return file;
}

function installExtensionUnderTest(manifest, node, serverMain) {
  const extDir = path.join(DATA, 'extensions');
  fs.mkdirSync(extDir, { recursive: true });
  const vsix = chooseVsix(manifest);
  if (vsix) {
    log(`installing ${path.relative(REPO_ROOT, vsix)} with server-main.js --install-extension`);
    const r = spawnSync(node, [serverMain, '--install-extension', vsix, '--force',
      '--server-data-dir', DATA, '--user-data-dir', USERDATA, '--accept-server-license-terms'],
    { encoding: 'utf8', timeout: 120_000, env: cleanEnv() });
    if (r.status !== 0) throw new Error(`installing the .vsix failed:\n${r.stdout}\n${r.stderr}`);
    const installed = fs.readdirSync(extDir).filter((d) => d.startsWith(`${manifest.publisher}.${manifest.name}-`));
    if (installed.length === 0) throw new Error(`installing the .vsix put nothing into ${extDir}:\n${r.stdout}\n${r.stderr}`);
    log(`installed ${installed.join(', ')} from ${path.relative(REPO_ROOT, vsix) || vsix}`);
    return;
  }
  const dest = path.join(extDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  const files = extensionFiles(manifest);
  for (const f of files) copyInto(path.join(REPO_ROOT, f), dest);
  log(`installed ${manifest.publisher}.${manifest.name}@${manifest.version} from the build: ${files.join(', ')}`);
}

function installRunnerExtension(config) {
  const pkg = JSON.parse(fs.readFileSync(path.join(RUNNER_EXT, 'package.json'), 'utf8'));
  const dest = path.join(DATA, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.cpSync(RUNNER_EXT, dest, { recursive: true });
  fs.cpSync(SUITE, path.join(dest, 'suite'), { recursive: true });
  fs.writeFileSync(path.join(dest, 'e2e-config.json'), JSON.stringify(config, null, 2));
  registerCopiedExtension(dest, `${pkg.publisher}.${pkg.name}`, pkg.version);
  return dest;
}

// Once $DATA/extensions/extensions.json exists (after --install-extension), the server
// treats extension folders that it does not list as removed: list the copied one there.
// Without that file (copy-only runs) the server scans the folder and finds everything.
function registerCopiedExtension(dir, id, version) {
  const file = path.join(path.dirname(dir), 'extensions.json');
  if (!fs.existsSync(file)) return;
  const list = JSON.parse(fs.readFileSync(file, 'utf8')).filter((e) => e.identifier?.id !== id);
  list.push({
    identifier: { id },
    version,
    location: { $mid: 1, fsPath: dir, external: `file://${dir}`, path: dir, scheme: 'file' },
    relativeLocation: path.basename(dir),
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  });
  fs.writeFileSync(file, JSON.stringify(list));
}

// ------------------------------------------------------------------ server
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

async function startServer(node, serverMain, config) {
  const port = await freePort();
  const logFile = path.join(RUN_DIR, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [serverMain,
    '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', ...(opts.restricted ? [] : ['--disable-workspace-trust']), '--disable-telemetry',
    '--server-data-dir', DATA, '--user-data-dir', USERDATA];
  const child = spawn(node, args, {
    cwd: RUN_DIR,
    detached: true, // own process group: never shares signals with the harness
    stdio: ['ignore', out, out],
    env: cleanEnv({ PATH: `${path.dirname(node)}:${process.env.PATH}`, ISTIO_E2E_CONFIG: config }),
  });
  fs.closeSync(out);
  started.push({ name: 'vscode server', pid: child.pid });
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

function tail(file, n) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

function findExtHostLogs() {
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

// ------------------------------------------------------------------ browser
async function openWorkbench(chromium, port) {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed: run npm ci (it is a devDependency)');
  }
  browserServer = await playwright.chromium.launchServer({
    executablePath: chromium,
    headless: !opts.headed,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
  log(`chromium pid ${browserServer.process().pid}`);
  browser = await playwright.chromium.connect(browserServer.wsEndpoint(), { timeout: 30_000 });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const consoleLog = path.join(RUN_DIR, 'browser-console.log');
  page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(WORKSPACE)}`;
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  if (opts.restricted) {
    // If workspace trust asks, answer as a careful user would for a freshly cloned repository. (A
    // test of the suite checks that the folder really is untrusted.)
    await page.screenshot({ path: path.join(RUN_DIR, 'restricted-start.png') }).catch(() => {});
    const refuse = page.getByRole('button', { name: /don.t trust/i });
    const asked = await refuse.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (asked) await refuse.click();
    log(`workspace trust: ${asked ? 'answered "No, I don\'t trust the authors"' : 'no prompt'} (Restricted Mode expected)`);
  }
  log('workbench loaded; waiting for the extension host to run the suite');
  return page;
}

// One scene of --screenshots: the runner extension has set it up (info, from
// scene-<i>.json); this makes the browser show the rest and saves the PNG.
async function takeScreenshot(page, scene, info) {
  if (info.error) throw new Error(`the runner extension could not set up the scene: ${info.error}`);
  // nothing left over from the previous scene (a hover, a suggest widget, the mouse on something)
  await page.keyboard.press('Escape');
  await page.mouse.move(640, 790);
  if (scene.show === 'diagnostic-hover') await showDiagnosticHover(page);
  else if (scene.show === 'suggest') await showSuggestions(page, scene);
  else throw new Error(`unknown scene kind ${scene.show}`);
  const file = path.join(REPO_ROOT, scene.out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  const what = info.diagnostic || (info.labels ? `suggestions ${info.labels.join(', ')}` : '');
  log(`screenshot saved: ${scene.out} (${info.file}:${info.line}:${info.character}${what ? `: ${what}` : ''})`);
}

/** Hovers the error squiggle nearest to the cursor until the hover (problem + docs) shows. */
async function showDiagnosticHover(page) {
  const squiggles = page.locator('.editor-instance .monaco-editor .squiggly-error');
  await squiggles.first().waitFor({ state: 'visible', timeout: 30_000 });
  const cursor = await page.locator('.editor-instance .monaco-editor .cursors-layer .cursor').first().boundingBox().catch(() => null);
  let box;
  for (const b of await Promise.all((await squiggles.all()).map((l) => l.boundingBox()))) {
    if (!b) continue;
    const dist = cursor ? Math.hypot(b.x - cursor.x, b.y - cursor.y) : 0;
    if (!box || dist < box.dist) box = { ...b, dist };
  }
  if (!box) throw new Error('no visible error squiggle');
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /\S/ }).first();
  for (let attempt = 0; ; attempt++) {
    await page.mouse.move(box.x + box.width / 2 - 40, box.y - 40);
    await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2, { steps: 5 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 5_000 });
      // the problem's status bar comes last, once the quick fixes are known
      await page.locator('.monaco-hover:not(.hidden) .hover-row.status-bar').filter({ hasText: /Quick Fix|No quick fixes/ }).first()
        .waitFor({ state: 'visible', timeout: 5_000 }).catch(() => log('screenshot: the hover shows no quick fix status bar'));
      await growWidget(page, page.locator('.monaco-resizable-hover').first(), '.monaco-hover-content')
        .catch((err) => log(`screenshot: could not enlarge the hover: ${err.message}`));
      return;
    } catch {
      if (attempt === 2) throw new Error('the hover did not show over the squiggle');
    }
  }
}

/**
 * A hover (and a suggestion's details) is at most 250 px high at first and scrolls the rest;
 * a user can drag its edges. This does the same, as far as the page allows, so that all of
 * it is in the picture: `widen` px to the right, and down until nothing scrolls.
 */
async function growWidget(page, widget, contentSelector, { widen = 0 } = {}) {
  const viewport = page.viewportSize();
  const drag = async (sashSelector, dx, dy) => {
    const sash = await widget.locator(sashSelector).first().boundingBox();
    if (!sash || (dx <= 0 && dy <= 0)) return;
    const x = sash.x + sash.width / 2;
    const y = sash.y + sash.height / 2;
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.move(x + dx, y + dy, { steps: 10 });
    await page.mouse.up();
  };
  let box = await widget.boundingBox();
  await drag('.monaco-sash.vertical:not(.disabled)', Math.min(widen, viewport.width - 20 - (box.x + box.width)), 0);
  box = await widget.boundingBox();
  const full = await widget.evaluate((w, sel) => w.querySelector(sel)?.scrollHeight ?? 0, contentSelector);
  await drag('.monaco-sash.orthogonal-edge-south', 0, Math.min(full + 4 - box.height, viewport.height - 30 - (box.y + box.height)));
  // rest the mouse inside the widget, bottom right where nothing reacts to it (a hover stays
  // open), and let the edge's highlight go
  box = await widget.boundingBox();
  await page.mouse.move(box.x + box.width - 12, box.y + box.height - 8, { steps: 3 });
  await widget.locator('.monaco-sash.hover, .monaco-sash.active').first().waitFor({ state: 'detached', timeout: 2_000 }).catch(() => {});
  await page.waitForFunction(() => !document.getAnimations().some((a) => a.effect?.target?.classList?.contains('monaco-sash')), null, { timeout: 2_000 }).catch(() => {});
}

/** Opens the suggest widget at the cursor (Ctrl+Space) and its details side panel. */
async function showSuggestions(page, scene) {
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  await page.keyboard.press('Control+Space');
  await widget.waitFor({ state: 'visible', timeout: 15_000 });
  for (const label of scene.expect) {
    await widget.locator('.monaco-list-row .label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).first()
      .waitFor({ state: 'visible', timeout: 15_000 });
  }
  const details = page.locator('.suggest-details-container .suggest-details').filter({ hasText: /\S/ });
  if (!(await details.first().isVisible())) {
    await page.keyboard.press('Control+Space'); // "read more": shows the focused item's documentation
    await details.first().waitFor({ state: 'visible', timeout: 5_000 });
  }
  await growWidget(page, page.locator('.suggest-details-container').first(), '.suggest-details .body', { widen: 170 })
    .catch((err) => log(`screenshot: could not enlarge the suggestion details: ${err.message}`));
}

/** Runs the scenes the runner extension sets up after the suite; a failed one counts as a failed test. */
async function takeScreenshots(page, result) {
  for (let i = 0; i < opts.screenshots.length; i++) {
    const scene = opts.screenshots[i];
    const sceneFile = path.join(RUN_DIR, `scene-${i}.json`);
    try {
      const deadline = Date.now() + SCENE_TIMEOUT_MS;
      while (!fs.existsSync(sceneFile)) {
        if (Date.now() > deadline) throw new Error(`the runner extension did not set up the scene within ${SCENE_TIMEOUT_MS / 1000} s`);
        await delay(100);
      }
      await takeScreenshot(page, scene, JSON.parse(fs.readFileSync(sceneFile, 'utf8')));
    } catch (err) {
      log(`screenshot ${scene.id} failed: ${err.message}`);
      await page.screenshot({ path: path.join(RUN_DIR, `screenshot-failed-${scene.id}.png`) }).catch(() => {});
      result.failed += 1;
      result.tests.push({ fullTitle: `harness: screenshot ${scene.out}`, state: 'failed', error: { message: err.message } });
    } finally {
      fs.writeFileSync(path.join(RUN_DIR, `scene-${i}.done`), '');
    }
  }
}

// ------------------------------------------------------------------ main
async function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const explicitVsix = opts.vsix && !['auto', '1', 'true'].includes(opts.vsix);
  if (!explicitVsix) ensureBuilt(manifest);
  const info = ensureInstalled();
  log(`installs ready in ${secs()} s (cache ${path.relative(REPO_ROOT, CACHE_DIR) || CACHE_DIR})`);

  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  fs.mkdirSync(RUN_DIR, { recursive: true });
  fs.cpSync(FIXTURE, WORKSPACE, { recursive: true });
  if (opts.trace) {
    const settings = path.join(WORKSPACE, '.vscode', 'settings.json');
    const text = fs.readFileSync(settings, 'utf8').trimEnd();
    fs.writeFileSync(settings, `${text.replace(/\s*}$/, ',\n  "istio.trace.server": "verbose"\n}')}\n`);
  }
  installExtensionUnderTest(manifest, info.node, info.serverMain);
  const resultFile = path.join(RUN_DIR, 'result.json');
  const progressFile = path.join(RUN_DIR, 'progress.log');
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  let mochaPath;
  try { mochaPath = require.resolve('mocha'); } catch { throw new Error('mocha is not installed: run npm ci (it is a devDependency)'); }
  const config = {
    resultFile,
    progressFile,
    mochaPath,
    grep: opts.grep,
    restricted: opts.restricted,
    sceneDir: RUN_DIR,
    screenshots: opts.screenshots.map(({ out, ...scene }) => scene),
  };
  const runnerDir = installRunnerExtension(config);
  const server = await startServer(info.node, info.serverMain, path.join(runnerDir, 'e2e-config.json'));
  const page = await openWorkbench(info.chromium, server.port);

  // Wait for the result file, echoing the runner's progress lines as they come.
  const deadline = Date.now() + opts.timeoutMs;
  const startDeadline = Date.now() + START_TIMEOUT_MS; // the runner logs a first line at once
  let printed = 0;
  const echoProgress = () => {
    const lines = fs.existsSync(progressFile) ? fs.readFileSync(progressFile, 'utf8').split('\n') : [];
    while (printed < lines.length - 1) console.log(`  ${lines[printed++]}`);
  };
  let result;
  while (!result) {
    echoProgress();
    if (fs.existsSync(resultFile)) {
      result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
      break;
    }
    if (!server.isAlive()) throw new Error(`vscode server died (${JSON.stringify(server.exitInfo())}):\n${tail(server.logFile, 30)}`);
    const notStarted = printed === 0 && Date.now() > startDeadline;
    if (Date.now() > deadline || notStarted) {
      const shot = path.join(RUN_DIR, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => {});
      const logs = findExtHostLogs().map((f) => `--- ${f}\n${tail(f, 40)}`).join('\n');
      const why = notStarted
        ? `the test-runner extension did not start within ${START_TIMEOUT_MS / 1000} s of the workbench loading`
        : `no test result after ${opts.timeoutMs / 1000} s (the suite did not finish)`;
      throw new Error(`${why}.\npage screenshot: ${shot}\n${logs || '(no extension host log found)'}\n` +
        `--- server log\n${tail(server.logFile, 20)}`);
    }
    await delay(250);
  }
  echoProgress();
  if (opts.screenshots.length) await takeScreenshots(page, result);
  return result;
}

let result;
let harnessError;
try {
  result = await main();
} catch (err) {
  harnessError = err;
}
await cleanup();

console.log('');
if (harnessError) {
  console.log(`e2e harness error: ${harnessError.stack || harnessError}`);
  console.log(`(logs: ${path.relative(REPO_ROOT, RUN_DIR)}/)`);
}
if (result) {
  console.log(`VS Code ${result.vscodeVersion || '?'} (extension host node ${result.nodeVersion || '?'}), suite ran in ${((result.totalMs || 0) / 1000).toFixed(1)} s, total ${secs()} s`);
  if (result.crash) console.log(`runner crashed: ${result.crash}`);
  for (const t of result.tests) {
    const mark = t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-';
    console.log(`  ${mark} ${t.fullTitle}${t.durationMs != null ? ` (${t.durationMs} ms)` : ''}`);
    if (t.error) console.log(`      ${String(t.error.stack || t.error.message).split('\n').join('\n      ')}`);
  }
}
const passed = result ? result.passed : 0;
const skipped = result ? result.skipped : 0;
let failed = result ? result.failed : 0;
if (result && passed === 0 && failed === 0) console.log('no test ran: counted as a failure');
if (harnessError || passed + failed === 0) failed = Math.max(failed, 1); // never a false green
const ok = failed === 0;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
