// Entry point of the e2e mocha suite, loaded inside the VS Code extension host.
//
//  - @vscode/test-electron (test/e2e/run-electron.mjs) calls run(): resolves when all
//    tests pass, rejects otherwise.
//  - the test-runner extension (test/e2e/runner-extension, used by
//    test/e2e/run-vscode-server.mjs) calls runMocha() to get structured results.
//
// Every *.test.js file in this folder is part of the suite (mocha "tdd" UI: suite/test).
'use strict';

const fs = require('fs');
const path = require('path');

/**
 * @param {object} [options]
 * @param {string} [options.mochaPath]  where to require mocha from (default: normal resolution)
 * @param {string} [options.grep]       only run tests whose full title matches
 * @param {number} [options.timeout]    per-test timeout in ms (default 60000)
 * @param {(line: string) => void} [options.log]  progress lines (default console.log)
 * @returns {Promise<{passed:number, failed:number, skipped:number, durationMs:number, tests:object[]}>}
 */
function runMocha(options = {}) {
  const Mocha = require(options.mochaPath || 'mocha');
  const log = options.log || ((line) => console.log(line));
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: options.timeout || Number(process.env.ISTIO_E2E_TEST_TIMEOUT_MS) || 60000,
    reporter: function SilentReporter() {}, // results are collected from runner events below
  });
  const grep = options.grep || process.env.ISTIO_E2E_GREP;
  if (grep) mocha.grep(grep);

  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const started = Date.now();
  const tests = [];
  return new Promise((resolve, reject) => {
    let runner;
    const listenersBefore = process.listeners('uncaughtException');
    try {
      runner = mocha.run();
    } catch (err) {
      reject(err);
      return;
    }
    filterForeignUncaughtErrors(runner, log, listenersBefore);
    const record = (state) => (test, err) => {
      const entry = {
        title: test.title,
        fullTitle: test.fullTitle(),
        file: test.file ? path.basename(test.file) : undefined,
        state,
        durationMs: test.duration,
      };
      if (err) entry.error = { message: String(err.message || err), stack: err.stack };
      tests.push(entry);
      const mark = state === 'passed' ? 'ok  ' : state === 'failed' ? 'FAIL' : 'skip';
      log(`[e2e] ${mark} ${entry.fullTitle}${entry.durationMs != null ? ` (${entry.durationMs} ms)` : ''}${err ? `\n       ${entry.error.message}` : ''}`);
    };
    runner.on('pass', record('passed'));
    runner.on('fail', record('failed')); // also hooks ("before all" hook ...), counted as failures
    runner.on('pending', record('skipped'));
    runner.on('end', () => {
      const count = (s) => tests.filter((t) => t.state === s).length;
      resolve({
        passed: count('passed'),
        failed: count('failed'),
        skipped: count('skipped'),
        durationMs: Date.now() - started,
        files,
        tests,
      });
    });
  });
}

/**
 * The extension host is shared with every other extension. Built-in ones (git, github,
 * telemetry reporters) throw uncaught network errors on an offline machine, and mocha would
 * blame whichever test is running. Only uncaught errors whose stack points into this suite
 * or into the extension under test fail a test; the others are logged and ignored.
 */
function filterForeignUncaughtErrors(runner, log, before) {
  let extensionPath;
  try {
    const ext = require('vscode').extensions.getExtension('istio-yaml.istio-yaml');
    extensionPath = ext && ext.extensionPath;
  } catch { /* not in an extension host */ }
  const ours = [__dirname, extensionPath].filter(Boolean);
  const mochaUncaught = runner.uncaught;
  const filtered = (err) => {
    const stack = String((err && err.stack) || err);
    if (ours.some((p) => stack.includes(p))) return mochaUncaught(err);
    log(`[e2e] note: ignored an uncaught error from outside the suite: ${stack.split('\n')[0]}`);
  };
  // mocha.run() starts the runner asynchronously; its listener is in place by 'start'.
  // VS Code's extension host wraps every 'uncaughtException' listener it is given, so
  // mocha's is found as "the listeners added since mocha.run()" rather than by identity.
  runner.once('start', () => {
    for (const l of process.listeners('uncaughtException')) {
      if (!before.includes(l)) process.removeListener('uncaughtException', l);
    }
    process.on('uncaughtException', filtered);
  });
  runner.once('end', () => process.removeListener('uncaughtException', filtered));
}

async function run() {
  const r = await runMocha();
  console.log(`${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
  if (r.failed > 0 || r.passed === 0) throw new Error(`${r.failed} e2e test(s) failed, ${r.passed} passed`);
}

module.exports = { run, runMocha };
