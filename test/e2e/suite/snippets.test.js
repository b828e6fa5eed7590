'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('./helper');

// The snippet as the installed extension ships it (snippets/istio.json, contributed for yaml).
const NAME = 'Istio: canary (weighted split)';
function canarySnippet() {
  const file = path.join(h.getExtension().extensionPath, 'snippets', 'istio.json');
  const snippet = JSON.parse(fs.readFileSync(file, 'utf8'))[NAME];
  assert.ok(snippet, `${file} has no snippet "${NAME}"`);
  return snippet;
}

/** The text a snippet body inserts when every placeholder keeps its default. */
function expand(body) {
  return body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}

suite('snippets', () => {
  suiteSetup(() => h.waitForActivation());
  suiteTeardown(() => h.revertAndCloseAll());

  test('istio-canary inserts a VirtualService with a 90/10 split and its DestinationRule, with no istio errors', async () => {
    const { prefix, body } = canarySnippet();
    assert.strictEqual(prefix, 'istio-canary');
    const { uri, doc } = await h.openUntitled('');
    // by name, as a keybinding would: VS Code looks it up among the contributed yaml snippets
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: NAME });
    await h.waitFor(() => doc.getText() !== '', { events: [vscode.workspace.onDidChangeTextDocument], what: 'the snippet to be inserted' });
    await vscode.commands.executeCommand('leaveSnippet');
    const text = doc.getText();
    assert.strictEqual(text, expand(body));
    assert.match(text, /^kind: VirtualService$/m);
    assert.match(text, /^kind: DestinationRule$/m);
    assert.match(text, /^ {6}weight: 90$/m);
    assert.match(text, /^ {6}weight: 10$/m);
    assert.match(text, /^ {8}subset: stable$/m);
    assert.match(text, /^ {2}- name: canary$/m);

    await h.diagnosticsBarrier(); // the server has validated the snippet's text
    const errors = h.istioDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors, [], h.describeDiagnostics(errors));
  });

  test('typing "istio-can" offers the istio-canary snippet', async () => {
    const { uri, doc } = await h.openUntitled('istio-can');
    const end = doc.lineAt(0).range.end;
    const items = await h.waitForCompletions(uri, end, (all) => all.some((i) => h.label(i) === 'istio-canary'), {
      what: 'the istio-canary snippet among the completions',
    });
    const item = items.find((i) => h.label(i) === 'istio-canary');
    assert.strictEqual(item.kind, vscode.CompletionItemKind.Snippet);
  });
});
