// Profiles OUR server (node --cpu-prof) through the same file workloads as the
// benchmark, and summarises where the time goes: self and inclusive time per
// function and self time per source file, mapped back to the TypeScript
// sources through server/dist/server.js.map (development build).
//
//   node bench/profile.mjs [counts=1000,3000] [--seed=N] [--workspace]
//
// --workspace also profiles indexing the 1,000-file workspace (profile-workspace.*).
// Writes bench/results/profile-<count>.cpuprofile (open it in Chrome DevTools
// or VS Code) and bench/results/profile-<count>.md, and prints the summaries.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { generateFile } from './generate.mjs';
import { ensureBundle, ours, root, snapshotBundle } from './servers.mjs';
import { writeWorkspace } from '../scripts/gen-workspace.mjs';
import { fileWorkload, workspaceWorkload } from './workloads.mjs';

const RESULTS = path.join(root, 'bench/results');

/** Bundle line/column -> "server/src/core/parser.ts:12" (or the node_modules package). */
function sourceMapper(bundle) {
  const mapFile = `${bundle}.map`;
  if (!existsSync(mapFile)) return () => undefined;
  const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
  return (line, column) => {
    const e = map.findEntry(line, column);
    if (!e || !e.originalSource) return undefined;
    // Sources are relative to server/dist: `../src/core/x.ts`, `../../node_modules/yaml/...`.
    const source = e.originalSource.replace(/^.*?node_modules\//, 'node_modules/').replace(/^(?:\.\.\/)*src\//, 'server/src/');
    return { source, line: e.originalLine + 1 };
  };
}

function fileGroup(source) {
  if (!source) return '(no source)';
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return m ? `node_modules/${m[1]}` : source;
}

/** Self and inclusive time per function, self time per source file. */
export function summarise(profile, mapSource) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map();
  const fileOf = new Map();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    let where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
    let file = f.url ? path.basename(f.url) : f.functionName;
    if (f.url && f.url.endsWith('server.js')) {
      const m = mapSource(f.lineNumber, f.columnNumber);
      if (m) {
        where = `${m.source}:${m.line}`;
        file = fileGroup(m.source);
      }
    } else if (f.url.startsWith('node:')) file = '(node internals)';
    keyOf.set(n.id, `${f.functionName || '(anonymous)'} ${where}`.trim());
    fileOf.set(n.id, file || '(native)');
  }
  const self = new Map();
  const inclusive = new Map();
  const files = new Map();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // the delta after a sample is its duration
    const id = profile.samples[i];
    const name = byId.get(id).callFrame.functionName;
    if (name === '(idle)') {
      idle += dt;
      continue;
    }
    total += dt;
    self.set(keyOf.get(id), (self.get(keyOf.get(id)) ?? 0) + dt);
    files.set(fileOf.get(id), (files.get(fileOf.get(id)) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf.get(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => ({ name: k, ms: +ms.toFixed(1), pct: +((100 * ms) / total).toFixed(1) }));
  const inclusiveTop = top(inclusive, 60).filter((e) => !/^\((root|program)\)/.test(e.name));
  return { busyMs: +total.toFixed(1), idleMs: +idle.toFixed(1), self: top(self, 30), inclusive: inclusiveTop.slice(0, 40), files: top(files, 20) };
}

function markdown(count, s, workload) {
  const table = (rows) => ['| ms | % of busy | |', '|---:|---:|---|', ...rows.map((r) => `| ${r.ms} | ${r.pct} | \`${r.name}\` |`)].join('\n');
  const f0 = (v) => (typeof v === 'number' ? v.toFixed(0) : '—');
  const what =
    count === 'workspace'
      ? `Indexing the 1,000-file workspace (scripts/gen-workspace.mjs), then opening one file.
initialized -> indexing done ${f0(workload.indexMs)} ms (main-thread CPU ${f0(workload.indexCpu?.cpuMs)} ms); the file's first diagnostics ${f0(workload.openFirstDiagnosticsMs)} ms.`
      : `The whole workload: open, ${workload.completion?.n} completions, ${workload.hover?.n} hovers, ${workload.edit?.n} edits, ${workload.completionAfterEdit?.n} completions after an edit.
First diagnostics ${f0(workload.firstDiagnosticsMs)} ms (main-thread CPU ${f0(workload.firstDiagnosticsCpu?.cpuMs)} ms); edit -> diagnostics p50 ${f0(workload.edit?.p50)} ms (CPU ${f0(workload.edit?.cpuP50)} ms).`;
  return `# CPU profile of the Istio YAML server: ${count === 'workspace' ? '1,000-file workspace' : `${count} resources in one file`}

Bundle ${s.bundle.sha256} (built ${s.bundle.builtAt}; HEAD ${s.bundle.git?.head}, ${s.bundle.git?.changedServerPaths} changed paths under server/src). Profiler on: times are inflated against the benchmark's.

${what} Busy ${s.busyMs} ms, idle ${s.idleMs} ms.

## Self time by source file

${table(s.files)}

## Self time by function

${table(s.self)}

## Inclusive time by function

${table(s.inclusive)}
`;
}

async function main() {
  const args = process.argv.slice(2);
  const counts = (args.find((a) => !a.startsWith('--')) ?? '1000,3000').split(',').map(Number);
  const seed = Number(args.find((a) => a.startsWith('--seed='))?.slice(7) ?? 1);
  ensureBundle();
  mkdirSync(RESULTS, { recursive: true });
  const tmp = path.join(os.tmpdir(), `istio-bench-profile-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const snapshot = snapshotBundle(path.join(tmp, 'ours'));
  const mapSource = sourceMapper(snapshot.bundle);
  try {
    const jobs = counts.map((count) => ({ count }));
    if (args.includes('--workspace')) jobs.push({ count: 'workspace' });
    for (const { count } of jobs) {
      const profDir = path.join(tmp, `prof-${count}`);
      const def = ours({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`], bundle: snapshot.bundle });
      let workload;
      if (count === 'workspace') {
        const wsDir = path.join(tmp, 'workspace');
        const ws = writeWorkspace(wsDir, 1000, seed);
        const openName = Object.keys(ws.files).sort().find((f) => f.endsWith('virtualservice.yaml'));
        console.error('profiling the 1,000-file workspace ...');
        workload = await workspaceWorkload(def, { dir: wsDir, fileCount: 1000, openFile: path.join(wsDir, openName), openText: ws.files[openName], indexes: true });
      } else {
        const { text } = generateFile(count, seed);
        console.error(`profiling ${count} resources ...`);
        workload = await fileWorkload(def, { dir: tmp, name: `resources-${count}.yaml`, text, count });
      }
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`no .cpuprofile written for ${count} (the server was killed rather than exiting?)`);
      const target = path.join(RESULTS, `profile-${count}.cpuprofile`);
      renameSync(path.join(profDir, file), target);
      const summary = summarise(JSON.parse(readFileSync(target, 'utf8')), mapSource);
      const md = markdown(count, { ...summary, bundle: snapshot }, workload);
      writeFileSync(path.join(RESULTS, `profile-${count}.md`), md);
      writeFileSync(path.join(RESULTS, `profile-${count}.json`), JSON.stringify({ count, seed, bundle: { sha256: snapshot.sha256, builtAt: snapshot.builtAt, git: snapshot.git }, workload, summary }, null, 2));
      console.log(md);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
