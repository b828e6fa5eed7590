// Renders a benchmark report (bench/run.mjs) as Markdown: one table of every
// metric, ours vs yaml-language-server, the ratio, the target and PASS/FAIL,
// then where the latencies go (debounce, server CPU, the rest).
import { percentile } from './workloads.mjs';
import { renderFloors } from './report-floors.mjs';

export const RATIO_TARGET = 5;
const ABS_TARGETS = {
  1000: { firstDiagnosticsMs: 300, completionP95: 15, hoverP95: 15, editP95: 50, rssMB: 200 },
  workspace: { indexMs: 2000, rssMB: 200 },
};

export const num = (v) => typeof v === 'number' && Number.isFinite(v);
export function ms(v) {
  if (!num(v)) return '—';
  return v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US');
}
const mb = (v) => (num(v) ? `${Math.round(v)} MB` : '—');
const kb = (bytes) => (num(bytes) ? (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${Math.round(bytes / 1e3)} kB`) : '—');
const ratio = (ourV, theirV) => (num(ourV) && num(theirV) && ourV > 0 ? theirV / ourV : NaN);
export const fmtRatio = (r) => (num(r) ? `×${r >= 10 ? Math.round(r) : r.toFixed(1)}` : '—');

function pair(s, expected, withAnswers) {
  if (!s || !num(s.p50)) return s?.error ? 'error' : '—';
  let cell = `${ms(s.p50)} / ${ms(s.p95)} ms`;
  const notes = [];
  if (s.n < expected) notes.push(`n=${s.n}`);
  if (withAnswers && num(s.nonEmpty)) notes.push(`${s.nonEmpty}/${s.n} non-empty`);
  if (notes.length) cell += ` (${notes.join(', ')})`;
  return cell;
}

function row(metric, ourCell, theirCell, ratios, target, checks) {
  const results = checks.filter(Boolean).map(([label, ok]) => `${label}: ${ok === undefined ? '—' : ok ? 'PASS' : 'FAIL'}`);
  return `| ${metric} | ${ourCell} | ${theirCell} | ${ratios} | ${target} | ${results.join(' · ') || '—'} |`;
}

/** ≥5× check over one or more ratios (all must pass); undefined when there is nothing to compare. */
function fiveX(...rs) {
  if (rs.length === 0 || rs.some((r) => !num(r))) return [`≥${RATIO_TARGET}×`, undefined];
  return [`≥${RATIO_TARGET}×`, rs.every((r) => r >= RATIO_TARGET)];
}

export function renderMarkdown(report) {
  const { meta, bundle, workloads, results, notes } = report;
  const o = results.ours;
  const t = results.theirs;
  const lines = [];
  lines.push(`Run ${meta.date} · Node ${meta.node} · ${meta.cores} × ${meta.cpu} · ${meta.memoryGB} GB · load average before ${meta.loadBefore.join(' ')}, after ${meta.loadAfter.join(' ')} · seed ${meta.seed} · ${meta.wallSeconds} s`);
  lines.push('');
  const source = meta.ours ? `sources of HEAD ${meta.ours.git?.head ?? '?'} + ${meta.ours.git?.changedServerPaths ?? '?'} changed paths under server/src` : '';
  const build = !meta.ours
    ? ''
    : meta.ours.measured === 'production'
      ? ` (the production bundle the .vsix ships, \`node scripts/build.mjs --production\` from the ${source}, built in a temporary copy at the start of the run: sha256 ${meta.ours.measuredSha256})`
      : ` (the bundle as built, copied at the start of the run: sha256 ${meta.ours.sha256}, built ${meta.ours.builtAt}, ${source})`;
  lines.push(`Ours: \`server/dist/server.js --stdio\`${build}. Theirs: yaml-language-server ${meta.yamlLanguageServer ?? '(not installed)'} \`--stdio\` with the datree Istio v1 JSON schemas combined by \`kind\` (see "How yaml-language-server is configured"). Both: push diagnostics, same client, one fresh process per workload, warmed up on a 2-document file first. Push-diagnostics debounce: ours validates an opened document at once, and after an edit waits 2 ms when re-validating is cheap (under 50 ms), else about what the last validation cost, at most ${meta.debounceMs.ours} ms (VALIDATION_DELAY_MS; server/src/lsp/diagnosticsScheduler.ts); theirs ${meta.debounceMs.theirs} ms (validationDelayMs), also after didOpen, because \`TextDocuments\` fires onDidChangeContent right after onDidOpen, which re-arms its timer. "p50 / p95" over ${meta.samples.completion} completion, ${meta.samples.hover} hover, ${meta.samples.edits} edit and ${meta.samples.completionAfterEdit} completion-after-edit samples; "n=" when a phase hit its time budget. Ratio = theirs ÷ ours (×5 = we are 5 times faster or smaller).`);
  lines.push('');
  lines.push('| Metric | Istio YAML | yaml-language-server | Ratio | Target | Result |');
  lines.push('|---|---|---|---|---|---|');
  for (const w of workloads) {
    const a = o?.files[w.count];
    const b = t?.files[w.count];
    const abs = ABS_TARGETS[w.count];
    const label = `${w.count.toLocaleString('en-US')} resources`;
    const cpu = (r) => (num(r?.firstDiagnosticsCpu?.cpuMs) ? ` (CPU ${ms(r.firstDiagnosticsCpu.cpuMs)})` : '');
    const first = (r) => (r ? (num(r.firstDiagnosticsMs) ? `${ms(r.firstDiagnosticsMs)} ms${cpu(r)}` : 'error') : '—');
    let r1 = ratio(a?.firstDiagnosticsMs, b?.firstDiagnosticsMs);
    lines.push(row(`${label}: didOpen → first diagnostics`, first(a), first(b), fmtRatio(r1), abs ? `< ${abs.firstDiagnosticsMs} ms; ≥${RATIO_TARGET}×` : `≥${RATIO_TARGET}×`, [abs && ['abs', num(a?.firstDiagnosticsMs) ? a.firstDiagnosticsMs < abs.firstDiagnosticsMs : undefined], t && fiveX(r1)]));
    for (const [key, title, target] of [
      ['completion', 'completion p50 / p95', abs?.completionP95],
      ['hover', 'hover p50 / p95', abs?.hoverP95],
      ['edit', 'edit → diagnostics p50 / p95', abs?.editP95],
      ['completionAfterEdit', 'completion right after an edit p50 / p95', undefined],
    ]) {
      const expected = meta.samples[key === 'edit' ? 'edits' : key];
      const answers = key !== 'edit';
      const rs = [ratio(a?.[key]?.p50, b?.[key]?.p50), ratio(a?.[key]?.p95, b?.[key]?.p95)];
      lines.push(
        row(
          `${label}: ${title}`,
          pair(a?.[key], expected, answers),
          pair(b?.[key], expected, answers),
          rs.every(num) ? `${fmtRatio(rs[0])} / ${fmtRatio(rs[1])}` : '—',
          target ? `p95 < ${target} ms; ≥${RATIO_TARGET}×` : `≥${RATIO_TARGET}×`,
          [target && ['abs', num(a?.[key]?.p95) ? a[key].p95 < target : undefined], t && fiveX(...rs)],
        ),
      );
    }
    const busy = (r) => (r?.hoverWhileOpening && num(r.hoverWhileOpening.max) ? `${ms(r.hoverWhileOpening.p50)} / ${ms(r.hoverWhileOpening.max)} ms (${r.hoverWhileOpening.n} hovers)` : r?.hoverWhileOpening?.error ? 'error' : '—');
    const rBusy = ratio(a?.hoverWhileOpening?.max, b?.hoverWhileOpening?.max);
    lines.push(row(`${label}: hover on another file while this one opens (every 50 ms until its first diagnostics) p50 / worst`, busy(a), busy(b), fmtRatio(rBusy), `worst: ≥${RATIO_TARGET}×`, [t && fiveX(rBusy)]));
    const mem = (r) => (r?.memory ? `${mb(r.memory.rssMB)} (peak ${mb(r.memory.peakMB)})` : '—');
    lines.push(row(`${label}: server RSS after the workload`, mem(a), mem(b), fmtRatio(ratio(a?.memory?.rssMB, b?.memory?.rssMB)), abs ? `< ${abs.rssMB} MB` : '—', [abs && ['abs', num(a?.memory?.rssMB) ? a.memory.rssMB < abs.rssMB : undefined]]));
    lines.push(row(`${label}: diagnostics on open (${w.errors} deliberate errors)`, String(a?.diagnosticsOnOpen ?? '—'), String(b?.diagnosticsOnOpen ?? '—'), '', '—', []));
  }
  const wa = o?.workspace;
  const wb = t?.workspace;
  if (wa || wb) {
    const n = meta.workspace?.files?.toLocaleString('en-US');
    const wt = ABS_TARGETS.workspace;
    const idx = wa && num(wa.indexMs) ? `${ms(wa.indexMs)} ms${num(wa.indexCpu?.cpuMs) ? ` (CPU ${ms(wa.indexCpu.cpuMs)})` : ''}${wa.indexedFiles !== undefined ? `, ${wa.indexedFiles} files` : ''}` : wa?.error ? 'error' : '—';
    lines.push(row(`${n}-file workspace: initialized → indexing done`, idx, wb ? 'n/a (no workspace index)' : '—', '', `< ${wt.indexMs} ms`, [['abs', num(wa?.indexMs) ? wa.indexMs < wt.indexMs : undefined]]));
    const r2 = ratio(wa?.openFirstDiagnosticsMs, wb?.openFirstDiagnosticsMs);
    const open = (r) => (r && num(r.openFirstDiagnosticsMs) ? `${ms(r.openFirstDiagnosticsMs)} ms, ${r.openDiagnostics.length} diagnostics` : '—');
    lines.push(row(`${n}-file workspace: open one file → first diagnostics`, open(wa), open(wb), fmtRatio(r2), `≥${RATIO_TARGET}×`, [t && fiveX(r2)]));
    const facts = [ratio(wa?.factEdit?.p50, wb?.factEdit?.p50), ratio(wa?.factEdit?.p95, wb?.factEdit?.p95)];
    lines.push(row(`${n}-file workspace: edit of a subset reference in the opened file → diagnostics p50 / p95`, pair(wa?.factEdit, 10, false), pair(wb?.factEdit, 10, false), facts.every(num) ? `${fmtRatio(facts[0])} / ${fmtRatio(facts[1])}` : '—', `≥${RATIO_TARGET}×`, [t && fiveX(...facts)]));
    const mem = (r) => (r?.memoryAfterIndex ? `${mb(r.memoryAfterIndex.rssMB)} (peak ${mb(r.memoryAfterIndex.peakMB)})` : '—');
    lines.push(row(`${n}-file workspace: server RSS after indexing`, mem(wa), mem(wb), '', `< ${wt.rssMB} MB`, [['abs', num(wa?.memoryAfterIndex?.rssMB) ? wa.memoryAfterIndex.rssMB < wt.rssMB : undefined]]));
  }
  if (o?.scaling && wa && num(wa.indexMs)) {
    const sizes = [[meta.workspace.files, { files: wa.indexedFiles, indexMs: wa.indexMs, cpuMs: wa.indexCpu?.cpuMs }], ...Object.entries(o.scaling).map(([n, r]) => [Number(n), r])]
      .filter(([, r]) => num(r.indexMs))
      .sort((x, y) => x[0] - y[0]);
    const cell = sizes.map(([n, r]) => `${n.toLocaleString('en-US')}: ${ms(r.indexMs)} ms (${(r.indexMs / n).toFixed(2)} ms/file)`).join(' · ');
    lines.push(row('workspace indexing by size (files: time, per file)', cell, 'n/a', '', 'linear', []));
    const edits = [[meta.workspace.files, { factEditP50: wa.factEdit?.p50 }], ...Object.entries(o.scaling).map(([n, r]) => [Number(n), r])]
      .filter(([, r]) => num(r.factEditP50))
      .sort((x, y) => x[0] - y[0]);
    if (edits.length > 1) lines.push(row('edit of a subset reference → diagnostics by workspace size (files: p50)', edits.map(([n, r]) => `${n.toLocaleString('en-US')}: ${ms(r.factEditP50)} ms`).join(' · '), 'n/a', '', 'flat', []));
  }
  const rtt = (r) => Object.values(r?.files ?? {}).map((f) => f.roundTrip?.p50).filter(num);
  lines.push(row('JSON-RPC round trip (unknown method, error reply) p50, median over workloads', `${ms(percentile(rtt(o), 50))} ms`, t ? `${ms(percentile(rtt(t), 50))} ms` : '—', '', 'floor for every latency', []));
  const sa = percentile(starts(o), 50);
  const sb = percentile(starts(t), 50);
  const r3 = ratio(sa, sb);
  lines.push(row(`server start: spawn → initialize answered (median of ${Math.max(starts(o).length, starts(t).length)})`, o ? `${ms(sa)} ms` : '—', t ? `${ms(sb)} ms` : '—', fmtRatio(r3), `≥${RATIO_TARGET}×`, [t && fiveX(r3)]));
  const size = (s) => (s ? `${kb(s.bytes)} (gzip ${kb(s.gzipBytes)})` : '—');
  for (const [key, file] of [
    ['server', 'server/dist/server.js'],
    ['client', 'client/dist/extension.js'],
  ]) {
    lines.push(row(`bundle: ${file}`, `production ${size(bundle.production?.[key])}; as built ${size(bundle.asBuilt?.[key])}`, 'n/a (not bundled)', '', '—', []));
  }
  lines.push('');
  lines.push(...renderFloors(report));

  // Where the time goes.
  lines.push('Where the latency goes (p50; "CPU" is the server main thread\'s on-CPU time from /proc/<pid>/schedstat, "waiting" the time it was runnable but had no CPU; the rest is IPC, the client and idle time):');
  lines.push('');
  lines.push('| Workload | Server | didOpen → diagnostics | of which debounce | CPU | waiting | edit → diagnostics p50 | of which debounce | CPU p50 | waiting p50 |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const w of workloads) {
    for (const [id, r, debounceOpen, debounceEdit] of [
      ['Istio YAML', o?.files[w.count], 0, 'adaptive'],
      ['yaml-language-server', t?.files[w.count], meta.debounceMs.theirs, meta.debounceMs.theirs],
    ]) {
      if (!r) continue;
      lines.push(
        `| ${w.count.toLocaleString('en-US')} | ${id} | ${ms(r.firstDiagnosticsMs)} ms | ${debounceOpen} ms | ${ms(r.firstDiagnosticsCpu?.cpuMs)} ms | ${ms(r.firstDiagnosticsCpu?.waitMs)} ms | ${ms(r.edit?.p50)} ms | ${typeof debounceEdit === 'number' ? `${debounceEdit} ms (${num(r.edit?.p50) ? Math.round((100 * debounceEdit) / r.edit.p50) : '—'}%)` : '2 ms, or the last cost (adaptive)'} | ${ms(r.edit?.cpuP50)} ms | ${ms(r.edit?.waitP50)} ms |`,
      );
    }
  }
  lines.push('');
  const all = [...(notes ?? [])];
  for (const [id, r] of [['Istio YAML', o], ['yaml-language-server', t]]) {
    if (!r) continue;
    for (const [count, f] of Object.entries(r.files)) {
      if (f.error) all.push(`${id}, ${count} resources: ${f.error}`);
      for (const k of ['completion', 'hover', 'edit', 'completionAfterEdit']) if (f[k]?.error) all.push(`${id}, ${count} resources, ${k}: ${f[k].error}`);
    }
    if (r.workspace?.error) all.push(`${id}, workspace: ${r.workspace.error}`);
  }
  if (meta.loadBefore[0] > meta.cores || meta.loadAfter[0] > meta.cores) {
    all.push(`The machine was busy (load average above ${meta.cores}, its core count): wall-clock latencies include waiting for a CPU; the CPU columns are the load-independent part.`);
  }
  if (all.length) {
    lines.push('Notes:');
    lines.push('');
    for (const n of all) lines.push(`- ${n.replace(/\n/g, ' ')}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Every spawn -> initialize answered measured for one server in the run. */
export function starts(r) {
  return r ? [...Object.values(r.files).map((f) => f.startMs), r.workspace?.startMs].filter(num) : [];
}
