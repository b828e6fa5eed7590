// The results of an e2e run: waiting for the runner extension's result file while echoing
// its progress, and printing the verdict.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../scripts/e2e/install-vscode-server.mjs';
import { RUN_DIR, delay, secs, tail } from './common.mjs';
import { findExtHostLogs } from './server.mjs';

const START_TIMEOUT_MS = 120_000;

/**
 * Waits for the result file, echoing the runner's progress lines as they come. Throws (with
 * a page screenshot and the logs) if the server dies, the runner does not start, or the
 * suite does not finish within timeoutMs.
 */
export async function waitForResult({ resultFile, progressFile, server, page, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
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
        : `no test result after ${timeoutMs / 1000} s (the suite did not finish)`;
      throw new Error(`${why}.\npage screenshot: ${shot}\n${logs || '(no extension host log found)'}\n` +
        `--- server log\n${tail(server.logFile, 20)}`);
    }
    await delay(250);
  }
  echoProgress();
  return result;
}

/** Prints the results (the last line is "N passed, N failed"); true only if all passed. */
export function report(result, harnessError) {
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
  return ok;
}
