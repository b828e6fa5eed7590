// Helm / Go templates (issue 8): the masking the parser reads, which findings
// of a templated file are kept, and completion and hover on its literal parts.
// Fixture: test/fixtures/helm (a tiny chart). The cursor marker is `§`: Go
// templates use `|` for pipelines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { core, root, textDocument } from '../helpers/core.mjs';

const CHART = path.join(root, 'test/fixtures/helm');
const read = (rel) => readFileSync(path.join(CHART, rel), 'utf8');
const TEMPLATES = readdirSync(path.join(CHART, 'templates')).filter((f) => f.endsWith('.yaml'));
const ERROR = 1;
const WARNING = 2;

const rangeOf = (r) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
const compact = (ds) => ds.map((d) => [d.code, d.data?.rule, d.severity, rangeOf(d.range)]);

/** A workspace of { name: text } under file:///ws/, every file indexed (no cursor markers: templates hold `|`). */
function workspace(files) {
  const service = core.getLanguageService();
  const docs = {};
  for (const [name, text] of Object.entries(files)) {
    const uri = `file:///ws/${name}`;
    const parsed = service.parseFile(text);
    service.indexFile(uri, parsed);
    docs[name] = { uri, text, parsed, doc: textDocument(text, uri) };
  }
  return { service, docs, diagnose: (name) => compact(service.doValidation(docs[name].doc, docs[name].parsed, core.DEFAULT_SETTINGS)) };
}

/** The chart as a workspace: Chart.yaml, values.yaml and every template. */
function chart(overrides = {}) {
  const files = { 'chart/Chart.yaml': read('Chart.yaml'), 'chart/values.yaml': read('values.yaml') };
  for (const t of TEMPLATES) files[`chart/templates/${t}`] = read(`templates/${t}`);
  return workspace({ ...files, ...overrides });
}

/** Diagnostics of one text alone (uri outside any chart unless given). */
function diagnose(text, uri = 'file:///ws/x.yaml') {
  const service = core.getLanguageService();
  return compact(service.doValidation(textDocument(text, uri), service.parseFile(text), core.DEFAULT_SETTINGS));
}

const lines = (text) => text.split('\n');
const PLACEHOLDER = /^x[0-9a-z]+x*$/;

describe('templates: masking keeps every offset', () => {
  const src = [
    'metadata:',
    '  name: {{ .Release.Name }}-reviews',
    '  labels:',
    '    {{- include "labels" . | nindent 4 }}',
    '{{- /* a comment',
    '  over two lines */}}',
    '{{- if .Values.a }}',
    'spec: {{ printf "}}" }}',
    '{{- else }}',
    'spec: b',
    '{{- end }}',
    '',
  ].join('\n');
  const parsed = core.getLanguageService().parseFile(src);

  it('parses a same-length text, line for line, and keeps the original', () => {
    assert.ok(parsed.templated, 'detected as templated');
    assert.equal(parsed.templated.original, src);
    assert.equal(parsed.text.length, src.length);
    assert.deepEqual(lines(parsed.text).map((l) => l.length), lines(src).map((l) => l.length));
    assert.ok(!parsed.text.includes('{{'));
  });
  it('blanks control actions, comments, own-line output and the else branch; inline output becomes a placeholder word', () => {
    const out = lines(parsed.text);
    assert.equal(out[1].slice(0, 8), '  name: ');
    assert.match(out[1].slice(8, 8 + '{{ .Release.Name }}'.length), PLACEHOLDER);
    assert.equal(out[1].slice(8 + '{{ .Release.Name }}'.length), '-reviews');
    for (const i of [3, 4, 5, 6, 8, 9, 10]) assert.equal(out[i].trim(), '', `line ${i + 1}: ${JSON.stringify(out[i])}`);
    assert.equal(out[7].slice(0, 6), 'spec: ');
    assert.match(out[7].slice(6), PLACEHOLDER, 'a `}}` inside a string does not close the action');
  });
  it('the masked text parses without problems into the first branch', () => {
    assert.deepEqual(parsed.docs.flatMap((d) => d.problems), []);
  });
  it('the same action gives the same placeholder; different actions different ones', () => {
    const t = core.getLanguageService().parseFile('a: {{ .Values.x }}\nb: {{ .Values.x }}\nc: {{ .Values.y }}\n').text;
    const [a, b, c] = lines(t).map((l) => l.slice(3));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
  it('a file whose only `{{` never closes is not a template', () => {
    assert.equal(core.getLanguageService().parseFile('message: "use {{ to open"\n').templated, undefined);
  });
  it('an action left open (being typed) is masked to the end of its line', () => {
    const p = core.getLanguageService().parseFile('a: {{ .Values.x }}\nb: {{ .Values.\nc: 1\n');
    const [, b, c] = lines(p.text);
    assert.equal(b.slice(0, 3), 'b: ');
    assert.match(b.slice(3), PLACEHOLDER);
    assert.equal(b.length, 'b: {{ .Values.'.length);
    assert.equal(c, 'c: 1');
  });
});

describe('templates: the chart (test/fixtures/helm)', () => {
  it('no diagnostics for the VirtualService and DestinationRule templates', () => {
    const ws = chart();
    assert.deepEqual(ws.diagnose('chart/templates/virtualservice.yaml'), []);
    assert.deepEqual(ws.diagnose('chart/templates/destinationrule.yaml'), []);
  });
  it('the one real error, in a literal part of a templated Gateway, with its code and range', () => {
    assert.deepEqual(chart().diagnose('chart/templates/gateway.yaml'), [['IST0106', 'unknown-field', ERROR, '14:5-14:10']]);
  });
  it('(the masked texts judged as plain files would get these: the suppression is what hides them)', () => {
    const service = core.getLanguageService();
    const masked = {};
    for (const t of TEMPLATES) masked[t] = service.parseFile(read(`templates/${t}`)).text;
    const ws = workspace(masked);
    assert.deepEqual(ws.diagnose('virtualservice.yaml').map(([, rule, , range]) => [rule, range]), [
      ['subset-no-destination-rule', '37:17-37:30'],
      ['cel', '22:14-22:35'],
      ['type', '31:14-31:42'],
      ['type', '38:15-38:28'],
    ]);
    assert.deepEqual(ws.diagnose('destinationrule.yaml').map(([, rule, , range]) => [rule, range]), [
      ['enum', '10:15-10:67'],
      ['type', '13:25-13:53'],
    ]);
    assert.deepEqual(ws.diagnose('gateway.yaml').map(([, rule, , range]) => [rule, range]), [
      ['unknown-field', '14:5-14:10'],
      ['missing-required', '10:5-16:1'],
    ]);
  });
});

const DR_HEAD = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  host: reviews\n';

describe('templates: which findings are kept', () => {
  it('a templated value is not checked (type, bounds), nor what its parent requires', () => {
    const text = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\nspec:\n  hosts: [a]\n  http: {{ toYaml .Values.http | nindent 4 }}\n  tcp:\n  - route:\n    - destination:\n        host: {{ .Values.h }}\n        port:\n          number: {{ .Values.port }}\n';
    assert.deepEqual(diagnose(text), []);
  });
  it('a block injected on its own line leaves no "missing" storm; a literal document after it is still checked', () => {
    const text = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  hosts: [a]\n  http:\n  {{- toYaml .Values.http | nindent 2 }}\n---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: x\nspec:\n  subsets: []\n';
    assert.deepEqual(diagnose(text), [['IST0106', 'missing-required', ERROR, '14:1-14:5']]);
  });
  it('an `if` around a whole document changes nothing inside it: a missing field is still reported', () => {
    const text = '{{- if .Values.on }}\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  servers:\n  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n{{- end }}\n';
    assert.deepEqual(diagnose(text), [['IST0106', 'missing-required', ERROR, '8:5-12:1']]);
  });
  it('a literal unknown field next to a templated value is reported', () => {
    const text = DR_HEAD + '  trafficPolicy:\n    loadBalancer:\n      simple: {{ .Values.lb }}\n      simpel: LEAST_REQUEST\n';
    assert.deepEqual(diagnose(text), [['IST0106', 'unknown-field', ERROR, '10:7-10:13']]);
  });
  it('a literal enum value is checked in a templated document', () => {
    const text = DR_HEAD + '  trafficPolicy:\n    tls:\n      mode: SIMPL\n';
    assert.deepEqual(diagnose(text), [['IST0106', 'enum', ERROR, '9:13-9:18']]);
  });
  it('YAML broken by the template structure is not reported', () => {
    const text = DR_HEAD + '  {{ if .Values.tls }}trafficPolicy:\n    tls:\n      mode: SIMPLE{{ end }}\n';
    assert.deepEqual(diagnose(text), []);
    const service = core.getLanguageService();
    assert.deepEqual(diagnose(service.parseFile(text).text).map(([code]) => code), ['yaml-syntax'], 'the masked text alone is broken');
  });
  it('a literal YAML error away from any action is an error; in a chart template, a warning', () => {
    const text = DR_HEAD + '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n     sni: x\n';
    assert.deepEqual(diagnose(text), [['yaml-syntax', 'yaml-syntax', ERROR, '10:6-10:9']]);
    const ws = workspace({ 'c/Chart.yaml': read('Chart.yaml'), 'c/templates/dr.yaml': text });
    assert.deepEqual(ws.diagnose('c/templates/dr.yaml'), [['yaml-syntax', 'yaml-syntax', WARNING, '10:6-10:9']]);
  });
  it('cross-file: a templated subset or host is never "not found"', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: v2\n  - route:\n    - destination:\n        host: {{ .Values.host }}\n        subset: v1\n    - destination:\n        host: reviews\n        subset: {{ .Values.subset }}\n';
    const dr = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: reviews\n  subsets:\n  - name: v2\n    labels:\n      version: v2\n';
    assert.deepEqual(workspace({ 'vs.yaml': vs, 'dr.yaml': dr }).diagnose('vs.yaml'), []);
    // A literal subset that does not exist, in a rule without template text, is reported.
    const literal = vs.replace('subset: v2', 'subset: v9');
    assert.deepEqual(workspace({ 'vs.yaml': literal, 'dr.yaml': dr }).diagnose('vs.yaml'), [['IST0101', 'subset-not-found', ERROR, '11:17-11:19']]);
  });
});

describe('templates: completion and hover on literal parts', () => {
  const vs = read('templates/virtualservice.yaml');
  function at(src, call, name = 'virtualservice.yaml') {
    const offset = src.indexOf('§');
    const text = src.slice(0, offset) + src.slice(offset + 1);
    const ws = workspace({ 'chart/Chart.yaml': read('Chart.yaml'), [`chart/templates/${name}`]: text });
    const { doc, parsed } = ws.docs[`chart/templates/${name}`];
    return call(ws.service, doc, parsed, doc.positionAt(offset));
  }
  const labels = (src, name) => at(src, (s, doc, parsed, pos) => s.doComplete(doc, parsed, pos).items.map((i) => i.label), name);
  const hover = (src) => at(src, (s, doc, parsed, pos) => s.doHover(doc, parsed, pos));

  it('offers the keys of an http route on a new line, without those already there (templated ones included)', () => {
    const items = labels(vs.replace('    timeout: {{ .Values.timeout }}\n', '    timeout: {{ .Values.timeout }}\n    §\n'));
    for (const k of ['match', 'fault', 'corsPolicy', 'headers']) assert.ok(items.includes(k), `missing ${k} in ${items}`);
    for (const k of ['timeout', 'route', 'retries', 'mirror', 'name']) assert.ok(!items.includes(k), `unexpected ${k}`);
  });
  it('completes a half-typed key under a range body', () => {
    assert.deepEqual(labels(vs.replace('        subset: {{ .subset }}\n', '        subset: {{ .subset }}\n        po§\n')), ['port']);
  });
  it('offers nothing inside a template action, nor where the completion would replace one', () => {
    assert.deepEqual(labels(vs.replace('{{ .Values.timeout }}', '{{ .Values.time§out }}')), []);
    const dr = read('templates/destinationrule.yaml');
    assert.deepEqual(labels(dr.replace('"LEAST_REQUEST" }}', '"LEAST_REQUEST" }}§'), 'destinationrule.yaml'), []);
    assert.ok(labels(dr.replace('"LEAST_REQUEST" }}', '"LEAST_REQUEST" }}\n      localityLbSetting:\n        enabled: §'), 'destinationrule.yaml').includes('true'), 'a literal value still completes');
    assert.deepEqual(labels(vs.replace('    {{- with .Values.retries }}', '    §{{- with .Values.retries }}')), []);
  });
  it('hovers a literal key with its documentation', () => {
    const h = hover(vs.replace('    timeout:', '    time§out:'));
    assert.match(h.contents.value, /^\*\*spec\.http\[0\]\.timeout\*\*/);
    assert.deepEqual(h.range, { start: { line: 21, character: 4 }, end: { line: 21, character: 11 } });
  });
  it('inside an action: the field documentation only, never the placeholder', () => {
    const h = hover(vs.replace('host: {{ $.Values.host }}', 'host: {{ $.Values.h§ost }}'));
    assert.match(h.contents.value, /^\*\*spec\.http\[0\]\.route\[0\]\.destination\.host\*\*/);
    assert.doesNotMatch(h.contents.value, /\bx[0-9a-z]{4,}x/);
  });
});

describe('templates: robustness', () => {
  const odd = [
    '{{',
    '}}{{',
    'a: {{ "unclosed string }}\nb: 1\n',
    'a: {{ `raw\nstring` }}\nb: {{/* open comment\n',
    'apiVersion: networking.istio.io/v1\r\nkind: VirtualService\r\nmetadata:\r\n  name: {{ .x }}\r\nspec:\r\n  hosts: [{{ .h }}]\r\n',
    '{{- define "x" }}\napiVersion: networking.istio.io/v1\nkind: Gateway\n{{- end }}\n{{ else }}{{ end }}{{ end }}\n',
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nspec:\n  host: |\n    {{ .Values.h }}\n  subsets: {{ range .s }}- {{ . }}{{ end }}\n',
    '{{-3}}: {{ $x := 1 }}{{ $x }}\n',
  ];
  it('every feature answers at every offset, without throwing, with ranges inside the document', () => {
    const service = core.getLanguageService();
    for (const text of odd) {
      const doc = textDocument(text, 'file:///ws/chart/templates/odd.yaml');
      const parsed = service.parseFile(text);
      assert.equal(parsed.text.length, text.length);
      const inside = (r) => r && doc.offsetAt(r.start) <= doc.offsetAt(r.end) && doc.offsetAt(r.end) <= text.length;
      for (const d of service.doValidation(doc, parsed)) assert.ok(inside(d.range), JSON.stringify(d));
      for (let offset = 0; offset <= text.length; offset++) {
        const pos = doc.positionAt(offset);
        for (const item of service.doComplete(doc, parsed, pos).items) assert.ok(inside(item.textEdit.range));
        const h = service.doHover(doc, parsed, pos);
        if (h?.range) assert.ok(inside(h.range));
      }
    }
  });
});
