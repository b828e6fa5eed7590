// The snippets of snippets/istio.json: every one, expanded with its defaults
// (and with each alternative of its choice lists), must be a manifest our own
// validation accepts without a single diagnostic, with the kinds it promises.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { diagnose, root, service } from '../helpers/core.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const snippets = JSON.parse(readFileSync(path.join(root, 'snippets/istio.json'), 'utf8'));

/** Every rollout pattern we promise, with the kinds of its documents in order. */
const EXPECTED = {
  'istio-virtualservice': ['VirtualService'],
  'istio-destinationrule': ['DestinationRule'],
  'istio-dark-launch': ['VirtualService', 'DestinationRule'],
  'istio-fault-injection': ['VirtualService'],
  'istio-gateway': ['Gateway', 'VirtualService'],
  'istio-blue-green': ['DestinationRule', 'VirtualService', 'VirtualService'],
  'istio-canary': ['VirtualService', 'DestinationRule'],
  'istio-circuit-breaker': ['DestinationRule'],
  'istio-retries-timeouts': ['VirtualService'],
  'istio-mirroring': ['VirtualService', 'DestinationRule'],
  'istio-serviceentry-external': ['ServiceEntry'],
  'istio-peerauthentication-strict': ['PeerAuthentication'],
  'istio-authorizationpolicy-allow': ['AuthorizationPolicy'],
};

// ---------------------------------------------------------------------------
// A small parser for the VS Code snippet syntax (the subset of the TextMate
// grammar that snippets use): `$1`, `${1}`, `${1:default}` (nested),
// `${1|a,b|}`, `$VAR`, `${VAR:default}`, and the escapes `\$`, `\}`, `\\`
// (plus `\,` and `\|` inside choices).

/** @returns {Array<object>} the nodes of `src` up to an unescaped `}` when `inner` */
function parseSnippet(src) {
  let i = 0;
  function nodes(inner) {
    const out = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ type: 'text', value: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && '$}\\'.includes(src[i + 1] ?? '')) {
        text += src[i + 1];
        i += 2;
      } else if (c === '}' && inner) {
        break;
      } else if (c === '$') {
        flush();
        out.push(dollar());
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return out;
  }
  function dollar() {
    i++; // $
    let m = /^(\d+)/.exec(src.slice(i));
    if (m) {
      i += m[1].length;
      return { type: 'tabstop', index: Number(m[1]) };
    }
    m = /^([A-Za-z_]\w*)/.exec(src.slice(i));
    if (m) {
      i += m[1].length;
      return { type: 'variable', name: m[1], children: [] };
    }
    assert.equal(src[i], '{', `bare $ at ${i} in ${JSON.stringify(src)} (write \\$ for a literal dollar)`);
    i++;
    m = /^(\d+|[A-Za-z_]\w*)/.exec(src.slice(i));
    assert.ok(m, `bad \${ at ${i} in ${JSON.stringify(src)}`);
    i += m[1].length;
    const numeric = /^\d+$/.test(m[1]);
    const index = numeric ? Number(m[1]) : undefined;
    if (src[i] === '}') {
      i++;
      return numeric ? { type: 'tabstop', index } : { type: 'variable', name: m[1], children: [] };
    }
    if (src[i] === ':') {
      i++;
      const children = nodes(true);
      assert.equal(src[i], '}', `unclosed placeholder in ${JSON.stringify(src)}`);
      i++;
      return numeric ? { type: 'placeholder', index, children } : { type: 'variable', name: m[1], children };
    }
    if (src[i] === '|' && numeric) {
      i++;
      const options = [];
      let cur = '';
      for (;;) {
        assert.ok(i < src.length, `unclosed choice in ${JSON.stringify(src)}`);
        const c = src[i];
        if (c === '\\' && ',|\\$}'.includes(src[i + 1] ?? '')) {
          cur += src[i + 1];
          i += 2;
        } else if (c === ',') {
          options.push(cur);
          cur = '';
          i++;
        } else if (c === '|' && src[i + 1] === '}') {
          options.push(cur);
          i += 2;
          return { type: 'choice', index, options };
        } else {
          cur += c;
          i++;
        }
      }
    }
    assert.fail(`unsupported snippet syntax at ${i} in ${JSON.stringify(src)} (transforms are not used here)`);
  }
  const result = nodes(false);
  assert.equal(i, src.length, `unbalanced } in ${JSON.stringify(src)}`);
  return result;
}

/**
 * Expands parsed nodes: a placeholder gives its default, a choice its first
 * option (or the one `picks` names for its index), a bare tab stop and a
 * variable without default give ''.
 */
function expandNodes(nodes, picks = {}) {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return n.value;
        case 'tabstop':
          return '';
        case 'placeholder':
        case 'variable':
          return expandNodes(n.children, picks);
        case 'choice':
          return picks[n.index] ?? n.options[0];
        default:
          throw new Error(`unknown node ${n.type}`);
      }
    })
    .join('');
}

function bodyText(snippet) {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

function expand(snippet, picks) {
  return expandNodes(parseSnippet(bodyText(snippet)), picks);
}

/** Every tab stop (flattened): { index, kind, text } with text = its default. */
function stops(nodes, out = []) {
  for (const n of nodes) {
    if (n.type === 'tabstop') out.push({ index: n.index, kind: 'tabstop', text: '' });
    if (n.type === 'choice') out.push({ index: n.index, kind: 'choice', text: n.options[0], options: n.options });
    if (n.type === 'placeholder') {
      out.push({ index: n.index, kind: 'placeholder', text: expandNodes(n.children) });
      stops(n.children, out);
    }
    if (n.type === 'variable') stops(n.children, out);
  }
  return out;
}

const entries = Object.entries(snippets);
const byPrefix = new Map(entries.map(([name, s]) => [s.prefix, { name, ...s }]));

function kindsOf(text) {
  return service.parseFile(text).docs.map((d) => d.resource);
}

// ---------------------------------------------------------------------------

describe('snippets: the expander', () => {
  it('expands placeholders, nested placeholders, choices, tab stops and escapes', () => {
    const s = { body: ['a: ${1:x}', 'b: ${2|p,q\\,r|}', 'c: ${3:n-${4:m}}', 'd: $5${6}\\$', '$0'] };
    assert.equal(expand(s), 'a: x\nb: p\nc: n-m\nd: $\n');
    assert.equal(expand(s, { 2: 'q,r' }), 'a: x\nb: q,r\nc: n-m\nd: $\n');
  });
});

describe('snippets: contents', () => {
  it('are contributed for YAML in package.json', () => {
    assert.deepEqual(
      pkg.contributes.snippets?.filter((s) => s.path === './snippets/istio.json'),
      [{ language: 'yaml', path: './snippets/istio.json' }],
    );
  });
  it('cover every required pattern, each prefix once', () => {
    const prefixes = entries.map(([, s]) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefix');
    for (const p of Object.keys(EXPECTED)) assert.ok(byPrefix.has(p), `missing snippet ${p}`);
  });
  for (const [name, s] of entries) {
    it(`${s.prefix}: prefix, description, tab stops`, () => {
      assert.equal(typeof s.prefix, 'string');
      assert.ok(s.prefix.startsWith('istio-'), `${name}: prefix ${s.prefix} does not start with istio-`);
      assert.ok(typeof s.description === 'string' && s.description.length >= 30, `${name}: needs a clear description`);
      const all = stops(parseSnippet(bodyText(s)));
      // Every stop but the final $0 has a default: expanding leaves no hole.
      for (const t of all) {
        if (t.index === 0) continue;
        assert.notEqual(t.kind, 'tabstop', `${name}: tab stop $${t.index} has no default`);
        assert.notEqual(t.text.trim(), '', `${name}: tab stop ${t.index} has an empty default`);
      }
      // Mirrored stops agree on their default (VS Code shows the first one in all).
      const first = new Map();
      for (const t of all) {
        if (!first.has(t.index)) first.set(t.index, t);
        else assert.equal(t.text, first.get(t.index).text, `${name}: tab stop ${t.index} has two different defaults`);
      }
      assert.ok(all.some((t) => t.index === 0), `${name}: ends with $0`);
    });
  }
});

describe('snippets: expanded with their defaults', () => {
  for (const [prefix, kinds] of Object.entries(EXPECTED)) {
    it(`${prefix} is a valid ${kinds.join(' + ')}`, () => {
      const s = byPrefix.get(prefix);
      assert.ok(s, `missing snippet ${prefix}`);
      const text = expand(s);
      const resources = kindsOf(text);
      assert.deepEqual(resources.map((r) => r?.kind), kinds.map(() => 'istio'), text);
      assert.deepEqual(resources.map((r) => r.resourceKind), kinds);
      for (const r of resources) {
        assert.equal(r.apiVersion, r.group === 'security.istio.io' ? 'security.istio.io/v1' : 'networking.istio.io/v1');
      }
      assert.deepEqual(diagnose(text), [], text);
    });
  }
});

describe('snippets: every alternative of every choice list', () => {
  for (const [name, s] of entries) {
    const choices = stops(parseSnippet(bodyText(s))).filter((t) => t.kind === 'choice');
    for (const c of choices) {
      for (const option of c.options.slice(1)) {
        it(`${s.prefix}: \${${c.index}} = ${option}`, () => {
          const text = expand(s, { [c.index]: option });
          assert.deepEqual(diagnose(text), [], `${name}\n${text}`);
        });
      }
    }
  }
});

describe('snippets: the checks that run on them are live', () => {
  it('a subset missing from the DestinationRule of the same snippet is reported', () => {
    const text = expand(byPrefix.get('istio-dark-launch')).replace('subset: v2', 'subset: v3');
    assert.deepEqual(diagnose(text).map((d) => d.rule), ['subset-not-found']);
  });
});

describe('snippets: each pattern does what it says', () => {
  const docs = (prefix) => YAML.parseAllDocuments(expand(byPrefix.get(prefix))).map((d) => d.toJS());

  it('dark launch routes a header to the new subset, the rest to the stable one', () => {
    const [vs, dr] = docs('istio-dark-launch');
    const [dark, stable] = vs.spec.http;
    assert.deepEqual(Object.keys(dark.match[0].headers), ['end-user']);
    assert.equal(dark.route[0].destination.subset, 'v2');
    assert.equal(stable.match, undefined);
    assert.equal(stable.route[0].destination.subset, 'v1');
    assert.deepEqual(dr.spec.subsets.map((x) => x.name).sort(), ['v1', 'v2']);
  });
  it('fault injection aborts and delays a percentage of requests', () => {
    const [vs] = docs('istio-fault-injection');
    const { abort, delay } = vs.spec.http[0].fault;
    assert.equal(typeof abort.httpStatus, 'number');
    assert.equal(typeof abort.percentage.value, 'number');
    assert.match(delay.fixedDelay, /^\d+(ms|s|m|h)$/);
    assert.equal(typeof delay.percentage.value, 'number');
  });
  it('the gateway snippet binds its VirtualService as namespace/name', () => {
    const [gw, vs] = docs('istio-gateway');
    assert.deepEqual(vs.spec.gateways, [`${gw.metadata.namespace}/${gw.metadata.name}`]);
    assert.ok(gw.spec.servers.some((srv) => srv.hosts.includes(vs.spec.hosts[0])));
  });
  it('blue/green: live and test hosts on opposite colors, both defined', () => {
    const [dr, live, test] = docs('istio-blue-green');
    assert.deepEqual(dr.spec.subsets.map((x) => x.name), ['blue', 'green']);
    assert.notDeepEqual(live.spec.hosts, test.spec.hosts);
    const subset = (vs) => vs.spec.http[0].route[0].destination.subset;
    assert.deepEqual([subset(live), subset(test)], ['blue', 'green']);
  });
  it('canary weights add up to 100', () => {
    const [vs, dr] = docs('istio-canary');
    const route = vs.spec.http[0].route;
    assert.equal(route.length, 2);
    assert.equal(route.reduce((sum, r) => sum + r.weight, 0), 100);
    assert.deepEqual(route.map((r) => r.destination.subset), dr.spec.subsets.map((x) => x.name));
  });
  it('circuit breaker: outlier detection on consecutive 5xx errors and a connection pool', () => {
    const [dr] = docs('istio-circuit-breaker');
    assert.equal(typeof dr.spec.trafficPolicy.outlierDetection.consecutive5xxErrors, 'number');
    assert.ok(dr.spec.trafficPolicy.connectionPool.tcp && dr.spec.trafficPolicy.connectionPool.http);
  });
  it('retries and timeouts', () => {
    const [vs] = docs('istio-retries-timeouts');
    const r = vs.spec.http[0];
    assert.ok(r.timeout && r.retries.attempts > 0 && r.retries.perTryTimeout && r.retries.retryOn);
  });
  it('mirroring copies a percentage of traffic to the new subset', () => {
    const [vs] = docs('istio-mirroring');
    const r = vs.spec.http[0];
    assert.notEqual(r.mirror.subset, r.route[0].destination.subset);
    assert.equal(typeof r.mirrorPercentage.value, 'number');
  });
  it('the external ServiceEntry is MESH_EXTERNAL, resolved by DNS, on 443', () => {
    const [se] = docs('istio-serviceentry-external');
    assert.equal(se.spec.location, 'MESH_EXTERNAL');
    assert.equal(se.spec.resolution, 'DNS');
    assert.equal(se.spec.ports[0].number, 443);
  });
  it('strict PeerAuthentication and an allow-list AuthorizationPolicy', () => {
    assert.equal(docs('istio-peerauthentication-strict')[0].spec.mtls.mode, 'STRICT');
    const [ap] = docs('istio-authorizationpolicy-allow');
    assert.equal(ap.spec.action, 'ALLOW');
    const sources = ap.spec.rules[0].from.map((f) => Object.keys(f.source)).flat();
    assert.deepEqual(sources.sort(), ['namespaces', 'principals']);
    const op = ap.spec.rules[0].to[0].operation;
    assert.ok(op.methods.length > 0 && op.paths.length > 0);
  });
});
