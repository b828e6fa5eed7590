'use strict';
const assert = require('assert');
const h = require('./helper');

const CANARY = 'checkout-virtualservice-canary.yaml';

suite('hover', () => {
  suiteSetup(() => h.waitForActivation());
  suiteTeardown(() => h.revertAndCloseAll());

  test('on a key ("timeout") shows its documentation with the field path', async () => {
    const { uri, doc } = await h.openFixture(CANARY);
    const pos = h.positionOf(doc, 'timeout: 10s', 2); // inside "timeout"
    const text = await h.waitFor(() => h.hoverTextAt(uri, pos), { interval: 250, what: `a hover on "timeout" in ${CANARY}` });
    assert.match(text, /\*\*spec\.http\[0\]\.timeout\*\*/, `the hover should name the field path:\n${text}`);
    assert.match(text, /`string`/, `the hover should give the type:\n${text}`);
    assert.match(text, /504/, `the hover should describe the field (the proxy answers 504 when it expires):\n${text}`);
    assert.match(text, /istio\.io\/latest\/docs\/reference\/config\/networking\/virtual-service/, `the hover should link the Istio reference:\n${text}`);
  });

  test('on a subset reference shows what it resolves to: the DestinationRule, its file and labels', async () => {
    const { uri, doc } = await h.openFixture(CANARY);
    const pos = h.positionOf(doc, 'subset: v2', 'subset: '.length + 1); // inside "v2"
    // the subset is resolved through the workspace index: poll until it has loaded
    const text = await h.waitFor(async () => {
      const t = await h.hoverTextAt(uri, pos);
      return /DestinationRule/.test(t) && t;
    }, { interval: 250, what: `a hover on subset v2 in ${CANARY} that names its DestinationRule` });
    assert.match(text, /\*\*subset `v2`\*\* of `checkout\.shop\.svc\.cluster\.local`/, `the hover should say which subset of which host:\n${text}`);
    assert.match(text, /DestinationRule `checkout` · namespace `shop`/, `the hover should name the DestinationRule:\n${text}`);
    assert.match(text, /checkout-destinationrule\.yaml/, `the hover should link the file that defines it:\n${text}`);
    assert.match(text, /`version=v2`/, `the hover should show the subset's labels:\n${text}`);
    assert.match(text, /spec\.http\[0\]\.route\[1\]\.destination\.subset/, `the field documentation should follow:\n${text}`);
  });
});
