// Quick fixes: each case validates a small workspace, asks for the fixes of
// one diagnostic, applies the chosen fix's edits, compares the YAML with the
// expected text and validates again to show the diagnostic is gone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../helpers/workspace.mjs';
import { applyWorkspaceEdit } from '../helpers/edits.mjs';

const VS = (spec, meta = '  name: checkout\n  namespace: shop\n') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
${meta}spec:
  hosts:
  - checkout
${spec}`;

const DR = (spec, name = 'payments') => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: shop
spec:
  host: payments
${spec}`;

const ROUTE = '  http:\n  - route:\n    - destination:\n        host: checkout\n';

/** The fixes offered for the one diagnostic of `rule` in `files[name]`. */
function fixesFor(files, name, rule) {
  const ws = workspace(files);
  const { doc, parsed } = ws.docs[name];
  const diagnostics = ws.service.doValidation(doc, parsed, ws.settings);
  const matching = diagnostics.filter((d) => d.data?.rule === rule);
  assert.equal(matching.length, 1, `one ${rule} diagnostic among ${diagnostics.map((d) => d.data?.rule).join(', ')}`);
  const [diagnostic] = matching;
  const actions = ws.service.doCodeActions(doc, parsed, diagnostic.range, diagnostics).filter((a) => a.diagnostics.includes(diagnostic));
  for (const a of actions) assert.equal(a.kind, 'quickfix');
  return { ws, diagnostic, actions };
}

/** Applies an action's WorkspaceEdit to the workspace; returns the new texts by file name. */
function apply(ws, action) {
  const texts = Object.fromEntries(Object.values(ws.docs).map((d) => [d.uri, d.doc.getText()]));
  const changed = applyWorkspaceEdit(texts, action.edit);
  const out = {};
  for (const [name, d] of Object.entries(ws.docs)) {
    if (!(d.uri in changed)) continue;
    ws.change(name, changed[d.uri]);
    out[name] = changed[d.uri];
  }
  return out;
}

/**
 * Each case: the workspace, the file and rule of the diagnostic, the title of
 * the fix to apply (and whether it is the preferred one), and the expected
 * texts of the files it changes.
 */
const CASES = [
  {
    name: 'unknown field: renames the key to the close match',
    files: { 'shop/vs.yaml': VS(`${ROUTE}    retries:\n      attemps: 3\n`) },
    rule: 'unknown-field',
    title: 'Rename to "attempts"',
    expected: { 'shop/vs.yaml': VS(`${ROUTE}    retries:\n      attempts: 3\n`) },
  },
  {
    name: 'unknown field in a document with a syntax error: still renamed',
    files: { 'shop/vs.yaml': VS(`${ROUTE}    timeout: 5s\n    retries:\n      atempts: 3\n      perTryTimeout: [2s\n`) },
    rule: 'unknown-field',
    title: 'Rename to "attempts"',
    expected: { 'shop/vs.yaml': VS(`${ROUTE}    timeout: 5s\n    retries:\n      attempts: 3\n      perTryTimeout: [2s\n`) },
    keepsSyntaxError: true,
  },
  {
    name: 'unquoted wildcard host read as an alias: quoted',
    files: { 'shop/vs.yaml': VS(ROUTE).replace('  - checkout\n', '  - checkout\n  - *.shop.example.com\n') },
    rule: 'yaml-unknown-anchor',
    title: 'Quote as "*.shop.example.com"',
    expected: { 'shop/vs.yaml': VS(ROUTE).replace('  - checkout\n', '  - checkout\n  - "*.shop.example.com"\n') },
  },
  {
    name: 'enum: replaces the value with the close match',
    files: { 'shop/dr.yaml': DR('  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBN\n') },
    rule: 'enum',
    title: 'Change to "ROUND_ROBIN"',
    expected: { 'shop/dr.yaml': DR('  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n') },
  },
  {
    name: 'enum: keeps the quotes of a quoted value',
    files: { 'shop/dr.yaml': DR('  trafficPolicy:\n    tls:\n      mode: "ISTIO_MUTAL"\n') },
    rule: 'enum',
    title: 'Change to "ISTIO_MUTUAL"',
    expected: { 'shop/dr.yaml': DR('  trafficPolicy:\n    tls:\n      mode: "ISTIO_MUTUAL"\n') },
  },
  {
    name: 'deprecated consecutiveErrors: renamed to consecutive5xxErrors',
    files: { 'shop/dr.yaml': DR('  trafficPolicy:\n    outlierDetection:\n      consecutiveErrors: 5\n      interval: 10s\n') },
    rule: 'deprecated-field',
    title: 'Replace "consecutiveErrors" with "consecutive5xxErrors"',
    expected: { 'shop/dr.yaml': DR('  trafficPolicy:\n    outlierDetection:\n      consecutive5xxErrors: 5\n      interval: 10s\n') },
  },
  {
    name: 'deprecated mirrorPercent: becomes mirrorPercentage.value, indented under it',
    files: { 'shop/vs.yaml': VS(`${ROUTE}    mirror:\n      host: checkout-shadow\n    mirrorPercent: 20 # shadow a fifth\n    timeout: 3s\n`) },
    rule: 'deprecated-field',
    title: 'Replace "mirrorPercent" with "mirrorPercentage.value"',
    expected: { 'shop/vs.yaml': VS(`${ROUTE}    mirror:\n      host: checkout-shadow\n    mirrorPercentage:\n      value: 20 # shadow a fifth\n    timeout: 3s\n`) },
  },
  {
    name: 'deprecated mirrorPercent in a file indented by 4',
    files: {
      'shop/vs.yaml':
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n    name: checkout\nspec:\n    hosts:\n        - checkout\n    http:\n        - route:\n              - destination:\n                    host: checkout\n          mirror:\n              host: checkout-shadow\n          mirrorPercent: 20\n',
    },
    rule: 'deprecated-field',
    title: 'Replace "mirrorPercent" with "mirrorPercentage.value"',
    expected: {
      'shop/vs.yaml':
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n    name: checkout\nspec:\n    hosts:\n        - checkout\n    http:\n        - route:\n              - destination:\n                    host: checkout\n          mirror:\n              host: checkout-shadow\n          mirrorPercentage:\n              value: 20\n',
    },
  },
  {
    name: 'deprecated fault.delay.percent: becomes percentage.value',
    files: { 'shop/vs.yaml': VS(`${ROUTE}    fault:\n      delay:\n        percent: 10\n        fixedDelay: 2s\n`) },
    rule: 'deprecated-field',
    title: 'Replace "percent" with "percentage.value"',
    expected: { 'shop/vs.yaml': VS(`${ROUTE}    fault:\n      delay:\n        percentage:\n          value: 10\n        fixedDelay: 2s\n`) },
  },
  {
    name: 'removed fault.abort.percent: becomes percentage.value',
    files: { 'shop/vs.yaml': VS(`${ROUTE}    fault:\n      abort:\n        httpStatus: 503\n        percent: 10\n`) },
    rule: 'removed-field',
    title: 'Replace "percent" with "percentage.value"',
    expected: { 'shop/vs.yaml': VS(`${ROUTE}    fault:\n      abort:\n        httpStatus: 503\n        percentage:\n          value: 10\n`) },
  },
  {
    name: 'deprecated field in a flow map: rewritten in flow style',
    files: { 'shop/vs.yaml': VS(`${ROUTE}    fault:\n      delay: {percent: 5, fixedDelay: 1s}\n`) },
    rule: 'deprecated-field',
    title: 'Replace "percent" with "percentage.value"',
    expected: { 'shop/vs.yaml': VS(`${ROUTE}    fault:\n      delay: {percentage: {value: 5}, fixedDelay: 1s}\n`) },
  },
  {
    name: 'legacy gateway name: rewritten as namespace/name',
    files: { 'shop/vs.yaml': VS(`  gateways:\n  - shop-gateway.istio-system\n${ROUTE}`) },
    rule: 'gateway-legacy-name',
    title: 'Write as "istio-system/shop-gateway" (<namespace>/<name>)',
    expected: { 'shop/vs.yaml': VS(`  gateways:\n  - istio-system/shop-gateway\n${ROUTE}`) },
  },
  {
    name: 'weights 30 + 40: scaled to 43 + 57',
    files: { 'shop/vs.yaml': VS('  http:\n  - route:\n    - destination:\n        host: checkout\n        subset: v1\n      weight: 30\n    - destination:\n        host: checkout\n        subset: v2\n      weight: 40\n') },
    rule: 'weights-sum',
    title: 'Scale the weights to add up to 100 (43, 57)',
    expected: { 'shop/vs.yaml': VS('  http:\n  - route:\n    - destination:\n        host: checkout\n        subset: v1\n      weight: 43\n    - destination:\n        host: checkout\n        subset: v2\n      weight: 57\n') },
    extra: { 'shop/dr.yaml': DR('  subsets:\n  - name: v1\n  - name: v2\n', 'checkout').replace('host: payments', 'host: checkout') },
  },
  {
    name: 'weights 20 x4 + 10 (90): largest remainder, total exactly 100',
    files: { 'shop/vs.yaml': VS(`  tcp:\n  - route:\n${['a', 'b', 'c', 'd', 'e'].map((h, i) => `    - destination:\n        host: ${h}\n      weight: ${i === 4 ? 10 : 20}\n`).join('')}`) },
    rule: 'weights-sum',
    title: 'Scale the weights to add up to 100 (23, 22, 22, 22, 11)',
    expected: { 'shop/vs.yaml': VS(`  tcp:\n  - route:\n${['a', 'b', 'c', 'd', 'e'].map((h, i) => `    - destination:\n        host: ${h}\n      weight: ${[23, 22, 22, 22, 11][i]}\n`).join('')}`) },
  },
  {
    name: 'weights: a destination without a weight keeps none',
    files: { 'shop/vs.yaml': VS('  tcp:\n  - route:\n    - destination:\n        host: a\n      weight: 60\n    - destination:\n        host: b\n    - destination:\n        host: c\n      weight: 20\n') },
    rule: 'weights-sum',
    title: 'Scale the weights to add up to 100 (75, 25)',
    expected: { 'shop/vs.yaml': VS('  tcp:\n  - route:\n    - destination:\n        host: a\n      weight: 75\n    - destination:\n        host: b\n    - destination:\n        host: c\n      weight: 25\n') },
  },
];

describe('code actions: fix, apply, re-validate', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const [file] = Object.keys(c.files);
      const { ws, actions } = fixesFor({ ...c.files, ...c.extra }, file, c.rule);
      const action = actions.find((a) => a.title === c.title);
      assert.ok(action, `no "${c.title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(action.isPreferred, true);
      assert.deepEqual(apply(ws, action), c.expected);
      const after = ws.diagnose(file);
      assert.deepEqual(after.filter((d) => d.rule === c.rule), []);
      if (!c.keepsSyntaxError) assert.deepEqual(after.filter((d) => d.severity === 1), [], 'no error left');
    });
  }
});

// ---------------------------------------------------------------- subsets

const PAYMENTS_DR = DR('  subsets:\n  - name: v1\n    labels:\n      version: v1\n  - name: v2\n    labels:\n      version: v2 # current\n\n');
const TO_PAYMENTS = (subset) => VS(`  http:\n  - route:\n    - destination:\n        host: payments\n        subset: ${subset}\n`);

describe('code actions: subset not found (IST0101)', () => {
  it("adds the subset to the host's DestinationRule in its own file", () => {
    const files = { 'payments/destination-rule.yaml': PAYMENTS_DR, 'shop/checkout.yaml': TO_PAYMENTS('canary') };
    const { ws, diagnostic, actions } = fixesFor(files, 'shop/checkout.yaml', 'subset-not-found');
    assert.equal(diagnostic.code, 'IST0101');
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [['Add subset "canary" to DestinationRule shop/payments', true]]);
    assert.deepEqual(Object.keys(actions[0].edit.changes), ['file:///ws/payments/destination-rule.yaml']);
    assert.deepEqual(apply(ws, actions[0]), {
      'payments/destination-rule.yaml': DR('  subsets:\n  - name: v1\n    labels:\n      version: v1\n  - name: v2\n    labels:\n      version: v2 # current\n  - name: canary\n    labels:\n      version: canary\n\n'),
    });
    assert.deepEqual(ws.diagnose('shop/checkout.yaml').filter((d) => d.code === 'IST0101'), []);
    const dr = [...ws.service.workspace.resources('DestinationRule')][0];
    assert.deepEqual(dr.subsets.map((s) => [s.name.value, s.labels]), [['v1', { version: 'v1' }], ['v2', { version: 'v2' }], ['canary', { version: 'canary' }]]);
  });

  it('offers the close match first (preferred), adding the subset second', () => {
    const files = { 'payments/destination-rule.yaml': PAYMENTS_DR, 'shop/checkout.yaml': TO_PAYMENTS('v3') };
    const { ws, actions } = fixesFor(files, 'shop/checkout.yaml', 'subset-not-found');
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [['Change to "v1"', true], ['Add subset "v3" to DestinationRule shop/payments', false]]);
    assert.deepEqual(apply(ws, actions[0]), { 'shop/checkout.yaml': TO_PAYMENTS('v1') });
    assert.deepEqual(ws.diagnose('shop/checkout.yaml').filter((d) => d.code === 'IST0101'), []);
  });

  it('adds a subsets list to a DestinationRule that has none, following the file\'s indentation', () => {
    const dr = DR('  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n');
    const { ws, actions } = fixesFor({ 'payments/dr.yaml': dr, 'shop/checkout.yaml': TO_PAYMENTS('v2') }, 'shop/checkout.yaml', 'subset-not-found');
    assert.deepEqual(apply(ws, actions.find((a) => a.title.startsWith('Add subset'))), {
      'payments/dr.yaml': DR('  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n  subsets:\n  - name: v2\n    labels:\n      version: v2\n'),
    });
    assert.deepEqual(ws.diagnose('shop/checkout.yaml').filter((d) => d.code === 'IST0101'), []);
  });

  it('fills an empty subsets list', () => {
    const { ws, actions } = fixesFor({ 'payments/dr.yaml': DR('  subsets: []\n'), 'shop/checkout.yaml': TO_PAYMENTS('v2') }, 'shop/checkout.yaml', 'subset-not-found');
    assert.deepEqual(apply(ws, actions[0]), { 'payments/dr.yaml': DR('  subsets:\n  - name: v2\n    labels:\n      version: v2\n') });
  });

  it('appends to a flow subsets list in flow style', () => {
    const { ws, actions } = fixesFor({ 'payments/dr.yaml': DR('  subsets: [{name: v1, labels: {version: v1}}]\n'), 'shop/checkout.yaml': TO_PAYMENTS('v2') }, 'shop/checkout.yaml', 'subset-not-found');
    const add = actions.find((a) => a.title.startsWith('Add subset'));
    assert.deepEqual(apply(ws, add), { 'payments/dr.yaml': DR('  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]\n') });
    assert.deepEqual(ws.diagnose('shop/checkout.yaml').filter((d) => d.code === 'IST0101'), []);
  });

  it('creates a DestinationRule in this file when the host has none', () => {
    const vs = TO_PAYMENTS('v2').replace('host: payments', 'host: reviews');
    // (The workspace holds DestinationRules, so a missing one is worth saying.)
    const { ws, diagnostic, actions } = fixesFor({ 'shop/checkout.yaml': vs, 'payments/dr.yaml': PAYMENTS_DR }, 'shop/checkout.yaml', 'subset-no-destination-rule');
    assert.equal(diagnostic.code, 'IST0101');
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [['Create a DestinationRule for "reviews" with subset "v2"', true]]);
    const expected = `${vs}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
spec:
  host: reviews
  subsets:
  - name: v2
    labels:
      version: v2
`;
    assert.deepEqual(apply(ws, actions[0]), { 'shop/checkout.yaml': expected });
    assert.deepEqual(ws.diagnose('shop/checkout.yaml').filter((d) => d.code === 'IST0101' || d.severity === 1), []);
  });

  it('names a new DestinationRule after the short name of an FQDN host', () => {
    const vs = TO_PAYMENTS('v2').replace('host: payments', 'host: ratings.shop.svc.cluster.local');
    const { actions } = fixesFor({ 'shop/checkout.yaml': vs, 'payments/dr.yaml': PAYMENTS_DR }, 'shop/checkout.yaml', 'subset-no-destination-rule');
    const [edit] = actions[0].edit.changes['file:///ws/shop/checkout.yaml'];
    assert.match(edit.newText, /^---\n[\s\S]*\n {2}name: ratings\n[\s\S]*\n {2}host: ratings\.shop\.svc\.cluster\.local\n/);
  });
});

describe('code actions: what gets none', () => {
  it('gives nothing for diagnostics outside the range, of another source, or without a fix', () => {
    const ws = workspace({ 'shop/vs.yaml': VS(`${ROUTE}    retries:\n      attemps: 3\n`) });
    const { doc, parsed } = ws.docs['shop/vs.yaml'];
    const diagnostics = ws.service.doValidation(doc, parsed, ws.settings);
    const typo = diagnostics.find((d) => d.data?.rule === 'unknown-field');
    const elsewhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    assert.deepEqual(ws.service.doCodeActions(doc, parsed, elsewhere, diagnostics), []);
    assert.deepEqual(ws.service.doCodeActions(doc, parsed, typo.range, [{ ...typo, source: 'yaml' }]), []);
    assert.deepEqual(ws.service.doCodeActions(doc, parsed, typo.range, [{ ...typo, data: { rule: 'unknown-field' } }]), []);
  });

  it('leaves a deprecated field alone when its replacement is already set', () => {
    const files = { 'shop/vs.yaml': VS(`${ROUTE}    mirror:\n      host: checkout-shadow\n    mirrorPercent: 20\n    mirrorPercentage:\n      value: 20\n`) };
    assert.deepEqual(fixesFor(files, 'shop/vs.yaml', 'deprecated-field').actions, []);
  });
});

describe('code actions: line endings', () => {
  it('writes CRLF line breaks into a CRLF file', () => {
    const crlf = (t) => t.replace(/\n/g, '\r\n');
    const files = { 'shop/vs.yaml': crlf(VS(`${ROUTE}    fault:\n      delay:\n        percent: 10\n        fixedDelay: 2s\n`)) };
    const { ws, actions } = fixesFor(files, 'shop/vs.yaml', 'deprecated-field');
    assert.deepEqual(apply(ws, actions[0]), { 'shop/vs.yaml': crlf(VS(`${ROUTE}    fault:\n      delay:\n        percentage:\n          value: 10\n        fixedDelay: 2s\n`)) });
  });
});
