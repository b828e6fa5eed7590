// Shared helpers for the real-editor (e2e) tests. Runs inside the VS Code
// extension host, so `vscode` is the real API.
//
// Rules for tests written with these helpers:
//  - never sleep for a fixed time: wait for a condition with waitFor()/waitForDiagnostics();
//  - every wait has a deadline and fails with a message that says what it waited for;
//  - to assert that something does NOT show up, use diagnosticsBarrier() first.
'use strict';

const assert = require('assert');
const vscode = require('vscode');

const EXTENSION_ID = 'istio-yaml.istio-yaml';
const SOURCE = 'istio';
const DEFAULT_TIMEOUT = Number(process.env.ISTIO_E2E_WAIT_MS) || 30000;

/**
 * Waits until `check()` returns a truthy value (or a promise of one), and returns it.
 * Re-checks every `interval` ms and whenever one of `events` fires.
 * Throws after `timeout` ms with `what` and the last value/error in the message.
 */
async function waitFor(check, { timeout = DEFAULT_TIMEOUT, interval = 100, events = [], what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  const subs = [];
  let wake = () => {};
  for (const ev of events) subs.push(ev(() => wake()));
  try {
    for (;;) {
      try {
        last = await check();
        lastError = undefined;
        if (last) return last;
      } catch (err) {
        lastError = err;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise((resolve) => {
        const t = setTimeout(resolve, Math.min(interval, left));
        wake = () => { clearTimeout(t); resolve(); };
      });
    }
  } finally {
    for (const s of subs) s.dispose();
  }
  const detail = lastError ? `last error: ${lastError.stack || lastError}` : `last value: ${safeJson(last)}`;
  throw new Error(`Timed out after ${timeout} ms waiting for ${what} (${detail})`);
}

function safeJson(v) {
  try { return JSON.stringify(v); } catch { return String(v); }
}

function workspaceRoot() {
  const folders = vscode.workspace.workspaceFolders;
  assert.ok(folders && folders.length > 0, 'no workspace folder is open (the runner must open a copy of test/e2e/fixture)');
  return folders[0].uri;
}

/** URI of a file in the fixture workspace, e.g. fixtureUri('destinationrule.yaml'). */
function fixtureUri(relPath) {
  return vscode.Uri.joinPath(workspaceRoot(), ...relPath.split('/'));
}

/** Opens a fixture file in an editor; returns { uri, doc, editor }. */
async function openFixture(relPath, { show = true, preview = false } = {}) {
  const uri = fixtureUri(relPath);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = show ? await vscode.window.showTextDocument(doc, { preview, preserveFocus: false }) : undefined;
  return { uri, doc, editor };
}

/** Opens an untitled document with the given content (default language yaml). */
async function openUntitled(content, language = 'yaml', { show = true } = {}) {
  // Right after an untitled document was reverted and closed, VS Code may hand its name (and the
  // closing document, with its old text) to the next untitled one. Wait until it is really new.
  let doc;
  await waitFor(async () => {
    doc = await vscode.workspace.openTextDocument({ language, content });
    return doc.getText() === content;
  }, { what: 'a new untitled document with the given text' });
  const editor = show ? await vscode.window.showTextDocument(doc, { preview: false }) : undefined;
  return { uri: doc.uri, doc, editor };
}

/** Closes all editors (documents stay known to VS Code until it drops them). */
async function closeAllEditors() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Throws away every unsaved change (fixture files edited in memory, untitled documents)
 * and closes all editors. Closing a dirty editor would ask "Save changes?" in a modal
 * dialog that nobody answers, so each dirty document is reverted first. Use it in
 * suiteTeardown of every suite that edits documents.
 */
async function revertAndCloseAll() {
  // Dirty as the workbench sees it (tabs) or as the extension host does (documents); the two
  // can disagree for a moment, e.g. right after a snippet was inserted into an untitled file.
  const dirtyTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.isDirty && t.input instanceof vscode.TabInputText).map((t) => t.input.uri);
  const targets = new Map();
  for (const uri of dirtyTabs()) targets.set(uri.toString(), uri);
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isClosed && (doc.isDirty || doc.uri.scheme === 'untitled')) targets.set(doc.uri.toString(), doc.uri);
  }
  for (const uri of targets.values()) {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  const left = dirtyTabs().map(String);
  assert.deepStrictEqual(left, [], 'editors still dirty after reverting them (closing them would wait for a "Save?" dialog)');
  await closeAllEditors();
}

/** Reverts one document to its saved text (it must be a file, not untitled); waits until it is clean. */
async function revertDocument(doc) {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !doc.isDirty, { events: [vscode.workspace.onDidChangeTextDocument], what: `${vscode.workspace.asRelativePath(doc.uri)} to be reverted` });
}

/** Applies a WorkspaceEdit built by `build(edit, doc.uri)`; fails the test if VS Code refuses it. */
async function editDocument(doc, build) {
  const we = new vscode.WorkspaceEdit();
  build(we, doc.uri);
  assert.ok(await vscode.workspace.applyEdit(we), `the edit of ${vscode.workspace.asRelativePath(doc.uri)} was not applied`);
}

function getExtension() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code ` +
    `(installed: ${vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id).join(', ')})`);
  return ext;
}

/**
 * Waits until the extension under test is active (it activates on yaml files); returns it.
 * If it is not active yet, opens a YAML fixture (no editor) so that a suite run alone
 * (--grep) does not depend on another suite having opened one.
 */
async function waitForActivation({ timeout = DEFAULT_TIMEOUT } = {}) {
  const ext = getExtension();
  if (!ext.isActive) await vscode.workspace.openTextDocument(fixtureUri('destinationrule.yaml'));
  await waitFor(() => ext.isActive, { timeout, what: `${EXTENSION_ID} to activate` });
  return ext;
}

/** The diagnostics of `uri` published by the Istio language server. */
function istioDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Waits until the Istio diagnostics of `uri` satisfy `predicate` (default: at least one);
 * returns them.
 */
async function waitForDiagnostics(uri, predicate = (ds) => ds.length > 0, { timeout = DEFAULT_TIMEOUT, what } = {}) {
  let seen = [];
  try {
    await waitFor(() => {
      seen = istioDiagnostics(uri);
      return predicate(seen);
    }, { timeout, events: [vscode.languages.onDidChangeDiagnostics], what: what || `istio diagnostics on ${vscode.workspace.asRelativePath(uri)}` });
  } catch (err) {
    err.message += `\n  istio diagnostics seen: ${describeDiagnostics(seen)}` +
      `\n  all diagnostics: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`;
    throw err;
  }
  return seen;
}

/**
 * Proof that the language server has caught up with everything opened or edited before:
 * edits the known-bad fixture BARRIER_FILE (inserts a line at the top, then removes it) and
 * waits each time for its syntax-error diagnostic to move to the expected line. The server
 * handles notifications in order, so documents opened before the barrier have been
 * validated when it returns. Use it before asserting that a file has NO diagnostics.
 */
const BARRIER_FILE = 'barrier-gateway.yaml';
const BARRIER_MARKER = 'selector: istio: ingressgateway';

async function diagnosticsBarrier({ timeout = DEFAULT_TIMEOUT } = {}) {
  const { uri, doc } = await openFixture(BARRIER_FILE, { show: false });
  await ensureTab(doc);
  const errorLine = lineOf(doc, BARRIER_MARKER);
  const atLine = (line) => (ds) => ds.some((d) => d.range.start.line === line);
  const edit = async (apply) => {
    const we = new vscode.WorkspaceEdit();
    apply(we);
    assert.ok(await vscode.workspace.applyEdit(we), 'barrier edit was not applied');
  };
  const wasDirty = doc.isDirty;
  await edit((we) => we.insert(uri, new vscode.Position(0, 0), '# e2e barrier\n'));
  await waitForDiagnostics(uri, atLine(errorLine + 1), { timeout, what: 'barrier diagnostic to move down one line (server caught up)' });
  await edit((we) => we.delete(uri, new vscode.Range(0, 0, 1, 0)));
  await waitForDiagnostics(uri, atLine(errorLine), { timeout, what: 'barrier diagnostic to move back (server caught up)' });
  if (!wasDirty && doc.isDirty) await doc.save(); // same bytes as before; keeps the editor clean
}

/** True when some editor tab shows `uri`. */
function hasTab(uri) {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
}

/**
 * Gives `doc` an editor tab without changing the active editor (its cursor included).
 * The language client pulls diagnostics only for documents shown in tabs, and forgets
 * those of a document whose tab closes: a document opened with show: false gets none.
 */
async function ensureTab(doc) {
  if (hasTab(doc.uri)) return;
  const prev = vscode.window.activeTextEditor;
  const column = prev && prev.viewColumn ? prev.viewColumn : vscode.ViewColumn.One;
  await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true, viewColumn: column });
  if (prev && !prev.document.isClosed) {
    await vscode.window.showTextDocument(prev.document, { preview: false, viewColumn: column, selection: prev.selection });
  }
  assert.ok(hasTab(doc.uri), `${vscode.workspace.asRelativePath(doc.uri)} should have a tab now`);
}

function describeDiagnostics(ds) {
  if (!ds || ds.length === 0) return '(none)';
  return ds.map((d) => `[${d.source || '-'}] ${severityName(d.severity)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join(' | ');
}

function severityName(s) {
  return ['error', 'warning', 'info', 'hint'][s] || String(s);
}

/** 0-based line of the first line of `doc` containing `text`; fails the test if missing. */
function lineOf(doc, text) {
  for (let i = 0; i < doc.lineCount; i++) {
    if (doc.lineAt(i).text.includes(text)) return i;
  }
  assert.fail(`"${text}" not found in ${doc.uri.fsPath}`);
}

/**
 * Position in `doc` of `text` (first occurrence after `from`), plus `offset` characters:
 * positionOf(doc, 'host: reviews', 6) is the position of "reviews". For completion/hover tests.
 */
function positionOf(doc, text, offset = 0, from = 0) {
  const idx = doc.getText().indexOf(text, from);
  assert.ok(idx >= 0, `"${text}" not found in ${doc.uri.fsPath}`);
  return doc.positionAt(idx + offset);
}

/** Completion items at a position (vscode.executeCompletionItemProvider). */
async function completionsAt(uri, position, triggerCharacter) {
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, position, triggerCharacter);
  return list ? list.items : [];
}

/**
 * Polls the completion at a position until `predicate(items)` holds (e.g. until the server
 * has indexed the workspace and offers what another file defines); returns the items.
 */
async function waitForCompletions(uri, position, predicate, { timeout = DEFAULT_TIMEOUT, what } = {}) {
  let items = [];
  try {
    await waitFor(async () => predicate((items = await completionsAt(uri, position))), {
      timeout, interval: 250, what: what || `completions at ${vscode.workspace.asRelativePath(uri)}:${position.line + 1}:${position.character + 1}`,
    });
  } catch (err) {
    err.message += `\n  last completion labels: ${items.map(label).join(', ') || '(none)'}`;
    throw err;
  }
  return items;
}

/** Polls the code lenses of a document (vscode.executeCodeLensProvider) until `predicate(lenses)` holds. */
async function waitForCodeLenses(uri, predicate, { timeout = DEFAULT_TIMEOUT, what } = {}) {
  let lenses = [];
  try {
    await waitFor(async () => {
      lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) || [];
      return predicate(lenses);
    }, { timeout, interval: 250, what: what || `code lenses in ${vscode.workspace.asRelativePath(uri)}` });
  } catch (err) {
    err.message += `\n  last lenses: ${lenses.map((l) => (l.command ? l.command.title : '(unresolved)')).join(', ') || '(none)'}`;
    throw err;
  }
  return lenses;
}

/** Hovers at a position (vscode.executeHoverProvider), flattened to markdown/plain strings. */
async function hoverTextAt(uri, position) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position)) || [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

function label(item) {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** A diagnostic's code as a string ('IST0101'), whether VS Code gives it plain or with a link. */
function codeOf(diagnostic) {
  const c = diagnostic.code;
  return c !== null && typeof c === 'object' ? String(c.value) : c === undefined ? undefined : String(c);
}

module.exports = {
  EXTENSION_ID,
  SOURCE,
  DEFAULT_TIMEOUT,
  waitFor,
  workspaceRoot,
  fixtureUri,
  openFixture,
  openUntitled,
  closeAllEditors,
  revertAndCloseAll,
  revertDocument,
  editDocument,
  getExtension,
  waitForActivation,
  istioDiagnostics,
  waitForDiagnostics,
  diagnosticsBarrier,
  ensureTab,
  hasTab,
  describeDiagnostics,
  lineOf,
  positionOf,
  completionsAt,
  waitForCompletions,
  waitForCodeLenses,
  hoverTextAt,
  label,
  codeOf,
};
