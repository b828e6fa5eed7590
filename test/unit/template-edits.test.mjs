// Edits computed from a templated file (whose analysis reads the masked text)
// never overwrite template text: renames that would are refused with a
// reason, quick fixes and rollout lenses that would are not offered, and
// Generate Canary does not extend a DestinationRule where a template writes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../helpers/workspace.mjs';
import { applyEdits } from '../helpers/edits.mjs';

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
  - name: {{ .Values.canary.name }}
    labels: {version: {{ .Values.canary.version | quote }}}
`;
const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: {{ .Values.stableWeight }}
    - destination: {host: reviews, subset: v2}
      weight: 10
`;
const LITERAL_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: [ratings]
  http:
  - route:
    - destination: {host: ratings, subset: v1}
      weight: 90
    - destination: {host: ratings, subset: v2}
      weight: 10
`;
const RATINGS_DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ratings
spec:
  host: ratings
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
`;

const files = { 'chart/templates/dr.yaml': DR, 'chart/templates/vs.yaml': VS, 'plain/vs.yaml': LITERAL_VS, 'plain/dr.yaml': RATINGS_DR };
const positionOf = (ws, name, needle, shift = 0) => ws.docs[name].doc.positionAt(ws.docs[name].doc.getText().indexOf(needle) + shift);

describe('edits leave template text alone', () => {
  it('renaming a subset that a template writes is refused with the reason; a literal one is renamed', () => {
    const ws = workspace(files);
    const { doc, parsed } = ws.docs['chart/templates/vs.yaml'];
    const drDoc = ws.docs['chart/templates/dr.yaml'];
    // The templated subset definition: refused.
    const at = positionOf(ws, 'chart/templates/dr.yaml', '{{ .Values.canary.name', 3);
    const why = ws.service.validateRename(drDoc.doc, drDoc.parsed, at, 'v3');
    assert.match(why?.error ?? '', /template/);
    assert.equal(ws.service.doRename(drDoc.doc, drDoc.parsed, at, 'v3'), null);
    // The literal v1, used by the templated VirtualService: renamed in both files, template text intact.
    const v1 = positionOf(ws, 'chart/templates/vs.yaml', 'subset: v1', 9);
    assert.equal(ws.service.validateRename(doc, parsed, v1, 'stable'), null);
    const edit = ws.service.doRename(doc, parsed, v1, 'stable');
    const after = applyEdits(VS, edit.changes[doc.uri]);
    assert.match(after, /subset: stable\}/);
    assert.match(after, /weight: \{\{ \.Values\.stableWeight \}\}/);
    assert.match(applyEdits(DR, edit.changes[drDoc.doc.uri]), /- name: stable\n[\s\S]*\{\{ \.Values\.canary\.name \}\}/);
  });

  it('no rollout lens rewrites a templated weight; a literal route keeps its lenses', () => {
    const ws = workspace(files);
    const templated = ws.docs['chart/templates/vs.yaml'];
    const plain = ws.docs['plain/vs.yaml'];
    assert.deepEqual(ws.service.findCodeLenses(templated.doc, templated.parsed), []);
    const lenses = ws.service.findCodeLenses(plain.doc, plain.parsed);
    assert.ok(lenses.length > 0, 'the literal VirtualService lost its lenses');
  });

  it('no quick fix edits template text', () => {
    const ws = workspace({ ...files, 'chart/templates/vs.yaml': VS.replace('subset: v2}', 'subset: {{ .Values.next }}}') });
    for (const name of Object.keys(ws.docs)) {
      const { doc, parsed } = ws.docs[name];
      const diagnostics = ws.service.doValidation(doc, parsed);
      const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) };
      for (const a of ws.service.doCodeActions(doc, parsed, whole, diagnostics)) {
        for (const [uri, edits] of Object.entries(a.edit?.changes ?? {})) {
          const source = Object.values(ws.docs).find((d) => d.uri === uri).doc.getText();
          const after = applyEdits(source, edits);
          for (const action of source.match(/\{\{[^}]*\}\}/g) ?? []) assert.ok(after.includes(action), `${a.title} removed ${action}`);
        }
      }
    }
  });

  it('Generate Canary does not extend a DestinationRule where a template writes', () => {
    const ws = workspace(files);
    const result = ws.service.generateCanary({ host: 'reviews', stable: 'v1', canary: 'v9', canaryWeight: 10 });
    if (result.ok) {
      for (const e of result.edits) {
        const source = Object.values(ws.docs).find((d) => d.uri === e.uri).doc.getText();
        const after = source.slice(0, e.offset) + e.newText + source.slice(e.offset);
        for (const action of source.match(/\{\{[^}]*\}\}/g) ?? []) assert.ok(after.includes(action));
        assert.ok(!/\{\{/.test(source.slice(e.offset - 1, e.offset + 1)), 'inserted against template text');
      }
    } else {
      assert.match(result.error, /template/);
    }
    const plain = ws.service.generateCanary({ host: 'ratings', stable: 'v1', canary: 'v3', canaryWeight: 10 });
    assert.ok(plain.ok && plain.edits.length === 1, JSON.stringify(plain));
  });

  it('the outline shows template text as written, not the placeholder the analysis reads', () => {
    const text = VS.replace('name: reviews\n', 'name: {{ .Values.app }}-reviews\n');
    const ws = workspace({ 'chart/templates/vs.yaml': text });
    const { doc, parsed } = ws.docs['chart/templates/vs.yaml'];
    const [top] = ws.service.findDocumentSymbols(doc, parsed);
    assert.equal(top.name, 'VirtualService {{ .Values.app }}-reviews');
    assert.notEqual(parsed.text, text, 'the analysis reads a masked text');
  });
});
