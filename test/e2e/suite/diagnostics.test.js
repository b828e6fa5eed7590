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

  test('an unknown subset (v3) gets IST0101 on its value, naming the subsets a DestinationRule in another file defines', async () => {
    const file = 'frontend-virtualservice-unknown-subset.yaml';
    const { uri, doc } = await h.openFixture(file);
    const start = h.positionOf(doc, 'subset: v3', 'subset: '.length);
    const range = new vscode.Range(start, start.translate(0, 'v3'.length));
    // cross-file: it appears once the server has indexed checkout-destinationrule.yaml
    const ds = await h.waitForDiagnostics(uri, (all) => all.some((d) => h.codeOf(d) === 'IST0101'), {
      what: `an IST0101 diagnostic on "v3" in ${file}`,
    });
    const d = ds.find((x) => h.codeOf(x) === 'IST0101');
    assert.ok(d.range.isEqual(range), `expected the range of "v3" (${range.start.line + 1}:${range.start.character + 1}-${range.end.character + 1}), got ${h.describeDiagnostics([d])} ending at ${d.range.end.line + 1}:${d.range.end.character + 1}`);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, h.describeDiagnostics([d]));
    assert.match(d.message, /"v3"/);
    assert.match(d.message, /DestinationRule shop\/checkout defines the subsets "v1", "v2"/);
    assert.deepStrictEqual(ds.filter((x) => x !== d).map((x) => h.describeDiagnostics([x])), [], 'no other istio diagnostic in this file');
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
