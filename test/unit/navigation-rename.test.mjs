// Navigation over the workspace of navigation-fixtures.mjs: rename (prepareRename,
// validateRename, doRename). Expected ranges are `file L:C-L:C`, 1-based, end exclusive.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../helpers/workspace.mjs';
import {
  FILES, shared, at, span, loc, edits, VS, DR, GW, EDGE_VS, WEB,
} from './navigation-fixtures.mjs';

describe('navigation: rename', () => {
  const rename = (ws, file, needle, opts, newName) => ws.service.doRename(...at(ws, file, needle, opts), newName);
  const prepare = (file, needle, opts) => {
    const p = shared.service.prepareRename(...at(shared, file, needle, opts));
    return p && `${span(p.range)} ${p.placeholder}`;
  };
  /** Applies a WorkspaceEdit to the workspace's files and re-indexes them, as the editor would. */
  const apply = (ws, edit) => {
    for (const [uri, list] of Object.entries(edit.changes)) {
      const name = uri.replace('file:///ws/', '');
      const { doc } = ws.docs[name];
      let text = doc.getText();
      for (const e of [...list].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
        text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
      }
      ws.change(name, text);
    }
  };
  const V2_RENAMED = { 'shop/payments-dr.yaml': ['12:11-12:13 canary'], 'shop/checkout-vs.yaml': ['24:18-24:20 canary', '28:15-28:17 canary'] };

  it('prepareRename: the name under the cursor, without quotes or namespace', () => {
    assert.equal(prepare(VS, '"v2"'), '24:18-24:20 v2');
    assert.equal(prepare(DR, 'name: v1', { shift: 7 }), '9:11-9:13 v1');
    assert.equal(prepare(VS, 'edge/public', { shift: 1 }), '10:10-10:16 public');
    assert.equal(prepare(GW, 'public'), '4:9-4:15 public');
  });
  it('prepareRename: null on hosts, mesh, the Gateway API Gateway and plain values', () => {
    assert.equal(prepare(VS, 'host: payments', { shift: 8 }), null);
    assert.equal(prepare(VS, '- mesh', { shift: 3 }), null);
    assert.equal(prepare('edge/gateway-api.yaml', 'public'), null);
    assert.equal(prepare(VS, 'weight: 90', { shift: 9 }), null);
  });
  it('a subset: its name and every use for that host, inside the quotes', () =>
    assert.deepEqual(edits(rename(shared, DR, 'name: v2', { shift: 7 }, 'canary')), V2_RENAMED));
  it('a subset from one of its uses: the same edit', () =>
    assert.deepEqual(edits(rename(shared, VS, 'subset: v2', { shift: 9 }, 'canary')), V2_RENAMED));
  it('a subset used from other namespaces', () =>
    assert.deepEqual(edits(rename(shared, EDGE_VS, 'subset: v1', { shift: 9 }, 'blue')), {
      'shop/payments-dr.yaml': ['9:11-9:13 blue'],
      'shop/checkout-vs.yaml': ['20:17-20:19 blue'],
      'edge/shortname-vs.yaml': ['15:17-15:19 blue'],
    }));
  it('a subset of a DestinationRule exported to its own namespace leaves other namespaces alone', () =>
    assert.deepEqual(edits(rename(shared, DR, 'name: stable', { shift: 7 }, 'ga')), {
      'shop/payments-dr.yaml': ['26:11-26:17 ga'],
      'shop/checkout-vs.yaml': ['32:17-32:23 ga'],
    }));
  it('a Gateway: each reference keeps its form; web/public and the Gateway API Gateway are left alone', () =>
    assert.deepEqual(edits(rename(shared, VS, 'edge/public', { shift: 8, nth: 1 }, 'ingress')), {
      'edge/gateway.yaml': ['4:9-4:15 ingress'],
      'shop/checkout-vs.yaml': ['10:10-10:16 ingress', '16:14-16:20 ingress'],
      'edge/shortname-vs.yaml': ['10:5-10:11 ingress'],
    }));
  it('after the edits the workspace resolves the new names everywhere', () => {
    const ws = workspace(FILES);
    apply(ws, rename(ws, DR, 'name: v2', { shift: 7 }, 'canary'));
    apply(ws, rename(ws, GW, 'public', {}, 'ingress'));
    assert.match(ws.docs[VS].doc.getText(), /subset: "canary"\n/);
    assert.match(ws.docs[VS].doc.getText(), /- edge\/ingress\n  - mesh\n/);
    const refs = ws.service.findReferences(...at(ws, DR, 'name: canary', { shift: 7 }), false).map(loc);
    assert.deepEqual(refs, ['shop/checkout-vs.yaml 24:18-24:24', 'shop/checkout-vs.yaml 28:15-28:21']);
    assert.deepEqual(ws.service.findDefinition(...at(ws, EDGE_VS, '- ingress', { shift: 3 })).map(loc), ['edge/gateway.yaml 4:9-4:16']);
  });
  const refused = [
    ['an upper-case subset name', DR, 'name: v2', { shift: 7 }, 'V2', /'V2' is not a valid subset name/],
    ['a name ending in -', DR, 'name: v2', { shift: 7 }, 'v2-', /not a valid subset name/],
    ['a dotted name', DR, 'name: v2', { shift: 7 }, 'canary.v2', /not a valid subset name/],
    ['a Gateway name over 63 characters', GW, 'public', {}, 'g'.repeat(64), /not a valid Gateway name/],
    ['a subset name the DestinationRule already has', VS, '"v2"', {}, 'v1', /DestinationRule 'payments' already has a subset 'v1'/],
    ['a Gateway name taken in the namespace', EDGE_VS, '- public', { shift: 3 }, 'internal', /Namespace 'edge' already has a Gateway 'internal'/],
    ['a subset no visible DestinationRule defines', WEB, 'subset: stable', { shift: 9 }, 'ga', /Subset 'stable' is not defined by any DestinationRule for ledger\.shop\.svc\.cluster\.local visible from namespace 'web'/],
    ['a host', VS, 'host: payments', { shift: 8 }, 'orders', /Only DestinationRule subsets and Gateway names can be renamed/],
    ['mesh', VS, '- mesh', { shift: 3 }, 'sidecars', /'mesh' is reserved/],
  ];
  for (const [title, file, needle, opts, newName, reason] of refused) {
    it(`refuses ${title}: validateRename says why, doRename gives null`, () => {
      const r = shared.service.validateRename(...at(shared, file, needle, opts), newName);
      assert.match(r?.error ?? '', reason);
      assert.equal(rename(shared, file, needle, opts, newName), null);
    });
  }
  it('validateRename without a name explains a null prepareRename, and accepts what can be renamed', () => {
    assert.match(shared.service.validateRename(...at(shared, VS, 'host: ledger', { shift: 8 }))?.error ?? '', /Only DestinationRule subsets/);
    assert.equal(shared.service.validateRename(...at(shared, DR, 'name: v2', { shift: 7 })), null);
    assert.equal(shared.service.validateRename(...at(shared, DR, 'name: v2', { shift: 7 }), 'canary-2'), null);
  });
  it('renaming to the same name changes nothing', () => assert.deepEqual(rename(shared, DR, 'name: v2', { shift: 7 }, 'v2'), { changes: {} }));
});
