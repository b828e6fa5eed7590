// The browser of an e2e run: headless chromium (playwright-core's BrowserServer, stopped
// by processes.mjs) showing the web workbench of the VS Code server on the fixture copy.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT } from '../../../scripts/e2e/install-vscode-server.mjs';
import { RUN_DIR, WORKSPACE, log } from './common.mjs';
import { trackBrowser, trackBrowserServer } from './processes.mjs';

/**
 * Opens the workbench at http://127.0.0.1:<port>/?folder=<fixture copy>; returns the page.
 * opts.headed shows the browser; opts.restricted refuses workspace trust if asked.
 */
export async function openWorkbench(chromium, port, opts) {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed: run npm ci (it is a devDependency)');
  }
  const browserServer = await playwright.chromium.launchServer({
    executablePath: chromium,
    headless: !opts.headed,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
  trackBrowserServer(browserServer);
  log(`chromium pid ${browserServer.process().pid}`);
  const browser = await playwright.chromium.connect(browserServer.wsEndpoint(), { timeout: 30_000 });
  trackBrowser(browser);
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
