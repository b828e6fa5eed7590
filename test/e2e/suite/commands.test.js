'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('./helper');

// "Istio: Generate Canary" (istio.generateCanary) with its one argument object: it asks
// nothing, returns the generated text and puts it into the editor.
const generate = (options) => vscode.commands.executeCommand('istio.generateCanary', options);

const RATINGS_CANARY = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: shop
spec:
  hosts:
  - ratings
  http:
  - name: ratings-canary
    route:
    - destination:
        host: ratings
        subset: v1
      weight: 80
    - destination:
        host: ratings
        subset: v2
      weight: 20
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ratings
  namespace: shop
spec:
  host: ratings
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`;

const dirtyFiles = () => vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file').map((d) => vscode.workspace.asRelativePath(d.uri));

/** Makes a plain (non-Istio) YAML file the active editor: the command then opens a new editor. */
async function activatePlainYaml() {
  const { doc, editor } = await h.openFixture('.github/workflows/ci.yaml');
  assert.strictEqual(vscode.window.activeTextEditor, editor);
  return doc;
}

/** Waits until the server's workspace index offers `subset` for `host` (namespace shop), asked from an untitled probe. */
async function waitForIndexedSubset(host, subset) {
  const { uri, doc } = await h.openUntitled([
    'apiVersion: networking.istio.io/v1', 'kind: VirtualService', 'metadata:', '  name: e2e-index-probe', '  namespace: shop',
    'spec:', '  hosts:', '  - e2e-index-probe', '  http:', '  - route:', '    - destination:', `        host: ${host}`, '        subset: ',
  ].join('\n'));
  try {
    await h.waitForCompletions(uri, doc.lineAt(doc.lineCount - 1).range.end, (items) => items.some((i) => h.label(i) === subset), {
      what: `the workspace index to know subset ${subset} of host ${host}`,
    });
  } finally {
    await h.revertAndCloseAll();
  }
}

suite('commands', () => {
  suiteSetup(() => h.waitForActivation());
  teardown(() => h.revertAndCloseAll());

  test('Generate Canary {host: ratings, namespace: shop, canaryWeight: 20} opens a new editor with the VirtualService and DestinationRule when the active file is not Istio', async () => {
    const plain = await activatePlainYaml();
    const plainText = plain.getText();
    const text = await generate({ host: 'ratings', namespace: 'shop', canaryWeight: 20 });
    assert.strictEqual(text, RATINGS_CANARY);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document !== plain, 'a new editor should be active');
    assert.strictEqual(editor.document.uri.scheme, 'untitled');
    assert.strictEqual(editor.document.languageId, 'yaml');
    assert.strictEqual(editor.document.getText(), RATINGS_CANARY);
    assert.strictEqual(plain.getText(), plainText, 'the plain YAML file must not change');
    assert.deepStrictEqual(dirtyFiles(), [], 'no DestinationRule for ratings exists: no file may change');

    await h.diagnosticsBarrier();
    const errors = h.istioDiagnostics(editor.document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors, [], `the generated YAML should pass our own checks: ${h.describeDiagnostics(errors)}`);
  });

  test('Generate Canary for a host whose DestinationRule exists adds only the missing subset to that file', async () => {
    const file = 'payments-destinationrule.yaml';
    await waitForIndexedSubset('payments', 'v1'); // the DR is known from disk, never opened
    const plain = await activatePlainYaml();
    const text = await generate({ host: 'payments', namespace: 'shop', canaryWeight: 20 });

    assert.match(text, /^kind: VirtualService$/m);
    assert.doesNotMatch(text, /DestinationRule/, 'no second DestinationRule for payments');
    assert.match(text, /^ {8}subset: v1\n {6}weight: 80$/m);
    assert.match(text, /^ {8}subset: v2\n {6}weight: 20$/m);
    assert.notStrictEqual(vscode.window.activeTextEditor.document, plain);
    assert.strictEqual(vscode.window.activeTextEditor.document.getText(), text);

    const dr = await vscode.workspace.openTextDocument(h.fixtureUri(file));
    const saved = fs.readFileSync(dr.uri.fsPath, 'utf8');
    assert.ok(saved.endsWith('  subsets:\n  - name: v1\n    labels:\n      version: v1\n'), `unexpected fixture ${file}`);
    assert.strictEqual(dr.getText(), `${saved}  - name: v2\n    labels:\n      version: v2\n`);
    assert.deepStrictEqual(dirtyFiles(), [file], 'only the DestinationRule changes (unsaved)');
  });

  test('Generate Canary with a gateway appends new documents to the active Istio file', async () => {
    const gateway = [
      'apiVersion: networking.istio.io/v1', 'kind: Gateway', 'metadata:', '  name: shop-gateway', '  namespace: shop', 'spec:',
      '  selector:', '    istio: ingressgateway', '  servers:', '  - port:', '      number: 80', '      name: http', '      protocol: HTTP',
      '    hosts:', '    - shop.example.com', '',
    ].join('\n');
    const { doc, editor } = await h.openUntitled(gateway);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const text = await generate({
      host: 'details', namespace: 'shop', stable: 'blue', canary: 'green', canaryWeight: 5,
      gateway: 'shop/shop-gateway', externalHosts: ['shop.example.com'], port: 9080,
    });
    assert.strictEqual(vscode.window.activeTextEditor.document, doc, 'no new editor for an Istio file');
    assert.strictEqual(doc.getText(), `${gateway}---\n${text}`);
    for (const line of ['  - details', '  - shop.example.com', '  gateways:', '  - shop/shop-gateway', '  - mesh', '        subset: blue',
      '      weight: 95', '        subset: green', '      weight: 5', '          number: 9080', '  - name: green']) {
      assert.ok(text.split('\n').includes(line), `missing line "${line}" in:\n${text}`);
    }
    await h.diagnosticsBarrier();
    const errors = h.istioDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors, [], `gateway, hosts and subsets should all resolve: ${h.describeDiagnostics(errors)}`);
  });
});
