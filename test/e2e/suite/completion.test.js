'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helper');

// checkout-virtualservice-canary.yaml routes to host "checkout", whose subsets v1 and v2
// are defined by checkout-destinationrule.yaml: a different file, so only the server's
// workspace index knows them.
const CANARY = 'checkout-virtualservice-canary.yaml';

suite('completion', () => {
  suiteSetup(() => h.waitForActivation());
  suiteTeardown(() => h.revertAndCloseAll());

  test('at "subset: " offers the subsets v1, v2 that a DestinationRule in another file defines', async () => {
    const { uri, doc } = await h.openFixture(CANARY);
    // "subset: v1" -> "subset: " in memory, as while typing
    const at = h.positionOf(doc, 'subset: v1', 'subset: '.length);
    await h.editDocument(doc, (we) => we.delete(uri, new vscode.Range(at, at.translate(0, 'v1'.length))));
    assert.strictEqual(doc.lineAt(at.line).text.slice(0, at.character).trim(), 'subset:');
    assert.strictEqual(doc.lineAt(at.line).range.end.character, at.character, 'the cursor should be at the end of "subset: "');

    // the first answers may come before the server has indexed the workspace: poll
    const items = await h.waitForCompletions(uri, at, (all) => ['v1', 'v2'].every((l) => all.some((i) => h.label(i) === l)), {
      what: `subsets v1 and v2 offered at ${CANARY}:${at.line + 1}:${at.character + 1}`,
    });
    const subsets = items.filter((i) => ['v1', 'v2'].includes(h.label(i)));
    assert.deepStrictEqual(subsets.map(h.label).sort(), ['v1', 'v2'], 'each subset once');
    for (const item of subsets) {
      assert.strictEqual(item.kind, vscode.CompletionItemKind.Reference, `${h.label(item)}: kind`);
      assert.strictEqual(item.detail, `version=${h.label(item)}`, `${h.label(item)}: the detail shows the subset's labels`);
      const docs = typeof item.documentation === 'string' ? item.documentation : item.documentation && item.documentation.value;
      assert.match(docs || '', /DestinationRule/, `${h.label(item)}: documentation names the DestinationRule`);
      assert.match(docs || '', /checkout-destinationrule\.yaml/, `${h.label(item)}: documentation names the file that defines it`);
    }
    // nothing but subsets: no schema keys or values at a subset reference
    const others = items.filter((i) => i.kind === vscode.CompletionItemKind.Reference && !['v1', 'v2'].includes(h.label(i)));
    assert.deepStrictEqual(others.map(h.label), [], 'no other references offered');
    await h.revertDocument(doc);
  });
});
