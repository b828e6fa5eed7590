// Robustness (issue 8): hostile and unusual input never crashes, hangs or
// loses exactness. Alias bombs, absurd nesting, huge files and lines, binary
// bytes, byte-order marks, CRLF, tabs, JSON, markers and comments: each with
// the exact outcome (codes and ranges), plus a generous hang bound where the
// risk is time. Big inputs are generated here; small ones live in
// test/fixtures/hostile (the fuzzer mutates those too).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { core, diagnose, fixture, service, textDocument } from '../helpers/core.mjs';
import { prng } from '../helpers/fuzz.mjs';

/** Far above what any of these inputs needs; only a hang or an exponential blow-up reaches it. */
const HANG_MS = 10_000;
const HEAD = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n';
/** A range as `L:C-L:C`, 1-based (what diagnose() gives); raw LSP ranges are converted. */
const rangeText = (r) => (typeof r === 'string' ? r : `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`);
const brief = (diags) => diags.map((d) => [d.code, rangeText(d.range), d.severity]);

/**
 * Every feature of the facade on `text`: validation, symbols and lenses once,
 * completion, hover and definition at the start and middle of (up to 60)
 * lines. Fails when the whole run passes the hang bound.
 */
function everyFeature(text, uri = 'file:///robust.yaml') {
  const started = Date.now();
  const service = core.getLanguageService(); // a workspace of this file alone: no cross-file findings from other tests
  const file = service.parseFile(text);
  const doc = textDocument(text, uri);
  const out = { file, diagnostics: service.doValidation(doc, file), symbols: service.findDocumentSymbols(doc, file), lenses: service.findCodeLenses(doc, file), at: [] };
  const lines = doc.lineCount;
  const step = Math.max(1, Math.floor(lines / 60));
  for (let line = 0; line < lines; line += step) {
    const start = doc.offsetAt({ line, character: 0 });
    const end = line + 1 < lines ? doc.offsetAt({ line: line + 1, character: 0 }) - 1 : text.length;
    for (const offset of [start, Math.floor((start + end) / 2)]) {
      const p = doc.positionAt(offset);
      out.at.push({ completion: service.doComplete(doc, file, p).items.length, hover: service.doHover(doc, file, p), definition: service.findDefinition(doc, file, p).length });
    }
  }
  const ms = Date.now() - started;
  assert.ok(ms < HANG_MS, `every feature took ${ms} ms`);
  return out;
}

/** Asserts that no position-based feature answered anything (a file over a limit). */
function assertSilent(run) {
  assert.equal(run.file.docs.length, 0);
  assert.deepEqual(run.symbols, []);
  assert.deepEqual(run.lenses, []);
  assert.ok(run.at.length > 0);
  for (const a of run.at) assert.deepEqual(a, { completion: 0, hover: null, definition: 0 });
}

/** `levels` anchors, each a list of `width` aliases of the one before. */
function aliasBomb(levels, width) {
  let s = HEAD + 'x-lol:\n  l0: &l0 "lol"\n';
  for (let i = 1; i < levels; i++) s += `  l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]\n`;
  return s;
}

describe('robustness: YAML aliases', () => {
  it('a billion-laughs document gets one yaml-alias-limit error, on the alias where the expansion passes the limit', () => {
    const diags = diagnose(fixture('hostile/billion-laughs.yaml'));
    // Line 12 defines l5: its eighth *l4 takes the aliases past 100,000 values.
    assert.deepEqual(diags.map((d) => [d.code, d.range, d.severity, d.rule]), [['yaml-alias-limit', '12:47-12:50', 1, 'yaml-alias-limit']]);
  });

  it('every feature stays within time and memory on a billion-laughs document', () => {
    const before = process.memoryUsage().heapUsed;
    const run = everyFeature(fixture('hostile/billion-laughs.yaml'));
    assert.deepEqual(brief(run.diagnostics).map((d) => d[0]), ['yaml-alias-limit']);
    assert.deepEqual(run.symbols.map((s) => s.name), ['VirtualService lol']);
    assert.ok(process.memoryUsage().heapUsed - before < 200e6, 'the aliases were expanded in memory');
  });

  it('a ten-level bomb used as subset labels: one error, and the outline shows the subset without expanding them', () => {
    const text = aliasBomb(10, 10).replace('kind: VirtualService', 'kind: DestinationRule') + 'spec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: *l9\n';
    const run = everyFeature(text);
    assert.deepEqual(brief(run.diagnostics), [['yaml-alias-limit', '11:47-11:50', 1]]);
    assert.deepEqual(run.symbols[0].children.map((c) => [c.name, c.detail]), [['v1', undefined]]);
  });

  it('an alias inside the node its anchor names is a cycle: one error, and no "no labels" warning about it', () => {
    const run = everyFeature(fixture('hostile/alias-cycle.yaml'));
    assert.deepEqual(brief(run.diagnostics), [['yaml-alias-limit', '10:13-10:18', 1]]);
    assert.deepEqual(run.symbols[0].children.map((c) => c.name), ['v1']);
  });

  it('anchor chains: 300 links are checked normally, 1,000 links stop at the link that passes the limit', () => {
    const chain = (n) => HEAD + 'x-chain:\n  a0: &a0 x\n' + Array.from({ length: n }, (_, i) => `  a${i + 1}: &a${i + 1} [*a${i}]\n`).join('') + 'spec:\n  hosts: [reviews]\n  tcp:\n  - route:\n    - destination: {host: reviews}\n';
    assert.deepEqual(brief(everyFeature(chain(300)).diagnostics), [['IST0106', '5:1-5:8', 1]]); // x-chain: an unknown field, nothing more
    // Link k adds k values; 1 + 2 + ... + 447 is the first sum over 100,000.
    const long = chain(1000);
    const at = long.indexOf('*a446]');
    const line = long.slice(0, at).split('\n').length;
    const col = at - long.lastIndexOf('\n', at);
    assert.deepEqual(brief(everyFeature(long).diagnostics), [['yaml-alias-limit', `${line}:${col}-${line}:${col + 5}`, 1]]);
  });

  it('5,000 aliases of one route stay linear in every feature (each alias is resolved once, not by a document walk)', () => {
    const text = HEAD + 'spec:\n  hosts: [reviews]\n  http:\n  - &route\n    route:\n    - destination: {host: reviews, subset: v1}\n' + '  - *route\n'.repeat(5000);
    const run = everyFeature(text);
    assert.equal(run.symbols[0].children.length, 5001);
    // Each alias repeats the same shadowed rule at the anchor: one problem, said once.
    assert.deepEqual(run.diagnostics.map((d) => `${d.code} ${d.data.rule}`), ['IST0130 rule-shadowed']);
  });

  it('an unquoted wildcard host is an alias to no anchor: one error at it, saying to quote it', () => {
    const text = 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts:\n    - *.example.com\n    - "*.example.org"\n';
    const diags = diagnose(text);
    assert.deepEqual(diags.map((d) => [d.code, d.range, d.severity]), [['yaml-unknown-anchor', '11:7-11:20', 1]]);
    assert.match(diags[0].message, /Quote it: "\*\.example\.com"/);
  });

  it('an alias before its anchor names nothing; the same alias after it is fine; what follows from it is not reported again', () => {
    const text = HEAD + 'spec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: *d\n  - match: [{uri: {prefix: /b}}]\n    route:\n    - destination: &d {host: b}\n  - route:\n    - destination: *d\n';
    const diags = diagnose(text);
    // Without the alias error, the first route would also get "a route entry needs a destination" at the same spot.
    assert.deepEqual(diags.filter((d) => d.severity === 1).map((d) => [d.code, d.range]), [['yaml-unknown-anchor', '9:20-9:22', ]]);
    assert.match(diags.find((d) => d.code === 'yaml-unknown-anchor').message, /The alias \*d refers to no anchor: set &d on a node before it/);
  });

  it('an alias takes the last anchor of its name defined before it', () => {
    const text = HEAD + 'spec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: &d {host: first}\n  - route:\n    - destination: &d {host: second}\n  - route:\n    - destination: *d\n';
    const run = everyFeature(text);
    assert.deepEqual(run.symbols[0].children.map((c) => c.children.map((d) => d.name)), [['first'], ['second'], ['second']]);
  });
});

describe('robustness: size and nesting limits', () => {
  const deep = [
    ['10,000 nested flow sequences', HEAD + 'spec: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n', '5:506-5:507'],
    ['10,000 nested flow mappings', HEAD + 'spec: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n', '5:2003-5:2004'],
    ['10,000 nested block sequences on one line', HEAD + 'spec:\n  http:\n' + '- '.repeat(10_000) + 'x\n', '7:1001-7:1002'],
    ['3,000 levels of block mappings (4.5 MB of indentation)', HEAD + 'spec:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 1) + 'a:').join('\n') + ' x\n', '505:501-505:502'],
    ['the deep-flow fixture', fixture('hostile/deep-flow.yaml'), '6:506-6:507'],
    ['the deep-block fixture', fixture('hostile/deep-block.yaml'), '8:1001-8:1002'],
  ];
  for (const [name, text, range] of deep) {
    it(`${name}: one nesting-too-deep notice where level 501 opens, and no feature looks deeper`, () => {
      const run = everyFeature(text);
      assert.deepEqual(brief(run.diagnostics), [['nesting-too-deep', range, 3]]);
      assertSilent(run);
    });
  }

  it('just under the limit (498 levels, flow and block) is analysed normally', () => {
    assert.deepEqual(brief(everyFeature(HEAD + 'spec: ' + '['.repeat(498) + ']'.repeat(498) + '\n').diagnostics), [['IST0106', '5:7-5:1003', 1]]);
    assert.deepEqual(brief(everyFeature(HEAD + 'spec:\n  http:\n  ' + '- '.repeat(496) + 'x\n').diagnostics), [['IST0106', '7:5-8:1', 1]]);
    const block = everyFeature(HEAD + 'spec:\n' + Array.from({ length: 497 }, (_, i) => ' '.repeat(i + 1) + 'a:').join('\n') + ' x\n');
    assert.deepEqual(block.diagnostics.map((d) => d.data.rule), ['unknown-field', 'vs-no-routes']);
  });

  it('brackets inside quotes, comments and block plain scalars do not count as nesting', () => {
    const noise = '[{'.repeat(300);
    const text = HEAD + `# ${noise}\nspec:\n  hosts: ["${noise}", '${noise}']  # ${noise}\n  http:\n  - match:\n    - uri:\n        regex: ^/${noise}\n    route:\n    - destination: {host: reviews}  # ${noise}\n`;
    const run = everyFeature(text);
    assert.equal(run.file.docs.length, 1);
    // What the noise means as values: two overlong host names and a broken regular expression.
    assert.deepEqual(run.diagnostics.map((d) => d.data.rule), ['vs-host', 'vs-host', 'regex']);
  });

  it('a 20 MB file of 21,000 resources: one file-too-large notice on line 1 and nothing else', () => {
    const one = (i) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr${i}\nspec:\n  host: svc${i}\n  subsets:\n  - name: v1\n    labels: {version: v1}\n` + '# padding padding padding padding padding padding padding padding\n'.repeat(13);
    const text = Array.from({ length: 21_000 }, (_, i) => one(i)).join('---\n');
    assert.ok(text.length > 20e6);
    const run = everyFeature(text);
    assert.deepEqual(brief(run.diagnostics), [['file-too-large', '1:1-1:35', 3]]);
    assertSilent(run);
  });

  it('a 20 MB single scalar: the same notice', () => {
    const run = everyFeature(HEAD + 'spec:\n  hosts:\n  - ' + 'x'.repeat(20_000_000) + '\n');
    assert.deepEqual(brief(run.diagnostics), [['file-too-large', '1:1-1:35', 3]]);
    assertSilent(run);
  });

  it('a file over a limit without any Istio apiVersion gets no notice at all', () => {
    assert.deepEqual(diagnose('key: value\n'.repeat(600_000)), []);
    assert.deepEqual(diagnose('plain: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n'), []);
  });

  it('a 1 MB line: a JSON VirtualService with a 1 MB annotation validates like the small one', () => {
    const vs = (note) => JSON.stringify({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r', annotations: { note } }, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', port: { number: 99999 } } }] }] } });
    const small = everyFeature(vs('n'));
    const big = everyFeature(vs('n'.repeat(1_000_000)));
    assert.deepEqual(brief(small.diagnostics), [['IST0106', '1:211-1:216', 1]]); // the port number
    assert.deepEqual(brief(big.diagnostics), [['IST0106', `1:${211 + 999_999}-1:${216 + 999_999}`, 1]]);
  });

  it('a 1 MB line of 150,000 invalid Gateway hosts: the first 1,000 findings and one notice for the rest, no stack overflow, exact hover', () => {
    const text = 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [' + Array(150_000).fill('a/b/c').join(', ') + ']\n';
    const started = Date.now();
    const service = core.getLanguageService();
    const file = service.parseFile(text);
    const doc = textDocument(text);
    const diags = service.doValidation(doc, file);
    assert.equal(diags.length, 1_001);
    assert.deepEqual([...new Set(diags.slice(0, 1_000).map((d) => d.data.rule))], ['server-host']);
    assert.deepEqual([rangeText(diags[0].range), rangeText(diags[999].range)], ['8:13-8:18', `8:${13 + 7 * 999}-8:${18 + 7 * 999}`]);
    const notice = diags[1_000];
    assert.deepEqual([notice.code, notice.severity, rangeText(notice.range)], ['too-many-problems', 3, `8:${13 + 7 * 1_000}-8:${18 + 7 * 1_000}`]);
    assert.match(notice.message, /^149,000 more problems/);
    const at = text.indexOf('a/b/c', 500_000);
    assert.deepEqual(service.doHover(doc, file, doc.positionAt(at + 2)).range, { start: doc.positionAt(at), end: doc.positionAt(at + 5) });
    assert.ok(Date.now() - started < HANG_MS);
  });

  it('a 1 MB plain key on one line: one syntax error over it, and the key is still checked', () => {
    const text = HEAD + 'spec:\n  ' + 'a '.repeat(500_000) + ': b\n';
    const run = everyFeature(text);
    assert.deepEqual(run.diagnostics.map((d) => [d.code, d.data.rule]), [['yaml-syntax', 'yaml-syntax'], ['IST0106', 'unknown-field']]);
    assert.equal(brief(run.diagnostics)[0][1], '6:3-6:1000002');
    assert.ok(run.diagnostics[1].message.length < 200, `a ${run.diagnostics[1].message.length}-character message`);
  });

  it('a 1 MB key in a valid JSON document: one unknown-field finding whose message stays short', () => {
    const key = 'k'.repeat(1_000_000);
    const text = JSON.stringify({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r' }, spec: { hosts: ['reviews'], [key]: 1, tcp: [{ route: [{ destination: { host: 'reviews' } }] }] } });
    const run = everyFeature(text);
    const at = text.indexOf(`"${key}"`) + 1;
    assert.deepEqual(brief(run.diagnostics), [['IST0106', `1:${at}-1:${at + key.length + 2}`, 1]]); // the quoted key
    assert.ok(run.diagnostics[0].message.length < 200, `a ${run.diagnostics[0].message.length}-character message`);
  });
});

describe('robustness: big maps and duplicate keys', () => {
  it('a flow map of 100,000 keys on one line (1 MB): bounded time, and its one repeated key is reported', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`);
    keys.push('k7: again');
    const text = `${HEAD}  annotations: {${keys.join(', ')}}\nspec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r}\n`;
    const { diagnostics } = everyFeature(text);
    const dup = diagnostics.filter((d) => d.code === 'yaml-duplicate-key');
    assert.equal(dup.length, 1, brief(diagnostics).join('\n'));
    assert.equal(text.slice(textDocument(text).offsetAt(dup[0].range.start)).slice(0, 3), 'k7:');
  });

  it('duplicate keys compare by value: a and "a" repeat, 1 and "1" do not; nested maps are checked on their own', () => {
    const text = `${HEAD}  labels:\n    a: x\n    "a": y\n    1: x\n    "1": y\nspec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r}\n      headers: {request: {set: {a: x}}}\n`;
    const dup = diagnose(text).filter((d) => d.code === 'yaml-duplicate-key');
    assert.deepEqual(dup.map((d) => d.range), ['7:5-7:8']);
  });
});

describe('robustness: bytes and line ends', () => {
  const vs = () => fixture('hostile/virtualservice.yaml');
  const VS_FINDINGS = [['IST0106', '14:7-14:13', 1], ['IST0106', '18:19-18:24', 1]];

  it('a NUL byte makes the file binary: one binary-content notice on the NUL, nothing else', () => {
    const text = vs().replace('subset: v1', 'subset: v\u00001');
    const run = everyFeature(text);
    assert.deepEqual(brief(run.diagnostics), [['binary-content', '12:18-12:19', 3]]);
    assertSilent(run);
  });

  it('random bytes decoded as UTF-8 are left alone: no diagnostics, completions or hovers', () => {
    const r = prng(8);
    const bytes = Uint8Array.from({ length: 64 * 1024 }, () => r.int(256));
    for (const text of [new TextDecoder().decode(bytes), new TextDecoder().decode(bytes.filter((b) => b !== 0))]) {
      assert.ok(text.includes('\uFFFD'));
      const run = everyFeature(text);
      assert.deepEqual(run.diagnostics, []);
      assert.deepEqual(run.symbols, []);
      for (const a of run.at) assert.deepEqual(a, { completion: 0, hover: null, definition: 0 });
    }
  });

  it('random bytes in a later document: the VirtualService keeps exactly its findings, the rest are syntax findings after it', () => {
    const r = prng(2026);
    const noise = new TextDecoder().decode(Uint8Array.from({ length: 4096 }, () => 1 + r.int(255)));
    const run = everyFeature(vs() + '---\n' + noise);
    // The VirtualService is lines 1-19, the marker line 20; the noise starts on line 21.
    assert.deepEqual(brief(run.diagnostics.filter((d) => d.range.start.line < 19)), VS_FINDINGS);
    const rest = run.diagnostics.filter((d) => d.range.start.line >= 19);
    assert.ok(rest.length > 0, 'the noise has no syntax findings at all');
    for (const d of rest) assert.match(String(d.code), /^yaml-/);
  });

  it('U+FFFD in a value: the same findings, plus the invalid subset name at exactly that value', () => {
    const diags = diagnose(vs().replace('subset: v1', 'subset: v\uFFFD\uFFFD1'));
    assert.deepEqual(diags.map((d) => [d.code, d.range, d.rule]), [['IST0106', '14:7-14:13', 'unknown-field'], ['IST0106', '12:17-12:21', 'subset-name'], ['IST0106', '18:19-18:24', 'port-range']]);
  });

  it('a byte-order mark: ranges stay exact (line 1 moves by the mark, later lines do not move)', () => {
    assert.deepEqual(brief(diagnose('\uFEFF' + vs())), VS_FINDINGS);
    assert.deepEqual(brief(diagnose('\uFEFFapiVersion: networking.istio.io/v9\nkind: VirtualService\n')), [['unknown-resource', '1:14-1:36', 1]]);
    const plain = vs();
    const bom = '\uFEFF' + plain;
    const pf = service.parseFile(plain);
    const bf = service.parseFile(bom);
    const pd = textDocument(plain, 'file:///plain.yaml');
    const bd = textDocument(bom, 'file:///bom.yaml');
    const shift = (p) => (p.line === 0 ? { line: 0, character: p.character + 1 } : p);
    const shiftRange = (r) => r && { start: shift(r.start), end: shift(r.end) };
    for (let line = 0; line < pd.lineCount; line++) {
      for (let character = 0; character < 24; character += 3) {
        const p = { line, character };
        const h = service.doHover(pd, pf, p);
        assert.deepEqual(service.doHover(bd, bf, shift(p))?.range, shiftRange(h?.range), `hover at ${line}:${character}`);
        const c = service.doComplete(pd, pf, p).items.map((i) => [i.label, shiftRange(i.textEdit.range)]);
        assert.deepEqual(service.doComplete(bd, bf, shift(p)).items.map((i) => [i.label, i.textEdit.range]), c, `completion at ${line}:${character}`);
      }
    }
    assert.deepEqual(service.findDocumentSymbols(bd, bf)[0].selectionRange, shiftRange(service.findDocumentSymbols(pd, pf)[0].selectionRange));
  });

  it('CRLF line ends: every diagnostic, hover, completion and symbol range equals the LF version', () => {
    for (const lf of [vs(), fixture('hostile/markers-comments.yaml'), fixture('hostile/tabs.yaml')]) {
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = everyFeature(lf, 'file:///lf.yaml');
      const b = everyFeature(crlf, 'file:///crlf.yaml');
      assert.deepEqual(b.diagnostics.map((d) => [d.code, d.range]), a.diagnostics.map((d) => [d.code, d.range]));
      assert.deepEqual(b.symbols, a.symbols);
      const la = textDocument(lf);
      const lb = textDocument(crlf);
      const fa = service.parseFile(lf);
      const fb = service.parseFile(crlf);
      for (let line = 0; line < la.lineCount; line++) {
        const width = la.offsetAt({ line: line + 1, character: 0 }) - la.offsetAt({ line, character: 0 });
        for (let character = 0; character <= width; character += 2) {
          const p = { line, character };
          assert.deepEqual(service.doHover(lb, fb, p)?.range, service.doHover(la, fa, p)?.range, `hover at ${line}:${character}`);
          const items = (d, f) => service.doComplete(d, f, p).items.map((i) => [i.label, i.textEdit.range]);
          assert.deepEqual(items(lb, fb), items(la, fa), `completion at ${line}:${character}`);
        }
      }
    }
  });

  it('a tab in the indentation: one clearly worded yaml-tab-indent error on the tabbed key, no follow-on noise', () => {
    const diags = diagnose(fixture('hostile/tabs.yaml'));
    assert.deepEqual(diags.map((d) => [d.code, d.range]), [['yaml-tab-indent', '7:2-7:7']]);
    assert.match(diags[0].message, /Tab characters cannot be used for indentation.*indent with spaces/);
  });
});

describe('robustness: document forms', () => {
  it('a whole VirtualService as JSON gets the same findings as the block one, at the JSON ranges', () => {
    const block = diagnose(fixture('hostile/virtualservice.yaml'));
    const json = diagnose(fixture('hostile/virtualservice.json.yaml'));
    assert.deepEqual(json.map((d) => [d.code, d.rule, d.message]), block.map((d) => [d.code, d.rule, d.message]));
    assert.deepEqual(json.map((d) => d.range), ['20:13-20:21', '26:27-26:32']);
  });

  it('`---` and `...` markers and comments everywhere: the same finding, on its own line', () => {
    const run = everyFeature(fixture('hostile/markers-comments.yaml'));
    assert.deepEqual(brief(run.diagnostics), [['IST0106', '19:7-19:13', 1]]);
    assert.equal(run.file.docs.length, 3);
    assert.deepEqual(run.symbols.map((s) => [s.name, s.range.start.line, s.range.end.line]), [['VirtualService reviews', 1, 19]]);
  });

  it('empty documents: nothing reported, no symbols, and completion offers the header keys', () => {
    const text = fixture('hostile/empty-documents.yaml');
    const run = everyFeature(text);
    assert.deepEqual(run.diagnostics, []);
    assert.deepEqual(run.symbols, []);
    const doc = textDocument(text);
    assert.deepEqual(service.doComplete(doc, service.parseFile(text), { line: 2, character: 0 }).items.map((i) => i.label), ['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('a file of only comments: nothing reported, and completion offers the header keys', () => {
    const text = fixture('hostile/only-comments.yaml');
    const run = everyFeature(text);
    assert.deepEqual(run.diagnostics, []);
    assert.deepEqual(run.symbols, []);
    const doc = textDocument(text);
    assert.deepEqual(service.doComplete(doc, service.parseFile(text), { line: 3, character: 0 }).items.map((i) => i.label), ['apiVersion', 'kind', 'metadata', 'spec']);
  });
});
