'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helper');

suite('diagnostics', () => {
  suiteSetup(async () => {
    await h.waitForActivation();
  });

  test('YAML syntax error in a VirtualService is reported with source "istio" on its line', async () => {
    const { uri, doc } = await h.openFixture('virtualservice-syntax-error.yaml');
    const expectedLine = h.lineOf(doc, 'timeout: 10s: retry');
    const ds = await h.waitForDiagnostics(uri, (all) => all.some((d) => d.range.start.line === expectedLine), {
      what: `an istio diagnostic on line ${expectedLine + 1} of virtualservice-syntax-error.yaml`,
    });
    const d = ds.find((x) => x.range.start.line === expectedLine);
    assert.strictEqual(d.source, 'istio');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `expected an error, got ${h.describeDiagnostics([d])}`);
    assert.ok(d.message.length > 0, 'diagnostic has an empty message');
  });

  test('a valid DestinationRule gets no istio errors', async () => {
    const { uri } = await h.openFixture('destinationrule.yaml');
    await h.diagnosticsBarrier();
    const errors = h.istioDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors, [], h.describeDiagnostics(errors));
  });

  test('a plain (non-Kubernetes) YAML file gets no istio diagnostics, even with a syntax error', async () => {
    const { uri, doc } = await h.openFixture('.github/workflows/ci.yaml');
    assert.strictEqual(doc.languageId, 'yaml');
    await h.diagnosticsBarrier();
    const ds = h.istioDiagnostics(uri);
    assert.deepStrictEqual(ds, [], h.describeDiagnostics(ds));
  });
});
