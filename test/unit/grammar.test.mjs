// The injection grammar (syntaxes/istio.injection.tmLanguage.json), applied to
// a TextMate YAML grammar the way VS Code applies it: through the
// `contributes.grammars` entry of package.json that injects it into
// source.yaml. It must add Istio scopes and take nothing away from YAML.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
/** The grammar VS Code would inject into source.yaml, per package.json. */
const contributed = (pkg.contributes.grammars ?? []).filter((g) => g.injectTo?.includes('source.yaml'));

const SAMPLE = `# kind: VirtualService in a comment, and 5s
#   kind: Gateway
# timeout: 5s
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews  # the name
  labels:
    app: "timeout 5s"
    tier: 'host: x'
  annotations:
    note: "a quoted string
      host: spans lines
      timeout: 5s"
spec:
  hosts:
  - reviews
  - "*.example.com"

  - reviews.prod.svc.cluster.local
  gateways:
  - shop/storefront
  - mesh
  http:
  - name: default
    timeout: 1h30m
    retries:
      attempts: 3
      perTryTimeout: 250ms
    fault:
      delay:
        fixedDelay: 5s
        percentage:
          value: 0.5
    route:
    - destination:
        host: reviews
        subset: v1
      weight: 100
    mirror:
      host: reviews.prod.svc.cluster.local
      subset: "v2"
  - route:
    - destination: {host: ratings}
    - host: inline-after-dash
---
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
spec:
  targetRefs:
  - kind: Gateway
    name: waypoint
  interval: 1m
  other: 5sec
  description: |
    kind: VirtualService
    timeout: 5s
---
host: db.internal
hosts: 3
---
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
      - name: app
        image: example/app:1.0
`;

let withIstio;
let plainYaml;

/** onig.wasm ships in the vscode-oniguruma package; it is loaded once per process. */
const onigLib = (async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return {
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  };
})();

function registry(inject) {
  return new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.yaml') {
        const file = require.resolve('tm-grammars/grammars/yaml.json');
        return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
      }
      const c = contributed.find((g) => g.scopeName === scopeName);
      if (!c) return null;
      const file = path.join(root, c.path);
      return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) => (inject ? contributed.filter((g) => g.injectTo.includes(scopeName)).map((g) => g.scopeName) : []),
  });
}

/** Tokenizes `text`: per line, the tokens with their text and scopes (source.yaml left out). */
function tokenize(grammar, text) {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes.slice(1) }));
  });
}

const lines = SAMPLE.split('\n');

/** The token that starts at the `nth` occurrence of `needle` in the line that begins (after indentation) with `lineStart`. */
function token(tokens, lineStart, needle = lineStart, nth = 0) {
  const matches = lines.map((l, i) => [l, i]).filter(([l]) => l.trimStart().startsWith(lineStart));
  assert.ok(matches.length > nth, `no line starting with ${JSON.stringify(lineStart)}`);
  const [line, index] = matches[nth];
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} not in ${JSON.stringify(line)}`);
  const t = tokens[index].find((tok) => tok.start <= at && at < tok.end);
  assert.ok(t, `no token at ${JSON.stringify(needle)}`);
  return t;
}

/** Asserts that `needle` is one whole token carrying every scope of `scopes`. */
function hasScopes(tokens, lineStart, needle, scopes, nth = 0) {
  const t = token(tokens, lineStart, needle, nth);
  assert.equal(t.text, needle, `token at ${JSON.stringify(needle)} is ${JSON.stringify(t.text)}`);
  for (const s of scopes) assert.ok(t.scopes.includes(s), `${JSON.stringify(needle)}: ${s} missing in ${t.scopes.join(' ')}`);
  return t;
}

const ISTIO_SCOPE = /(^|\.)istio(\.|$)/;
const istioScopes = (t) => t.scopes.filter((s) => ISTIO_SCOPE.test(s));

describe('grammar: the injection into source.yaml', () => {
  before(async () => {
    withIstio = tokenize(await registry(true).loadGrammar('source.yaml'), SAMPLE);
    plainYaml = tokenize(await registry(false).loadGrammar('source.yaml'), SAMPLE);
  });

  it('is contributed in package.json and is a valid injection grammar', () => {
    assert.equal(contributed.length, 1);
    const g = JSON.parse(readFileSync(path.join(root, contributed[0].path), 'utf8'));
    assert.equal(g.scopeName, contributed[0].scopeName);
    assert.match(g.injectionSelector, /^L:source\.yaml\b/);
    assert.match(g.injectionSelector, /-comment\b/);
    assert.match(g.injectionSelector, /-string\.quoted\b/);
  });

  it('scopes Istio apiVersion values', () => {
    hasScopes(withIstio, 'apiVersion: networking', 'networking.istio.io/v1', ['support.type.istio.apiversion', 'string.unquoted.plain.out.yaml']);
    hasScopes(withIstio, 'apiVersion: security', 'security.istio.io/v1beta1', ['support.type.istio.apiversion']);
    assert.deepEqual(istioScopes(token(withIstio, 'apiVersion: apps', 'apps/v1')), []);
  });

  it('scopes Istio kinds, and only Istio kinds', () => {
    hasScopes(withIstio, 'kind: VirtualService', 'VirtualService', ['entity.name.type.istio.kind', 'string.unquoted.plain.out.yaml']);
    hasScopes(withIstio, 'kind: PeerAuthentication', 'PeerAuthentication', ['entity.name.type.istio.kind']);
    // A nested kind refers to another API (here a Gateway API Gateway).
    assert.deepEqual(istioScopes(token(withIstio, '- kind: Gateway', 'Gateway')), []);
    const deployment = token(withIstio, 'kind: Deployment', 'Deployment');
    assert.ok(!deployment.scopes.includes('entity.name.type.istio.kind'), deployment.scopes.join(' '));
    assert.deepEqual(istioScopes(deployment), []);
  });

  it('scopes durations as values', () => {
    for (const [line, value] of [['timeout: 1h', '1h30m'], ['perTryTimeout:', '250ms'], ['fixedDelay:', '5s'], ['interval:', '1m']]) {
      hasScopes(withIstio, line, value, ['constant.numeric.duration.istio', 'string.unquoted.plain.out.yaml']);
    }
    assert.deepEqual(istioScopes(token(withIstio, 'other:', '5sec')), []);
    assert.deepEqual(istioScopes(token(withIstio, 'value:', '0.5')), []);
    assert.deepEqual(istioScopes(token(withIstio, 'attempts:', '3')), []);
  });

  it('scopes the keys that reference other resources, and the names they hold', () => {
    const key = ['keyword.other.reference.istio', 'entity.name.tag.yaml'];
    const name = ['variable.other.reference.istio', 'string.unquoted.plain.out.yaml'];
    hasScopes(withIstio, 'host: reviews', 'host', key);
    hasScopes(withIstio, 'host: reviews', 'reviews', name);
    hasScopes(withIstio, 'subset: v1', 'subset', key);
    hasScopes(withIstio, 'subset: v1', 'v1', name);
    hasScopes(withIstio, 'hosts:', 'hosts', key);
    hasScopes(withIstio, 'gateways:', 'gateways', key);
    hasScopes(withIstio, 'host: reviews.prod', 'reviews.prod.svc.cluster.local', name);
    hasScopes(withIstio, '- host: inline', 'host', key);
    hasScopes(withIstio, '- host: inline', 'inline-after-dash', name);
    // Items of a block list are left to YAML: a grammar that opened a region
    // for them would fight the YAML grammar's own structure.
    assert.deepEqual(istioScopes(token(withIstio, '- shop/storefront', 'shop/storefront')), []);
    // At column 0 a key opens the document's mapping: left to YAML.
    assert.deepEqual(istioScopes(token(withIstio, 'host: db', 'host')), []);
    assert.deepEqual(istioScopes(token(withIstio, 'hosts: 3', 'hosts')), []);
    // A quoted name stays a YAML string.
    const quoted = token(withIstio, 'subset: "v2"', 'v2');
    assert.ok(quoted.scopes.includes('string.quoted.double.yaml'));
    assert.deepEqual(istioScopes(quoted), []);
    // The list ends with it: the next sequence item is ordinary YAML.
    assert.deepEqual(istioScopes(token(withIstio, '- name: default', 'default')), []);
    assert.deepEqual(istioScopes(token(withIstio, '- name: app', 'app')), []);
  });

  it('leaves ordinary keys, comments, strings and block scalars to YAML', () => {
    for (const [line, needle] of [['metadata:', 'metadata'], ['name: reviews', 'name'], ['timeout: 1h', 'timeout'], ['weight:', 'weight']]) {
      const t = token(withIstio, line, needle);
      assert.ok(t.scopes.includes('entity.name.tag.yaml'), `${needle}: ${t.scopes.join(' ')}`);
      assert.deepEqual(istioScopes(t), [], needle);
    }
    const comment = token(withIstio, '# kind', 'VirtualService');
    assert.ok(comment.scopes.includes('comment.line.number-sign.yaml'));
    assert.deepEqual(istioScopes(comment), []);
    assert.ok(token(withIstio, 'name: reviews', 'the name').scopes.includes('comment.line.number-sign.yaml'));
    for (const [line, needle] of [['#   kind: Gateway', 'Gateway'], ['# timeout: 5s', '5s']]) {
      const t = token(withIstio, line, needle);
      assert.ok(t.scopes.includes('comment.line.number-sign.yaml'), `${needle}: ${t.scopes.join(' ')}`);
      assert.deepEqual(istioScopes(t), [], needle);
    }
    for (const [line, needle] of [['app:', 'timeout 5s'], ['tier:', 'host: x'], ['host: spans', 'spans'], ['timeout: 5s"', '5s']]) {
      const t = token(withIstio, line, needle);
      assert.ok(t.scopes.some((s) => s.startsWith('string.quoted.')), `${needle}: ${t.scopes.join(' ')}`);
      assert.deepEqual(istioScopes(t), [], needle);
    }
    for (const [needle, nth] of [['kind: VirtualService', 1], ['timeout: 5s', 1]]) {
      const t = token(withIstio, needle, needle, nth);
      assert.ok(t.scopes.includes('string.unquoted.block.yaml'), `${needle}: ${t.scopes.join(' ')}`);
      assert.deepEqual(istioScopes(t), [], needle);
    }
  });

  it('only adds scopes: without the Istio ones, every character keeps its YAML scopes', () => {
    const scopesAt = (tokens, col) => tokens.find((t) => t.start <= col && col < t.end)?.scopes ?? [];
    let istio = 0;
    lines.forEach((line, i) => {
      for (let col = 0; col < line.length; col++) {
        const injected = scopesAt(withIstio[i], col);
        if (injected.some((s) => ISTIO_SCOPE.test(s))) istio++;
        assert.deepEqual(
          injected.filter((s) => !ISTIO_SCOPE.test(s)),
          scopesAt(plainYaml[i], col),
          `line ${i + 1} column ${col + 1}: ${JSON.stringify(line)}`,
        );
      }
    });
    assert.ok(istio > 100, `${istio} characters carry an Istio scope`);
  });

  it('takes only key or value text: no indentation, ":", "-", quotes, and no regions', () => {
    const g = JSON.parse(readFileSync(path.join(root, contributed[0].path), 'utf8'));
    for (const [name, rule] of Object.entries(g.repository)) {
      assert.ok(rule.match && !rule.begin && !rule.patterns, `${name} must be a single match rule`);
    }
    for (const tokens of withIstio) {
      for (const t of tokens.filter((tok) => istioScopes(tok).length > 0)) {
        assert.match(t.text, /^[^\s:\-"'][^\s]*$/, JSON.stringify(t));
        assert.doesNotMatch(t.text, /:$/, JSON.stringify(t));
      }
    }
  });
});
