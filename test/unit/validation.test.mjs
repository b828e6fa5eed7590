import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fixture } from '../helpers/core.mjs';

describe('YAML syntax diagnostics', () => {
  it('reports a syntax error in an Istio file at its exact range', () => {
    const diags = diagnose(fixture('validation/syntax-error.yaml'));
    assert.ok(diags.length >= 1);
    for (const d of diags) {
      assert.equal(d.source, 'istio');
      assert.equal(d.severity, 1);
      assert.ok(d.code, 'every diagnostic has a code');
    }
    assert.equal(diags[0].code, 'yaml-syntax');
    assert.equal(diags[0].range, '12:8-12:14'); // the mis-indented `subset` key
  });
  it('reports nothing for a non-Kubernetes file, even a broken one', () => {
    assert.deepEqual(diagnose(fixture('validation/workflow.yaml')), []);
  });
  it('reports errors in any document of a file that holds an Istio resource', () => {
    const text = 'apiVersion: networking.istio.io/v1\nkind: Gateway\n---\nplain: [unclosed\n';
    const diags = diagnose(text);
    assert.equal(diags.length, 1);
    assert.match(diags[0].range, /^4:/);
  });
  it('words tab indentation clearly', () => {
    const diags = diagnose('apiVersion: networking.istio.io/v1\nkind: Gateway\nspec:\n\tselector: {}\n');
    assert.ok(diags.some((d) => d.code === 'yaml-tab-indent' && /spaces/.test(d.message)), JSON.stringify(diags));
  });
  it('flags duplicate keys', () => {
    const diags = diagnose('apiVersion: networking.istio.io/v1\nkind: Gateway\nkind: Gateway\n');
    assert.deepEqual(diags.map((d) => [d.code, d.range]), [['yaml-duplicate-key', '3:1-3:5']]);
  });
  it('keeps ranges exact with CRLF line ends', () => {
    const text = fixture('validation/syntax-error.yaml').replace(/\n/g, '\r\n');
    assert.equal(diagnose(text)[0].range, '12:8-12:14');
  });
});
