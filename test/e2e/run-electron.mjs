#!/usr/bin/env node
// Runs the e2e suite (test/e2e/suite) in desktop VS Code with @vscode/test-electron.
// For machines that can download VS Code (it is fetched once into .vscode-test/). On a
// machine that reaches only package registries the download fails: this script then says
// so and exits 2; use `npm run test:e2e` (test/e2e/run-vscode-server.mjs) there.
//
// Linux without a display: run it under a virtual X server, e.g.
//   xvfb-run -a npm run test:e2e:electron
// Env: VSCODE_TEST_VERSION=stable|insiders|1.9x.y (default: the manifest's engines.vscode
// minimum), ISTIO_E2E_GREP=text, VSCODE_TEST_CACHE=dir (default .vscode-test).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');
const CACHE_DIR = path.resolve(process.env.VSCODE_TEST_CACHE || path.join(REPO_ROOT, '.vscode-test'));
const FIXTURE = path.join(HERE, 'fixture');
// Tests may edit and save files of their workspace: they get a fresh copy of FIXTURE per run.
const WORKSPACE = path.join(CACHE_DIR, 'electron-run', 'fixture');
const require = createRequire(path.join(REPO_ROOT, 'package.json'));

function fail(msg, code = 1) {
  console.error(`\nrun-electron: ${msg}`);
  process.exit(code);
}

let testElectron;
try {
  testElectron = require('@vscode/test-electron');
} catch {
  fail('@vscode/test-electron is not installed: run npm ci (it is a devDependency)');
}
const { downloadAndUnzipVSCode, runTests } = testElectron;

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
for (const f of [manifest.main, 'server/dist/server.js']) {
  const abs = path.join(REPO_ROOT, f);
  if (!fs.existsSync(abs) && !fs.existsSync(`${abs}.js`)) fail(`${f} is missing: run npm run build first`);
}
const engine = (manifest.engines?.vscode || '').replace(/^[\^~>=\s]+/, '');
const version = process.env.VSCODE_TEST_VERSION || (/^\d+\.\d+\.\d+$/.test(engine) ? engine : 'stable');

// 1. Download (cached). Kept separate from running so a failed download is reported as such.
let vscodeExecutablePath;
const t0 = Date.now();
try {
  console.log(`run-electron: getting VS Code ${version} into ${path.relative(REPO_ROOT, CACHE_DIR) || CACHE_DIR}/ ...`);
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: CACHE_DIR, timeout: 30_000 });
} catch (err) {
  fail(
    `could not download VS Code ${version}: ${err && err.message ? err.message : err}\n` +
      '  This machine probably cannot reach the VS Code download servers (only package registries).\n' +
      '  Run the same suite in the VS Code server shipped by the code-server npm package instead:\n' +
      '      npm run test:e2e',
    2,
  );
}
console.log(`run-electron: VS Code at ${vscodeExecutablePath} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.warn('run-electron: no DISPLAY set; if VS Code fails to start, run this under xvfb-run -a');
}

// 2. Run the suite in the extension host of the extension under development.
fs.rmSync(path.dirname(WORKSPACE), { recursive: true, force: true });
fs.cpSync(FIXTURE, WORKSPACE, { recursive: true });
try {
  const code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(HERE, 'suite', 'index.js'),
    launchArgs: [
      WORKSPACE,
      '--disable-extensions', // other installed extensions; the one under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-gpu',
      `--user-data-dir=${path.join(CACHE_DIR, 'electron-user-data')}`,
    ],
    extensionTestsEnv: { ISTIO_E2E_GREP: process.env.ISTIO_E2E_GREP || '' },
  });
  console.log(`run-electron: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(code);
} catch (err) {
  // The suite's own summary line ("N passed, N failed") is printed by the extension host.
  fail(`the e2e tests failed or VS Code could not run them: ${err && err.message ? err.message : err}`);
}
