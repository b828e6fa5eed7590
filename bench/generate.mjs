// Seeded workloads for the benchmark (issue 7): one multi-document file of N
// Istio resources (VirtualService, DestinationRule, Gateway, ServiceEntry in
// realistic shapes, that reference each other, with a few deliberate errors),
// and the positions and edits the benchmark uses on it. The same (count, seed)
// always gives the same text, positions and edits.
//
//   node bench/generate.mjs <count> [seed] > resources.yaml
//
// The 1,000-file workspace comes from scripts/gen-workspace.mjs (whose PRNG
// this file shares).
import { pathToFileURL } from 'node:url';
import { random } from '../scripts/gen-workspace.mjs';

/** About one resource in this many carries a deliberate error (at least one per file). */
const ERROR_EVERY = 40;
const APPS_PER_NAMESPACE = 10;
const ERROR_KINDS = ['unknown-field', 'bad-enum', 'port-range', 'bad-duration', 'wrong-type', 'missing-subset'];

/**
 * `count` resources in one multi-document YAML text.
 * Returns { text, kinds: { VirtualService: n, ... }, errors: [{ line, kind }] } (lines 0-based).
 */
export function generateFile(count, seed = 1) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const docs = [];
  const kinds = {};
  const errors = [];
  let nextError = Math.max(1, Math.floor(rnd() * Math.min(ERROR_EVERY, count)));
  const add = (kind, make) => {
    if (docs.length >= count) return;
    let error;
    if (docs.length + 1 >= nextError) {
      const possible = ERROR_KINDS.filter((e) => ERRORS_BY_KIND[kind].includes(e));
      if (possible.length > 0) {
        error = pick(possible);
        nextError = docs.length + 1 + ERROR_EVERY / 2 + Math.floor(rnd() * ERROR_EVERY);
      }
    }
    const text = make(error);
    docs.push({ kind, text, error });
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  };
  for (let app = 0; docs.length < count; app++) {
    const ns = `team-${Math.floor(app / APPS_PER_NAMESPACE)}`;
    const name = `svc-${app}`;
    if (app % APPS_PER_NAMESPACE === 0) add('Gateway', (e) => gateway(ns, e));
    const subsets = rnd() < 0.6 ? ['v1', 'v2'] : ['v1', 'v2', 'v3'];
    const port = pick([8080, 9080, 80, 5000]);
    const drShape = { lb: pick(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM']), pool: rnd() < 0.6, outlier: rnd() < 0.5, tls: rnd() < 0.4 };
    add('DestinationRule', (e) => destinationRule(name, ns, subsets, port, drShape, e));
    const canary = Math.floor(rnd() * 40) + 5;
    const vsShape = { gateway: rnd() < 0.5, fault: rnd() < 0.2, cors: rnd() < 0.25, retryOn: pick(['5xx', 'gateway-error,connect-failure', '5xx,reset']) };
    add('VirtualService', (e) => virtualService(name, ns, subsets, port, canary, vsShape, e));
    if (rnd() < 0.35) {
      const seShape = { static: rnd() < 0.3, protocol: pick(['TLS', 'HTTPS', 'HTTP']) };
      add('ServiceEntry', (e) => serviceEntry(`ext-${app}`, ns, `api-${app}.example.com`, seShape, e));
    }
  }
  let line = 0;
  const parts = [];
  for (const d of docs) {
    if (d.error) errors.push({ line: line + d.text.split('\n').findIndex((l) => l.includes('#!')), kind: d.error });
    const text = d.text.replace(/ *#!/g, '');
    parts.push(text);
    line += text.split('\n').length - 1 + 1; // the text ends with '\n'; the separator adds a line
  }
  return { text: parts.join('---\n'), kinds, errors };
}

const ERRORS_BY_KIND = {
  VirtualService: ['unknown-field', 'bad-duration', 'wrong-type', 'missing-subset'],
  DestinationRule: ['unknown-field', 'bad-enum'],
  Gateway: ['port-range', 'bad-enum'],
  ServiceEntry: ['port-range', 'bad-enum', 'unknown-field'],
};

// `#!` marks the line of a deliberate error (removed from the output).

function gateway(ns, error) {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ingress
  namespace: ${ns}
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: ${error === 'bad-enum' ? 'HTTTP #!' : 'HTTP'}
    hosts:
    - "*.${ns}.example.com"
    tls:
      httpsRedirect: true
  - port:
      number: ${error === 'port-range' ? '70443 #!' : '443'}
      name: https
      protocol: HTTPS
    hosts:
    - "*.${ns}.example.com"
    tls:
      mode: SIMPLE
      credentialName: ${ns}-cert
`;
}

function destinationRule(name, ns, subsets, port, shape, error) {
  const pool = shape.pool
    ? `    connectionPool:
      tcp:
        maxConnections: 100
        connectTimeout: 30ms
      http:
        http2MaxRequests: 1000
        maxRequestsPerConnection: 10
`
    : '';
  const outlier = shape.outlier
    ? `    outlierDetection:
      consecutive5xxErrors: 7
      interval: 5m
      baseEjectionTime: 15m
`
    : '';
  const tls = shape.tls ? '    tls:\n      mode: ISTIO_MUTUAL\n' : '';
  const lbKey = error === 'unknown-field' ? 'loadBalancr #!' : 'loadBalancer';
  const lb = error === 'bad-enum' ? 'ROUND_ROBBIN #!' : shape.lb;
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  host: ${name}
  trafficPolicy:
${pool}    ${lbKey}:
      simple: ${lb}
${outlier}${tls}  subsets:
${subsets
  .map(
    (s, i) => `  - name: ${s}
    labels:
      version: ${s}
${
  i === subsets.length - 1
    ? `    trafficPolicy:
      portLevelSettings:
      - port:
          number: ${port}
        loadBalancer:
          simple: ROUND_ROBIN
`
    : ''
}`,
  )
  .join('')}`;
}

function virtualService(name, ns, subsets, port, canary, shape, error) {
  const canarySubset = error === 'missing-subset' ? 'v9 #!' : subsets[subsets.length - 1];
  const destinationKey = error === 'unknown-field' ? 'destnation #!' : 'destination';
  const timeout = error === 'bad-duration' ? '5x #!' : '5s';
  const weight = error === 'wrong-type' ? '"ten" #!' : String(100 - canary);
  const gateways = shape.gateway ? `  gateways:\n  - ${ns}/ingress\n  - mesh\n` : '';
  const fault = shape.fault
    ? `    fault:
      delay:
        percentage:
          value: 0.1
        fixedDelay: 5s
`
    : '';
  const cors = shape.cors
    ? `    corsPolicy:
      allowOrigins:
      - exact: https://${ns}.example.com
      allowMethods:
      - GET
      - POST
      maxAge: 24h
`
    : '';
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
spec:
  hosts:
  - ${name}
${shape.gateway ? `  - ${name}.${ns}.example.com\n` : ''}${gateways}  http:
  - name: canary
    match:
    - headers:
        x-canary:
          exact: "true"
      uri:
        prefix: /api/v2
    route:
    - destination:
        host: ${name}
        subset: ${canarySubset}
        port:
          number: ${port}
  - name: primary
    route:
    - ${destinationKey}:
        host: ${name}
        subset: ${subsets[0]}
      weight: ${weight}
    - destination:
        host: ${name}
        subset: ${subsets[1]}
      weight: ${canary}
    timeout: ${timeout}
    retries:
      attempts: 3
      perTryTimeout: 2s
      retryOn: ${shape.retryOn}
${fault}${cors}`;
}

function serviceEntry(name, ns, host, shape, error) {
  const resolutionKey = error === 'unknown-field' ? 'resolutoin #!' : 'resolution';
  const location = error === 'bad-enum' ? 'MESH_EXTERN #!' : 'MESH_EXTERNAL';
  const number = shape.protocol === 'HTTP' ? 80 : 443;
  const endpoints = shape.static
    ? `  endpoints:
  - address: 10.0.${name.length}.1
  - address: 10.0.${name.length}.2
`
    : '';
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  hosts:
  - ${host}
  location: ${location}
  ports:
  - number: ${error === 'port-range' ? '70000 #!' : number}
    name: ${shape.protocol.toLowerCase()}
    protocol: ${shape.protocol}
  ${resolutionKey}: ${shape.static ? 'STATIC' : 'DNS'}
${endpoints}`;
}

const KEY_LINE = /^(\s*(?:- )?)([A-Za-z][\w.-]*):(?: (.+))?$/;

/** Every `key: value` of the text: the key's span and, when on the same line, the value's. */
export function keysAndValues(text) {
  const out = [];
  text.split('\n').forEach((l, line) => {
    const m = KEY_LINE.exec(l);
    if (!m) return;
    const keyStart = m[1].length;
    const keyEnd = keyStart + m[2].length;
    const raw = m[3];
    const value = raw && !/^[|>]/.test(raw) ? { start: keyEnd + 2, end: keyEnd + 2 + raw.length } : undefined;
    out.push({ line, key: { start: keyStart, end: keyEnd }, value, name: m[2], text: raw });
  });
  return out;
}

/** `n` entries spread evenly through the list. */
function spread(list, n) {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor(((i + 0.5) * list.length) / n)]);
}

/**
 * `n` positions spread through the file: half on keys, half on values (each
 * half spread evenly over the file), in file order. `at` is 'end' (completion:
 * the word was just typed) or 'middle' (hover).
 */
export function pickPositions(text, n, at) {
  const entries = keysAndValues(text);
  const keys = spread(entries, Math.ceil(n / 2)).map((e) => ({ e, span: e.key, on: 'key' }));
  const values = spread(entries.filter((e) => e.value), Math.floor(n / 2)).map((e) => ({ e, span: e.value, on: 'value' }));
  return [...keys, ...values]
    .sort((a, b) => a.e.line - b.e.line || a.span.start - b.span.start)
    .map(({ e, span, on }) => ({ line: e.line, character: at === 'end' ? span.end : Math.floor((span.start + span.end) / 2), on, name: e.name }));
}

/**
 * `n` single-value edits spread through the file: a route weight or a port
 * number replaced by another number. Each is `{ range, newText }` against the
 * text as left by the edits before it (apply them in order); a small file
 * with fewer candidates than `n` edits its candidates again, in turn.
 */
export function pickEdits(text, n) {
  const lines = text.split('\n');
  const candidates = spread(
    keysAndValues(text).filter((e) => (e.name === 'weight' || e.name === 'number') && /^\d+$/.test(e.text ?? '')),
    n,
  );
  if (candidates.length === 0) return [];
  const ports = [80, 443, 8080, 9090, 15010];
  return Array.from({ length: n }, (_, i) => {
    const e = candidates[i % candidates.length];
    const start = e.value.start;
    const old = lines[e.line].slice(start);
    const next = e.name === 'weight' ? String((Number(old) + 7 + i) % 100) : String(ports[i % 5] === Number(old) ? 8443 : ports[i % 5]);
    lines[e.line] = lines[e.line].slice(0, start) + next;
    return {
      range: { start: { line: e.line, character: start }, end: { line: e.line, character: start + old.length } },
      newText: next,
      what: e.name,
    };
  });
}

/** The text after `edits` (single-line replacements, as pickEdits makes them), applied in order. */
export function applyEdits(text, edits) {
  const lines = text.split('\n');
  for (const { range, newText } of edits) {
    const l = lines[range.start.line];
    lines[range.start.line] = l.slice(0, range.start.character) + newText + l.slice(range.end.character);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2]);
  if (!Number.isInteger(count) || count < 1) {
    console.error('usage: node bench/generate.mjs <count> [seed]');
    process.exit(2);
  }
  const { text, kinds, errors } = generateFile(count, process.argv[3] === undefined ? 1 : Number(process.argv[3]));
  process.stdout.write(text);
  console.error(`${count} resources ${JSON.stringify(kinds)}, ${errors.length} deliberate errors: ${errors.map((e) => `${e.kind}@${e.line + 1}`).join(', ')}`);
}
