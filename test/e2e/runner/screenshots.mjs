// The browser part of --screenshots: the runner extension sets up each scene in the
// workbench (after the suite) and writes $RUN/scene-<i>.json; this shows the rest
// (a hover, the suggestions) and saves the PNG, then writes scene-<i>.done.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../scripts/e2e/install-vscode-server.mjs';
import { RUN_DIR, delay, log } from './common.mjs';

const SCENE_TIMEOUT_MS = 60_000;

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

/**
 * Runs the scenes (the SCREENSHOTS entries chosen) the runner extension sets up after the
 * suite; a failed one counts as a failed test of result.
 */
export async function takeScreenshots(page, result, scenes) {
  for (let i = 0; i < scenes.length; i++) {
    const scene = scenes[i];
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
