// What no language server can go below on this machine, measured in the same
// run as the servers, so that a ratio target can be checked against what it
// would need:
//
// - Node start: a bare JSON-RPC responder (a dozen lines, no libraries)
//   spawned by the same client, spawn -> `initialize` answered. A server
//   written for Node cannot answer sooner.
// - YAML parse: the `yaml` library (which both servers parse with) turning
//   each workload's text into trees, in a fresh process, once cold (right
//   after a small warm-up text, as the servers are warmed up) and at best
//   warm (the minimum of three more). Bundled with the same `yaml-debug-off`
//   plugin as our server, so the floor does not include the library's
//   debugging reads that our bundle has removed. Any server that parses with
//   `yaml` pays at least the first figure before its first diagnostics in a
//   fresh process warmed up on a small file (the benchmark's situation): the
//   parser's code is still cold then, and runs several times slower than
//   once the JIT has optimised it (the warm figure).
//
// The JSON-RPC round trip (the floor under every request) is measured per
// workload by workloads.mjs.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './lsp-client.mjs';
import { percentile } from './workloads.mjs';
import { root } from './servers.mjs';

const BARE_SERVER = `'use strict';
// Answers every request at once (initialize with no capabilities); exits on "exit".
let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const head = buffer.indexOf('\\r\\n\\r\\n');
    if (head < 0) return;
    const length = Number(/Content-Length: (\\d+)/i.exec(buffer.subarray(0, head).toString('ascii'))?.[1] ?? 0);
    if (buffer.length < head + 4 + length) return;
    const message = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString('utf8'));
    buffer = buffer.subarray(head + 4 + length);
    if (message.method === 'exit') process.exit(0);
    if (message.id === undefined) continue;
    const body = JSON.stringify({ jsonrpc: '2.0', id: message.id, result: message.method === 'initialize' ? { capabilities: {} } : null });
    process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);
  }
});
`;

/** Median spawn -> initialize answered of a bare responder, over `n` starts. */
export async function startFloor(tmp, n = 5) {
  const file = path.join(tmp, 'bare-server.cjs');
  writeFileSync(file, BARE_SERVER);
  const samples = [];
  for (let i = 0; i < n; i++) {
    const server = await startServer({ name: 'bare node responder', args: [file] });
    samples.push(server.startMs);
    await server.stop();
  }
  return { medianMs: percentile(samples, 50), samples };
}

const FLOOR_RUNS = 3;

const PARSE_ENTRY = `
import { readFileSync } from 'node:fs';
import { Composer, Parser } from 'yaml';
const options = { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: true };
function parse(text) {
  let docs = 0;
  for (const doc of new Composer(options).compose(new Parser().parse(text), true, text.length)) docs += doc ? 1 : 0;
  return docs;
}
const [warmUpFile, ...files] = process.argv.slice(2);
parse(readFileSync(warmUpFile, 'utf8'));
const out = {};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  let t = performance.now();
  const docs = parse(text);
  const firstMs = performance.now() - t;
  let warmMinMs = Infinity;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    parse(text);
    warmMinMs = Math.min(warmMinMs, performance.now() - t);
  }
  out[file] = { docs, firstMs, warmMinMs };
}
process.stdout.write(JSON.stringify(out));
`;

/**
 * The `yaml` parse of each file, each in fresh processes warmed up on
 * `warmUpFile`, the smallest of FLOOR_RUNS: { [file]: { docs, firstMs,
 * warmMinMs } }, or { error }.
 */
export async function parseFloor(tmp, warmUpFile, files) {
  try {
    const esbuild = await import('esbuild');
    const { yamlDebugOff } = await import('../scripts/build-plugins.mjs');
    const entry = path.join(tmp, 'parse-floor.mjs');
    const bundle = path.join(tmp, 'parse-floor.cjs');
    writeFileSync(entry, PARSE_ENTRY);
    await esbuild.build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning', plugins: [yamlDebugOff], nodePaths: [path.join(root, 'node_modules')] });
    // One fresh process per file, as the servers get one per workload: a file parsed after another would find the parser's code warmer.
    // Three processes each, keeping the smallest figures: a floor should not be raised by a busy moment of the machine.
    const out = {};
    for (const file of files) {
      for (let run = 0; run < FLOOR_RUNS; run++) {
        const r = JSON.parse(execFileSync(process.execPath, [bundle, warmUpFile, file], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 120000 }))[file];
        const best = out[file];
        out[file] = best ? { docs: r.docs, firstMs: Math.min(best.firstMs, r.firstMs), warmMinMs: Math.min(best.warmMinMs, r.warmMinMs) } : r;
      }
    }
    return out;
  } catch (e) {
    return { error: String(e.message ?? e).split('\n')[0] };
  }
}
