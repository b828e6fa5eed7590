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
//
// The work is done by the modules in runner/: common.mjs (paths of a run, log), processes.mjs
// (what was started, stopping it), extensions.mjs (the extension under test and the runner
// extension), server.mjs (the VS Code server), browser.mjs (chromium and the workbench),
// screenshots.mjs (the browser part of --screenshots), results.mjs (waiting, the verdict).
// Installing Node, code-server and chromium: scripts/e2e/install-vscode-server.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ensureInstalled, REPO_ROOT, CACHE_DIR } from '../../scripts/e2e/install-vscode-server.mjs';
import { FIXTURE, RUN_DIR, WORKSPACE, log, secs } from './runner/common.mjs';
import { cleanup, installCleanupHandlers } from './runner/processes.mjs';
import { ensureBuilt, installExtensionUnderTest, installRunnerExtension } from './runner/extensions.mjs';
import { startServer } from './runner/server.mjs';
import { openWorkbench } from './runner/browser.mjs';
import { takeScreenshots } from './runner/screenshots.mjs';
import { report, waitForResult } from './runner/results.mjs';

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

installCleanupHandlers();

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
  installExtensionUnderTest(manifest, info.node, info.serverMain, opts.vsix);
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
  const server = await startServer(info.node, info.serverMain, path.join(runnerDir, 'e2e-config.json'), opts.restricted);
  const page = await openWorkbench(info.chromium, server.port, opts);

  const result = await waitForResult({ resultFile, progressFile, server, page, timeoutMs: opts.timeoutMs });
  if (opts.screenshots.length) await takeScreenshots(page, result, opts.screenshots);
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
process.exit(report(result, harnessError) ? 0 : 1);
