// Test-only extension installed next to the extension under test by
// test/e2e/run-vscode-server.mjs. On startup it reads e2e-config.json (written by the
// harness into this extension's folder, or the file named by $ISTIO_E2E_CONFIG), runs the
// mocha suite copied into ./suite, and writes the results as JSON to config.resultFile.
// Without a config file it does nothing.
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

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

  if (config.screenshot) {
    // Leave the workbench showing the file with the syntax error, cursor on the error,
    // with its hover open, for the harness to take a screenshot.
    try {
      result.screenshot = await prepareScreenshot(config.screenshot);
    } catch (err) {
      result.screenshot = { error: String(err.stack || err) };
    }
  }
  writeJson(config.resultFile, result);
}

async function prepareScreenshot({ file, marker }) {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  const root = vscode.workspace.workspaceFolders[0].uri;
  const uri = vscode.Uri.joinPath(root, ...file.split('/'));
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const deadline = Date.now() + 30000;
  let diag;
  while (!diag && Date.now() < deadline) {
    diag = vscode.languages.getDiagnostics(uri).find((d) => d.source === 'istio');
    if (!diag) await new Promise((r) => setTimeout(r, 100));
  }
  let line = marker ? doc.getText().split('\n').findIndex((l) => l.includes(marker)) : -1;
  if (diag) line = diag.range.start.line;
  const pos = diag ? diag.range.start : new vscode.Position(Math.max(line, 0), 0);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  return { file, line: line + 1, character: pos.character + 1, diagnostic: diag ? diag.message : null };
}

function deactivate() {}

module.exports = { activate, deactivate };
