// istiod's semantic rules, data-driven from our own fixtures:
//   test/fixtures/semantic/invalid/*.yaml  each marks the expected ranges «like this» and lists,
//                                          in the same order, `# expect: <rule> <error|warning|info>`;
//                                          the errors and warnings must be exactly those (plus any
//                                          info whose rule is expected). Optional headers:
//                                          `# istioVersion: 1.14`, `# ignore: <rule>` (e.g. unknown-field
//                                          for fields newer than the bundled CRDs).
//   test/fixtures/semantic/valid/*.yaml    no errors or warnings at all.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnoseWith, root } from '../helpers/core.mjs';

const dir = path.join(root, 'test/fixtures/semantic');
const SEVERITY = { error: 1, warning: 2, info: 3 };

/** Removes the «» markers; returns the text and each marked range as L:C-L:C (1-based). */
function unmark(src) {
  let text = '';
  const ranges = [];
  let line = 1;
  let col = 1;
  let open;
  for (const ch of src) {
    if (ch === '«') open = `${line}:${col}`;
    else if (ch === '»') ranges.push(`${open}-${line}:${col}`);
    else {
      text += ch;
      if (ch === '\n') {
        line++;
        col = 1;
      } else col++;
    }
  }
  return { text, ranges };
}

/** Large bodies are written as placeholders: `__1MiB_PLUS_10__`. */
function expand(text) {
  return text.replace(/__1MiB_PLUS_10__/g, 'x'.repeat(1024 * 1024 + 10));
}

function fixtures(sub) {
  return readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.yaml')).sort();
}

const byPosition = (a, b) => a.range.localeCompare(b.range, undefined, { numeric: true }) || a.rule.localeCompare(b.rule);

describe('semantic rules: each invalid fixture gets exactly its expected diagnostics', () => {
  for (const file of fixtures('invalid')) {
    it(file, () => {
      const src = readFileSync(path.join(dir, 'invalid', file), 'utf8');
      const expects = [...src.matchAll(/^# expect: (\S+) (error|warning|info)$/gm)].map((m) => ({ rule: m[1], severity: SEVERITY[m[2]] }));
      const ignore = new Set([...src.matchAll(/^# ignore: (\S+)$/gm)].map((m) => m[1]));
      const istioVersion = /^# istioVersion: (\S+)$/m.exec(src)?.[1];
      const { text, ranges } = unmark(src);
      assert.equal(ranges.length, expects.length, 'one «marked» range per `# expect:` line');
      const expected = expects.map((e, i) => ({ ...e, range: ranges[i] })).sort(byPosition);
      const rules = new Set(expects.map((e) => e.rule));
      const actual = diagnoseWith(expand(text), istioVersion ? { istioVersion } : {})
        .filter((d) => !ignore.has(d.rule) && (d.severity <= 2 || rules.has(d.rule)))
        .map((d) => ({ rule: d.rule, severity: d.severity, range: d.range }))
        .sort(byPosition);
      assert.deepEqual(actual, expected);
    });
  }
});

describe('semantic rules: valid fixtures get no errors or warnings', () => {
  for (const file of fixtures('valid')) {
    it(file, () => {
      const text = readFileSync(path.join(dir, 'valid', file), 'utf8');
      const found = diagnoseWith(text).filter((d) => d.severity <= 2);
      assert.deepEqual(found.map((d) => `${d.range} ${d.rule}: ${d.message}`), []);
    });
  }
});

describe('semantic rules: details', () => {
  const vs = (gateways) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: cart, namespace: shop}\nspec:\n  hosts: [cart.example.com]\n  gateways: ${gateways}\n  http:\n  - route:\n    - destination: {host: cart}\n`;

  it('gives the namespace/name rewrite of a legacy gateway name', () => {
    const [d] = diagnoseWith(vs('[edge-gw.istio-ingress.svc.cluster.local]')).filter((x) => x.rule === 'gateway-legacy-name');
    assert.equal(d.severity, 2);
    assert.equal(d.data.replacement, 'istio-ingress/edge-gw');
    assert.match(d.message, /istio-ingress\/edge-gw/);
  });

  it('accepts the namespace/name and mesh forms', () => {
    assert.deepEqual(diagnoseWith(vs('[istio-ingress/edge-gw, mesh]')).filter((x) => x.severity <= 2), []);
  });

  it('weights off 100 are a warning before Istio 1.15 and information since', () => {
    const text = readFileSync(path.join(dir, 'invalid/vs-weights-old-istio.yaml'), 'utf8').replace(/[«»]/g, '');
    const sev = (istioVersion) => diagnoseWith(text, { istioVersion }).find((d) => d.rule === 'weights-sum')?.severity;
    assert.equal(sev('1.9'), 2);
    assert.equal(sev('1.14'), 2);
    assert.equal(sev('1.15'), 3);
    assert.equal(sev('1.30'), 3);
  });

  it('offers replacements: the next prime maglev table size, a retryOn list without spaces', () => {
    const fixtureText = (name) => readFileSync(path.join(dir, 'invalid', name), 'utf8').replace(/[«»]/g, '');
    const maglev = diagnoseWith(fixtureText('dr-load-balancer.yaml')).find((d) => d.rule === 'maglev-table-size');
    assert.equal(maglev.data.replacement, '65537');
    const retryOn = diagnoseWith(fixtureText('vs-retries.yaml')).find((d) => d.rule === 'retry-on');
    assert.equal(retryOn.data.replacement, '5xx,connect-failure');
  });

  it('judges regexes with RE2: lookarounds and backreferences fail, RE2 classes pass', () => {
    const withRegex = (re) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: cart}\nspec:\n  hosts: [cart]\n  http:\n  - match:\n    - uri: {regex: '${re}'}\n    route:\n    - destination: {host: cart}\n`;
    const regexErrors = (re) => diagnoseWith(withRegex(re)).filter((d) => d.rule === 'regex').length;
    assert.equal(regexErrors('(a)\\1'), 1);
    assert.equal(regexErrors('^/(?!admin).*'), 1);
    assert.equal(regexErrors('^/cart/[[:digit:]]+$'), 0);
    assert.equal(regexErrors('(?i)^/CART/\\d+'), 0);
  });

  it('a direct response body over 100 KiB is a warning, over 1 MiB an error', () => {
    const body = (n) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: cart}\nspec:\n  hosts: [cart]\n  http:\n  - directResponse:\n      status: 200\n      body: {string: "${'y'.repeat(n)}"}\n`;
    const sev = (n) => diagnoseWith(body(n)).find((d) => d.rule === 'direct-response-size')?.severity;
    assert.equal(sev(100 * 1024), undefined);
    assert.equal(sev(100 * 1024 + 1), 2);
    assert.equal(sev(1024 * 1024 + 1), 1);
  });
});
