'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helper');

// A route with weight 90 to subset v1 and 10 to subset v2.
const CANARY = 'checkout-virtualservice-canary.yaml';
const titles = (lenses) => lenses.map((l) => (l.command ? l.command.title : '(unresolved)'));

suite('code lenses', () => {
  suiteSetup(() => h.waitForActivation());
  suiteTeardown(() => h.revertAndCloseAll());

  test('a weighted route (90/10) offers "Shift 10% to v2", "Promote v2 (100%)" and "Roll back to v1" above it', async () => {
    const { uri, doc } = await h.openFixture(CANARY);
    const lenses = await h.waitForCodeLenses(uri, (ls) => ls.length > 0, { what: `rollout code lenses in ${CANARY}` });
    assert.deepStrictEqual(titles(lenses), ['Shift 10% to v2', 'Promote v2 (100%)', 'Roll back to v1']);
    const routeLine = h.lineOf(doc, 'route:');
    for (const l of lenses) {
      assert.strictEqual(l.range.start.line, routeLine, `"${l.command.title}" should sit on the "route:" line`);
      assert.strictEqual(l.command.command, 'istio.applyEdits');
    }
  });

  test('running "Shift 10% to v2" changes the weights to 80/20; a lens from before that edit is refused', async () => {
    const { uri, doc } = await h.openFixture(CANARY);
    const before = doc.getText();
    assert.match(before, /weight: 90\n[\s\S]*weight: 10\n/);
    const lenses = await h.waitForCodeLenses(uri, (ls) => titles(ls).includes('Shift 10% to v2'));
    const shift = lenses.find((l) => l.command.title === 'Shift 10% to v2').command;

    const applied = await vscode.commands.executeCommand(shift.command, ...shift.arguments);
    assert.strictEqual(applied, true, 'istio.applyEdits should report the edit as applied');
    const expected = before.replace('weight: 90\n', 'weight: 80\n').replace('weight: 10\n', 'weight: 20\n');
    assert.strictEqual(doc.getText(), expected);

    // the lens was computed for the previous version: applying it again must change nothing
    const again = await vscode.commands.executeCommand(shift.command, ...shift.arguments);
    assert.strictEqual(again, false, 'a stale lens should be refused');
    assert.strictEqual(doc.getText(), expected);

    // the lenses follow the new weights
    const next = await h.waitForCodeLenses(uri, (ls) => titles(ls).includes('Shift 10% to v2') && ls[0].command.arguments[1] === doc.version, {
      what: 'lenses recomputed for the edited document',
    });
    const nextShift = next.find((l) => l.command.title === 'Shift 10% to v2').command;
    assert.ok(await vscode.commands.executeCommand(nextShift.command, ...nextShift.arguments));
    assert.strictEqual(doc.getText(), before.replace('weight: 90\n', 'weight: 70\n').replace('weight: 10\n', 'weight: 30\n'));
    await h.revertDocument(doc);
    assert.strictEqual(doc.getText(), before);
  });
});
