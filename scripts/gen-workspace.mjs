// Generates a synthetic Istio workspace: a seeded mix of VirtualService,
// DestinationRule, Gateway and ServiceEntry files that reference each other
// across files (subsets, gateways, hosts), with a few deliberate errors.
// The same seed always gives the same files, so benchmarks can compare runs.
//
//   node scripts/gen-workspace.mjs <dir> <count> [seed]
//
// As a module: generateWorkspace(count, seed) -> { files, injected } (no IO),
// writeWorkspace(dir, count, seed) writes them and returns the same.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A small seeded PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About one file in this many carries a deliberate error. */
const ERROR_EVERY = 40;
const APPS_PER_NAMESPACE = 12;

/**
 * `count` files as `{ 'ns-0/app-3/virtualservice.yaml': text, ... }`, and
 * `injected`: the deliberate errors, `{ file, kind }` with kind one of
 * `unknown-field`, `bad-duration`, `missing-subset`, `syntax`.
 */
export function generateWorkspace(count, seed = 1) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const files = {};
  const injected = [];
  const add = (name, text) => {
    if (Object.keys(files).length < count) files[name] = text;
  };
  for (let app = 0; Object.keys(files).length < count; app++) {
    const ns = `ns-${Math.floor(app / APPS_PER_NAMESPACE)}`;
    const dir = `${ns}/app-${app}`;
    if (app % APPS_PER_NAMESPACE === 0) add(`${ns}/gateway.yaml`, gateway(ns));
    const name = `app-${app}`;
    const subsets = rnd() < 0.5 ? ['v1', 'v2'] : ['v1', 'v2', 'v3'];
    add(`${dir}/destinationrule.yaml`, destinationRule(name, ns, subsets, pick(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM'])));
    let error = rnd() * ERROR_EVERY < 1 ? pick(['unknown-field', 'bad-duration', 'missing-subset', 'syntax']) : undefined;
    const vsFile = `${dir}/virtualservice.yaml`;
    add(vsFile, virtualService(name, ns, subsets, Math.floor(rnd() * 90) + 5, error));
    if (error && files[vsFile]) injected.push({ file: vsFile, kind: error });
    if (rnd() < 0.3) {
      const external = `api-${app}.example.com`;
      error = rnd() * ERROR_EVERY < 1 ? 'unknown-field' : undefined;
      const seFile = `${dir}/serviceentry.yaml`;
      add(seFile, serviceEntry(name, ns, external, error) + '---\n' + egressRoute(name, ns, external));
      if (error && files[seFile]) injected.push({ file: seFile, kind: error });
    }
  }
  return { files, injected };
}

/** Writes a generated workspace under `dir` (created if needed). */
export function writeWorkspace(dir, count, seed = 1) {
  const ws = generateWorkspace(count, seed);
  for (const [name, text] of Object.entries(ws.files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return ws;
}

function gateway(ns) {
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
      protocol: HTTP
    hosts:
    - "*.${ns}.example.com"
`;
}

function destinationRule(name, ns, subsets, lb) {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  host: ${name}
  trafficPolicy:
    loadBalancer:
      simple: ${lb}
  subsets:
${subsets.map((s) => `  - name: ${s}\n    labels:\n      version: ${s}\n`).join('')}`;
}

function virtualService(name, ns, subsets, canary, error) {
  const timeout = error === 'bad-duration' ? '5x' : '5s';
  const destinationKey = error === 'unknown-field' ? 'destnation' : 'destination';
  const canarySubset = error === 'missing-subset' ? 'v9' : subsets[subsets.length - 1];
  const broken = error === 'syntax' ? '   bad: [indent\n' : '';
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  hosts:
  - ${name}
  - ${name}.${ns}.example.com
  gateways:
  - ${ns}/ingress
  - mesh
  http:
  - match:
    - headers:
        x-canary:
          exact: "true"
    route:
    - destination:
        host: ${name}
        subset: ${canarySubset}
  - route:
    - ${destinationKey}:
        host: ${name}
        subset: ${subsets[0]}
      weight: ${100 - canary}
    - destination:
        host: ${name}
        subset: ${subsets[1]}
      weight: ${canary}
    timeout: ${timeout}
    retries:
      attempts: 3
      perTryTimeout: 2s
${broken}`;
}

function serviceEntry(name, ns, host, error) {
  const resolution = error === 'unknown-field' ? 'resolutoin' : 'resolution';
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ${name}-external
  namespace: ${ns}
spec:
  hosts:
  - ${host}
  location: MESH_EXTERNAL
  ports:
  - number: 443
    name: tls
    protocol: TLS
  ${resolution}: DNS
`;
}

function egressRoute(name, ns, host) {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}-external
  namespace: ${ns}
spec:
  hosts:
  - ${host}
  tls:
  - match:
    - port: 443
      sniHosts:
      - ${host}
    route:
    - destination:
        host: ${host}
        port:
          number: 443
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, countArg, seedArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!dir || !Number.isInteger(count) || count < 1) {
    console.error('usage: node scripts/gen-workspace.mjs <dir> <count> [seed]');
    process.exit(2);
  }
  const { files, injected } = writeWorkspace(dir, count, seedArg === undefined ? 1 : Number(seedArg));
  console.log(`wrote ${Object.keys(files).length} files to ${dir} (${injected.length} with a deliberate error)`);
}
