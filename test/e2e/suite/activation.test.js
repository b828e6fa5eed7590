'use strict';
const assert = require('assert');
const h = require('./helper');

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
});
