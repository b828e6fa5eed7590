'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helper');

// An unquoted wildcard host is a YAML alias to an anchor that does not exist.
const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts:
    - *.example.com
`;

suite('quick fixes', () => {
  suiteSetup(() => h.waitForActivation());
  suiteTeardown(() => h.revertAndCloseAll());

  test('an unquoted "*.example.com" gets yaml-unknown-anchor; its quick fix quotes it and the error goes away', async () => {
    const { uri, doc } = await h.openUntitled(GATEWAY);
    const ds = await h.waitForDiagnostics(uri, (all) => all.some((d) => h.codeOf(d) === 'yaml-unknown-anchor'), { what: 'a yaml-unknown-anchor diagnostic' });
    const d = ds.find((x) => h.codeOf(x) === 'yaml-unknown-anchor');
    const start = h.positionOf(doc, '*.example.com');
    assert.ok(d.range.isEqual(new vscode.Range(start, start.translate(0, '*.example.com'.length))), h.describeDiagnostics([d]));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);

    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const quote = (actions || []).find((a) => a.title === 'Quote as "*.example.com"');
    assert.ok(quote, `no "Quote as" among ${JSON.stringify((actions || []).map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(quote.edit), 'the quick fix edit was not applied');
    assert.strictEqual(doc.getText(), GATEWAY.replace('- *.example.com', '- "*.example.com"'));
    await h.waitForDiagnostics(uri, (all) => !all.some((x) => h.codeOf(x) === 'yaml-unknown-anchor') && all.every((x) => x.severity !== vscode.DiagnosticSeverity.Error), { what: 'no istio error once quoted' });
  });
});
