// Test-only extension installed next to the extension under test by
// test/e2e/run-vscode-server.mjs. On startup it reads e2e-config.json (written by the
// harness into this extension's folder, or the file named by $ISTIO_E2E_CONFIG), runs the
// mocha suite copied into ./suite, and writes the results as JSON to config.resultFile.
// Without a config file it does nothing.
//
// Screenshots (config.screenshots, a list of scenes): after writing the results, it sets
// up each scene in the workbench (opens the file, puts the cursor where the harness should
// look), writes <sceneDir>/scene-<i>.json with what it did, and waits for the harness to
// write scene-<i>.done (the harness takes the screenshot with the browser in between).
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const SCENE_DONE_TIMEOUT_MS = 90_000;

function writeJson(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2));
  fs.renameSync(tmp, file); // the harness never sees a half-written file
}

async function activate(context) {
  const configFile = process.env.ISTIO_E2E_CONFIG || path.join(context.extensionPath, 'e2e-config.json');
  if (!fs.existsSync(configFile)) return;
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  const out = vscode.window.createOutputChannel('Istio YAML e2e');
  const log = (line) => {
    out.appendLine(line);
    console.log(line); // ends up in the extension host log
    if (config.progressFile) fs.appendFileSync(config.progressFile, line + '\n');
  };
  const started = Date.now();
  let result;
  try {
    log(`[e2e] runner: vscode ${vscode.version}, node ${process.version}, workspace ${(vscode.workspace.workspaceFolders || []).map((f) => f.uri.fsPath).join(', ')}`);
    const suite = require(path.join(context.extensionPath, 'suite', 'index.js'));
    result = await suite.runMocha({ mochaPath: config.mochaPath, grep: config.grep, timeout: config.testTimeoutMs, log });
  } catch (err) {
    log(`[e2e] runner crashed: ${err.stack || err}`);
    result = { passed: 0, failed: 1, skipped: 0, tests: [], crash: String(err.stack || err) };
  }
  result.vscodeVersion = vscode.version;
  result.nodeVersion = process.version;
  result.totalMs = Date.now() - started;
  writeJson(config.resultFile, result);

  const scenes = config.screenshots || [];
  for (let i = 0; i < scenes.length; i++) {
    const scene = scenes[i];
    let info;
    try {
      info = await prepareScene(scene);
    } catch (err) {
      info = { error: String(err.stack || err) };
    }
    log(`[e2e] screenshot scene ${scene.id}: ${info.error ? `could not be set up: ${info.error.split('\n')[0]}` : 'ready'}`);
    writeJson(path.join(config.sceneDir, `scene-${i}.json`), info);
    const done = path.join(config.sceneDir, `scene-${i}.done`);
    const deadline = Date.now() + SCENE_DONE_TIMEOUT_MS;
    while (!fs.existsSync(done) && Date.now() < deadline) await delay(100);
    await applySettings(scene.settings, true).catch(() => {});
  }
}

/** Sets (or, with `undo`, removes again) workspace settings for one scene. */
async function applySettings(settings, undo = false) {
  for (const [key, value] of Object.entries(settings || {})) {
    const dot = key.lastIndexOf('.');
    await vscode.workspace.getConfiguration(key.slice(0, dot)).update(key.slice(dot + 1), undo ? undefined : value, vscode.ConfigurationTarget.Workspace);
  }
}

function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitUntil(check, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await delay(100);
  }
}

/** A clean workbench: no notifications, no panel, no editors (dirty ones are reverted, never saved). */
async function cleanWorkbench() {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  // The suite's own clean-up (copied into this extension with the suite): reverts dirty and
  // untitled documents first, since closing a dirty editor would wait for a "Save?" dialog.
  await require(path.join(__dirname, 'suite', 'helper.js')).revertAndCloseAll();
}

const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/**
 * Scenes (the harness, run-vscode-server.mjs, defines them and does the browser part), each
 * with the side bar (unless `sideBar: false`) and with its `settings` for the workspace:
 *   diagnostic-hover  the file, cursor at the start of its istio diagnostic (with `code`)
 *   suggest           the file with `clear` removed from the first `marker` + `clear`, the cursor
 *                     there, once the server offers every label of `expect` at that position
 */
async function prepareScene(scene) {
  await cleanWorkbench();
  await vscode.commands.executeCommand(scene.sideBar === false ? 'workbench.action.closeSidebar' : 'workbench.view.explorer');
  await applySettings(scene.settings);
  const root = vscode.workspace.workspaceFolders[0].uri;
  const uri = vscode.Uri.joinPath(root, ...scene.file.split('/'));
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const place = (pos) => {
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  };
  if (scene.show === 'diagnostic-hover') {
    const diag = await waitUntil(
      () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'istio' && (!scene.code || codeOf(d) === scene.code)),
      `an istio diagnostic${scene.code ? ` ${scene.code}` : ''} in ${scene.file}`,
    );
    place(diag.range.start);
    return { file: scene.file, line: diag.range.start.line + 1, character: diag.range.start.character + 1, diagnostic: diag.message };
  }
  if (scene.show === 'suggest') {
    const idx = doc.getText().indexOf(scene.marker + scene.clear);
    if (idx < 0) throw new Error(`"${scene.marker}${scene.clear}" not found in ${scene.file}`);
    const start = doc.positionAt(idx + scene.marker.length);
    const ok = await editor.edit((b) => b.delete(new vscode.Range(start, start.translate(0, scene.clear.length))));
    if (!ok) throw new Error('the edit was not applied');
    place(start);
    const labels = await waitUntil(async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, start);
      const got = (list ? list.items : []).filter((i) => i.kind !== vscode.CompletionItemKind.Snippet)
        .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return scene.expect.every((l) => got.includes(l)) && got;
    }, `completions ${scene.expect.join(', ')} in ${scene.file}`);
    return { file: scene.file, line: start.line + 1, character: start.character + 1, labels };
  }
  throw new Error(`unknown scene kind ${scene.show}`);
}

function deactivate() {}

module.exports = { activate, deactivate };
