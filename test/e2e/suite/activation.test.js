'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('./helper');

/** The harness's config (run-vscode-server.mjs writes it; the electron runner has none): was Restricted Mode asked for? */
function restrictedRun() {
  const file = process.env.ISTIO_E2E_CONFIG;
  return Boolean(file && fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).restricted);
}

suite('activation', () => {
  test('extension istio-yaml.istio-yaml is installed', () => {
    const ext = h.getExtension();
    assert.strictEqual(ext.packageJSON.publisher, 'istio-yaml');
    assert.strictEqual(ext.packageJSON.name, 'istio-yaml');
  });

  test('activates when an Istio file is opened', async () => {
    const { doc } = await h.openFixture('destinationrule.yaml');
    assert.strictEqual(doc.languageId, 'yaml', 'fixture should open as yaml');
    const ext = await h.waitForActivation();
    assert.ok(ext.isActive);
  });

  test('runs in the trust state the harness set up (with --restricted: an untrusted folder, Restricted Mode)', () => {
    // Every other test of the suite then shows the extension working in that state.
    assert.strictEqual(vscode.workspace.isTrusted, !restrictedRun());
  });
});
