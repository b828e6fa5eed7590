// Measures our validation against Istio's own validation test cases
// (/work/shared/istio/validation/validation-cases.json, or the folder given as
// the first argument). Each case's input (a proto literal rendered as JSON)
// is placed at its yamlPath inside a minimal valid skeleton of its kind,
// rendered to YAML and validated through the bundled facade
// (server/dist/languageService.js: run `node scripts/build.mjs` first).
//
//   node scripts/validation-oracle.mjs [casesDir] [--json]
//
// Exported as `runOracle(dir)` for test/unit/validation-oracle.test.mjs.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DIR = path.resolve(root, '../shared/istio/validation');

/**
 * Fields that the upstream tests (Istio 1.32 development) use but the CRDs we
 * bundle (Istio 1.30) do not have yet. The structural walk reports them as
 * unknown fields; that diagnostic says nothing about the rule a case tests, so
 * it is set aside (and listed) instead of counting as a verdict.
 */
const NEWER_THAN_SCHEMA = new Set(['http2KeepAlive', 'zoneAwareLbSetting', 'prefixRewrite']);

/**
 * Valid cases that the webhook accepts (with a warning) but the CRD schema
 * itself rejects, so an error from us is right. They leave the "valid" count.
 */
const SCHEMA_REJECTS = {
  'TestValidateTlsOptions#7': 'the CRD has maxItems: 2 on tls.tlsCertificates (the webhook only warns)',
  'TestValidateTlsOptions#26': 'the CRD has maxItems: 2 on tls.tlsCertificates (the webhook only warns)',
};

/** Why a case cannot be written as a YAML manifest at all, or undefined. */
function notExpressible(c) {
  if (/go-only|not expressible/i.test(c.note ?? '')) return c.note;
  return undefined;
}

const KB = 1024;
const MB = 1024 * KB;

/** Expands `<PLACEHOLDER string: 'a', 101*kb ...>` and `<PLACEHOLDER bytes ...>` into real bodies. */
function expandPlaceholders(value) {
  if (typeof value === 'string') {
    const m = /^<PLACEHOLDER (string|bytes)[^:]*: '(.)', ([^ ]+) \(kb=/.exec(value);
    if (!m) return value;
    const size = Function('kb', 'mb', `return ${m[3]};`)(KB, MB);
    const body = m[2].repeat(size);
    return m[1] === 'bytes' ? Buffer.from(body).toString('base64') : body;
  }
  if (Array.isArray(value)) return value.map(expandPlaceholders);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandPlaceholders(v)]));
  return value;
}

const ROUTE = () => [{ destination: { host: 'foo.baz' } }];
const HOSTS = ['foo.bar.com'];

/** The `spec` for a case: the input at its yamlPath inside a minimal valid skeleton. */
export function buildSpec(c) {
  const input = expandPlaceholders(c.input);
  const at = c.yamlPath;
  const omit = input === null; // a nil message in Go: leave the field out
  const put = (obj, key) => (omit ? obj : { ...obj, [key]: input });
  switch (at) {
    case 'spec':
      return input ?? {};
    // Gateway
    case 'spec.servers[i]':
      return { servers: [input] };
    case 'spec.servers[i].port (+ server.bind)':
      return { servers: [{ hosts: HOSTS, port: input, ...(c.bind ? { bind: c.bind } : {}) }] };
    case 'spec.servers[i].tls':
      return { servers: [put({ hosts: HOSTS, port: { number: 443, name: 'https', protocol: 'HTTPS' } }, 'tls')] };
    // VirtualService
    case 'spec.http[i]':
    case 'spec.http[i] of a root VS':
      return { hosts: HOSTS, http: [input] };
    case 'spec.http[i] of a delegate VS (no hosts)':
      return { http: [input] };
    case 'spec.tcp[i].route / spec.tls[i].route':
      return { hosts: HOSTS, tcp: [{ route: input }] };
    case 'spec.http[i].route[j].destination':
      return { hosts: HOSTS, http: [{ route: [{ destination: input }] }] };
    case 'spec.http[i].redirect (route has no match)':
      return { hosts: HOSTS, http: [omit ? { route: ROUTE() } : { redirect: input }] };
    case 'spec.http[i].directResponse':
      return { hosts: HOSTS, http: [omit ? { route: ROUTE() } : { directResponse: input }] };
    case 'spec.http[i].fault.abort':
    case 'spec.http[i].fault.delay': {
      const key = at.endsWith('abort') ? 'abort' : 'delay';
      return { hosts: HOSTS, http: [omit ? { route: ROUTE() } : { route: ROUTE(), fault: { [key]: input } }] };
    }
    case 'spec.http[i].rewrite.uriRegexRewrite':
      return { hosts: HOSTS, http: [omit ? { route: ROUTE() } : { route: ROUTE(), rewrite: { uriRegexRewrite: input } }] };
    case 'spec.http[i].retries':
    case 'spec.http[i].rewrite':
    case 'spec.http[i].corsPolicy':
      return { hosts: HOSTS, http: [put({ route: ROUTE() }, at.slice('spec.http[i].'.length))] };
    // DestinationRule
    case 'spec.trafficPolicy':
      return put({ host: 'reviews.bar.svc.cluster.local' }, 'trafficPolicy');
    case 'spec.trafficPolicy.connectionPool':
    case 'spec.trafficPolicy.loadBalancer':
    case 'spec.trafficPolicy.outlierDetection': {
      const key = at.slice('spec.trafficPolicy.'.length);
      return { host: 'reviews.bar.svc.cluster.local', ...(omit ? {} : { trafficPolicy: { [key]: input } }) };
    }
    default:
      throw new Error(`no skeleton for yamlPath "${at}" (${c.id})`);
  }
}

export function buildManifest(c) {
  const resource = {
    apiVersion: 'networking.istio.io/v1',
    kind: c.kind,
    metadata: { name: 'foo', namespace: 'bar' },
    spec: buildSpec(c),
  };
  return stringify(resource, { lineWidth: 0 });
}

/** Runs every case; returns per-kind figures, misses and exclusions. */
export function runOracle(dir = DEFAULT_DIR) {
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const core = require(path.join(root, 'server/dist/languageService.js'));
  const service = core.getLanguageService();
  // Each case alone: the cross-file checks (unknown subsets, gateways ...) are not what the cases test.
  const settings = { ...core.DEFAULT_SETTINGS, crossFileChecks: false };
  const cases = JSON.parse(readFileSync(path.join(dir, 'validation-cases.json'), 'utf8'));
  const kinds = {};
  const excluded = [];
  const misses = [];
  const wronglyFlagged = [];
  const missingWarnings = [];
  const setAside = [];
  for (const c of cases) {
    const k = (kinds[c.kind] ??= { invalid: 0, flagged: 0, valid: 0, validFlagged: 0, warning: 0, warned: 0 });
    const reason = notExpressible(c);
    if (reason) {
      excluded.push({ id: c.id, reason });
      continue;
    }
    const text = buildManifest(c);
    const diags = service.doValidation(TextDocument.create('file:///case.yaml', 'yaml', 1, text), service.parseFile(text), settings);
    const relevant = diags.filter((d) => {
      if (d.data?.rule !== 'unknown-field') return true;
      const key = text.slice(offsetOf(text, d.range.start), offsetOf(text, d.range.end));
      if (!NEWER_THAN_SCHEMA.has(key)) return true;
      setAside.push({ id: c.id, field: key });
      return false;
    });
    const errors = relevant.filter((d) => d.severity === 1);
    const warnings = relevant.filter((d) => d.severity === 2);
    const summary = (list) => list.map((d) => `${d.data?.rule}: ${d.message}`);
    if (!c.valid) {
      k.invalid++;
      if (errors.length > 0) k.flagged++;
      else misses.push({ id: c.id, name: c.name, expected: c.expectedErrors ?? [], got: summary(relevant) });
    } else if (SCHEMA_REJECTS[c.id]) {
      excluded.push({ id: c.id, reason: `valid for the webhook, but ${SCHEMA_REJECTS[c.id]}` });
    } else {
      k.valid++;
      if (errors.length > 0) {
        k.validFlagged++;
        wronglyFlagged.push({ id: c.id, name: c.name, got: summary(errors) });
      }
    }
    if (c.expectWarning && !SCHEMA_REJECTS[c.id]) {
      k.warning++;
      if (warnings.length > 0) k.warned++;
      else missingWarnings.push({ id: c.id, name: c.name, expected: c.expectedWarnings ?? [], got: summary(relevant) });
    }
  }
  const total = Object.values(kinds).reduce(
    (t, k) => ({ invalid: t.invalid + k.invalid, flagged: t.flagged + k.flagged, valid: t.valid + k.valid, validFlagged: t.validFlagged + k.validFlagged, warning: t.warning + k.warning, warned: t.warned + k.warned }),
    { invalid: 0, flagged: 0, valid: 0, validFlagged: 0, warning: 0, warned: 0 },
  );
  return { cases: cases.length, kinds, total, excluded, misses, wronglyFlagged, missingWarnings, setAside };
}

function offsetOf(text, pos) {
  let line = 0;
  let i = 0;
  while (line < pos.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
    line++;
  }
  return i + pos.character;
}

function pct(a, b) {
  return b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`;
}

function print(r) {
  console.log(`Istio validation cases: ${r.cases}`);
  console.log('\nkind             invalid flagged       valid wrongly-flagged  warning-cases warned');
  for (const [kind, k] of [...Object.entries(r.kinds), ['TOTAL', r.total]]) {
    console.log(
      `${kind.padEnd(16)} ${`${k.flagged}/${k.invalid}`.padStart(7)} ${pct(k.flagged, k.invalid).padStart(7)}   ${String(k.valid).padStart(9)} ${String(k.validFlagged).padStart(15)}  ${`${k.warned}/${k.warning}`.padStart(13)}`,
    );
  }
  console.log(`\nExcluded from the denominators (${r.excluded.length}):`);
  for (const e of r.excluded) console.log(`  ${e.id}: ${e.reason}`);
  if (r.setAside.length) {
    console.log(`\nUnknown-field diagnostics set aside (fields newer than the bundled Istio 1.30 CRDs): ${r.setAside.length}`);
    for (const s of r.setAside) console.log(`  ${s.id}: ${s.field}`);
  }
  console.log(`\nInvalid cases not flagged (${r.misses.length}):`);
  for (const m of r.misses) console.log(`  ${m.id} "${m.name}": expected ${JSON.stringify(m.expected)}; got ${JSON.stringify(m.got)}`);
  console.log(`\nValid cases wrongly flagged (${r.wronglyFlagged.length}):`);
  for (const m of r.wronglyFlagged) console.log(`  ${m.id} "${m.name}": ${JSON.stringify(m.got)}`);
  console.log(`\nWarning cases without a warning (${r.missingWarnings.length}):`);
  for (const m of r.missingWarnings) console.log(`  ${m.id} "${m.name}": expected ${JSON.stringify(m.expected)}; got ${JSON.stringify(m.got)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? DEFAULT_DIR;
  if (!existsSync(path.join(dir, 'validation-cases.json'))) {
    console.error(`no validation-cases.json in ${dir}`);
    process.exit(2);
  }
  const result = runOracle(dir);
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else print(result);
}
