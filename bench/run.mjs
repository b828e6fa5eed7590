// The benchmark of issue 7: our bundled server against yaml-language-server
// (configured with the Istio JSON schemas), both driven over stdio LSP by the
// same JSON-RPC client, on the same seeded workloads. Reports; never asserts.
//
//   npm run bench [-- --sizes=10,100,1000,3000] [--seed=1] [--only=ours|theirs] [--no-docs]
//
// Writes bench/results/bench-<time>.{json,md} and latest.{json,md}, and copies
// the table into docs/performance.md (between the bench:results markers).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeWorkspace } from '../scripts/gen-workspace.mjs';
import { generateFile } from './generate.mjs';
import { bundleSizes, ensureBundle, ours, root, SCHEMAS_DIR, snapshotBundle, theirs, validationDelayMs, writeCombinedSchema, yamlLanguageServerVersion, YAMLLS_BIN } from './servers.mjs';
import { fileWorkload, SAMPLES, WARM_UP, workspaceWorkload } from './workloads.mjs';
import { parseFloor, startFloor } from './floors.mjs';
import { renderMarkdown } from './report.mjs';

const RESULTS = path.join(root, 'bench/results');
const DOC = path.join(root, 'docs/performance.md');
const WORKSPACE_FILES = 1000;
/** A hard stop well past the ~5 minute target: children are killed by pid on exit. */
const WATCHDOG_MS = 9 * 60 * 1000;

function parseArgs(argv) {
  const get = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  return {
    sizes: get('sizes', '10,100,1000,3000').split(',').map(Number).filter((n) => n > 0),
    seed: Number(get('seed', '1')),
    only: get('only', undefined),
    docs: !argv.includes('--no-docs'),
    /** production (what the .vsix ships, built in a temporary copy) or built (server/dist/server.js as it is). */
    bundle: get('bundle', 'production'),
    workspace: !argv.includes('--no-workspace'),
    /** Extra workspace sizes indexed by our server alone, to show how indexing grows. */
    scaling: get('workspace-sizes', '250,4000').split(',').map(Number).filter((n) => n > 0 && n !== WORKSPACE_FILES),
  };
}

function yamlLsDebounce() {
  try {
    const src = readFileSync(path.join(root, 'node_modules/yaml-language-server/out/server/src/yamlSettings.js'), 'utf8');
    return Number(/validationDelayMs\s*=\s*(\d+)/.exec(src)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

function log(message) {
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(0).padStart(3)}s] ${message}\n`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (ensureBundle()) log('built server/dist/server.js (node scripts/build.mjs)');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'istio-bench-'));
  const watchdog = setTimeout(() => {
    log(`over the ${WATCHDOG_MS / 60000} minute limit: stopping (servers are killed on exit)`);
    rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  const notes = [];
  try {
    const meta = {
      date: new Date().toISOString(),
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
      loadBefore: os.loadavg().map((l) => +l.toFixed(2)),
      seed: opts.seed,
      samples: SAMPLES,
      debounceMs: { theirs: yamlLsDebounce() },
      yamlLanguageServer: yamlLanguageServerVersion(),
    };

    const snapshot = snapshotBundle(path.join(tmp, 'ours'));
    meta.ours = { sha256: snapshot.sha256, builtAt: snapshot.builtAt, git: snapshot.git };
    meta.debounceMs.ours = validationDelayMs(snapshot.bundle);

    log('bundle sizes (production build in a temporary copy) ...');
    const bundle = bundleSizes(tmp, snapshot.bundle);
    if (bundle.error) notes.push(`The production build failed, only the as-built sizes are reported: ${bundle.error}`);

    const defs = [];
    // What ships is the production bundle (vscode:prepublish); `--bundle=built` measures the repository's build instead.
    const measured = opts.bundle === 'production' && bundle.productionBundle ? bundle.productionBundle : snapshot.bundle;
    meta.ours.measured = measured === snapshot.bundle ? 'as built' : 'production';
    meta.ours.measuredSha256 = createHash('sha256').update(readFileSync(measured)).digest('hex').slice(0, 12);
    if (opts.bundle === 'production' && measured === snapshot.bundle) notes.push('The production build failed: the bundle as built was measured.');
    if (opts.only !== 'theirs') defs.push(ours({ bundle: measured }));
    if (opts.only !== 'ours') {
      const schema = existsSync(YAMLLS_BIN) ? writeCombinedSchema(path.join(tmp, 'schemas')) : undefined;
      if (!existsSync(YAMLLS_BIN)) notes.push('yaml-language-server is not installed (npm install): only our server was measured.');
      else if (!schema) notes.push(`The Istio JSON schemas (${SCHEMAS_DIR}) are missing: yaml-language-server was not measured.`);
      else defs.push(theirs(schema));
    }

    const filesDir = path.join(tmp, 'files');
    mkdirSync(filesDir, { recursive: true });
    const workloads = opts.sizes.map((count) => {
      const { text, kinds, errors } = generateFile(count, opts.seed);
      const name = `resources-${count}.yaml`;
      writeFileSync(path.join(filesDir, name), text);
      return { count, name, text, kinds, errors: errors.length };
    });

    const results = Object.fromEntries(defs.map((d) => [d.id, { label: d.label, files: {}, workspace: undefined }]));
    // Interleaved (ours, theirs, ours, ...) so that a change in machine load hits both alike.
    for (const w of workloads) {
      for (const def of defs) {
        log(`${def.label}: ${w.count} resources ...`);
        results[def.id].files[w.count] = await fileWorkload(def, { dir: filesDir, name: w.name, text: w.text, count: w.count });
        if (results[def.id].files[w.count].error) log(`  ${def.label}: ${results[def.id].files[w.count].error}`);
      }
    }

    // What no server can go below here (bench/floors.mjs), for the ratio targets.
    log('floors: bare Node responder start, yaml parse of each workload ...');
    const floors = { start: await startFloor(tmp) };
    writeFileSync(path.join(filesDir, 'warm-up.yaml'), WARM_UP);
    const parsed = await parseFloor(tmp, path.join(filesDir, 'warm-up.yaml'), workloads.map((w) => path.join(filesDir, w.name)));
    floors.parse = parsed.error ? { error: parsed.error } : Object.fromEntries(workloads.map((w) => [w.count, parsed[path.join(filesDir, w.name)]]));
    if (parsed.error) notes.push(`The yaml parse floor could not be measured: ${parsed.error}`);

    if (opts.workspace) {
      const wsDir = path.join(tmp, 'workspace');
      const ws = writeWorkspace(wsDir, WORKSPACE_FILES, opts.seed);
      const openName = Object.keys(ws.files).sort().find((f) => f.endsWith('virtualservice.yaml'));
      meta.workspace = { files: Object.keys(ws.files).length, injectedErrors: ws.injected.length, generator: 'scripts/gen-workspace.mjs', opened: openName };
      for (const def of defs) {
        log(`${def.label}: ${WORKSPACE_FILES}-file workspace ...`);
        results[def.id].workspace = await workspaceWorkload(def, {
          dir: wsDir,
          fileCount: Object.keys(ws.files).length,
          openFile: path.join(wsDir, openName),
          openText: ws.files[openName],
          indexes: def.id === 'ours',
        });
        if (results[def.id].workspace.error) log(`  ${def.label}: ${results[def.id].workspace.error}`);
      }
    }

    const ourDef = defs.find((d) => d.id === 'ours');
    if (opts.workspace && ourDef && opts.scaling.length > 0) {
      // Indexing at other sizes (ours only; the other server has no index): cost should grow linearly.
      results.ours.scaling = {};
      for (const n of opts.scaling) {
        const dir = path.join(tmp, `workspace-${n}`);
        const ws = writeWorkspace(dir, n, opts.seed);
        const openName = Object.keys(ws.files).sort().find((f) => f.endsWith('virtualservice.yaml'));
        log(`${ourDef.label}: ${n}-file workspace (scaling) ...`);
        const r = await workspaceWorkload(ourDef, { dir, fileCount: Object.keys(ws.files).length, openFile: path.join(dir, openName), openText: ws.files[openName], indexes: true });
        results.ours.scaling[n] = { files: r.indexedFiles, indexMs: r.indexMs, cpuMs: r.indexCpu?.cpuMs, rssMB: r.memoryAfterIndex?.rssMB, factEditP50: r.factEdit?.p50, error: r.error };
      }
    }

    meta.loadAfter = os.loadavg().map((l) => +l.toFixed(2));
    meta.wallSeconds = +(performance.now() / 1000).toFixed(1);
    const report = { meta, bundle, workloads: workloads.map(({ text, ...w }) => w), results, floors, notes };
    const md = renderMarkdown(report);

    mkdirSync(RESULTS, { recursive: true });
    const stamp = meta.date.replace(/[:.]/g, '-');
    writeFileSync(path.join(RESULTS, `bench-${stamp}.json`), JSON.stringify(report, null, 2));
    writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(report, null, 2));
    writeFileSync(path.join(RESULTS, `bench-${stamp}.md`), md);
    writeFileSync(path.join(RESULTS, 'latest.md'), md);
    if (opts.docs) updateDoc(md);
    process.stdout.write(md);
    log(`done in ${meta.wallSeconds} s; results in bench/results/${opts.docs ? ', table copied into docs/performance.md' : ''}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated block of docs/performance.md; the prose around it is kept. */
function updateDoc(md) {
  const block = `${START}\n${md.trim()}\n${END}`;
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  const next = a >= 0 && b > a ? doc.slice(0, a) + block + doc.slice(b + END.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, next);
}

try {
  await main();
  process.exit(0);
} catch (e) {
  log(`failed: ${e.stack ?? e.message}`);
  process.exit(1);
}
