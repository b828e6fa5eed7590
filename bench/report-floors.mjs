// The part of the benchmark report that puts each failed ×5 target next to
// the floors measured in the same run (bench/floors.mjs): the best ratio that
// any server could reach if it did nothing but what the floor measures.
import { fmtRatio as fmt, ms, num, RATIO_TARGET, starts } from './report.mjs';
import { percentile } from './workloads.mjs';


/** Markdown lines: the floors, then every ≥5× check that failed against them. */
export function renderFloors({ workloads, results, floors }) {
  if (!floors) return [];
  const o = results.ours;
  const t = results.theirs;
  const lines = ['Floors measured in this run (bench/floors.mjs): what no server can go below on this machine.', ''];
  lines.push('| Floor | Measured |');
  lines.push('|---|---|');
  lines.push(`| Node start: a bare JSON-RPC responder (no libraries), spawn → initialize answered, median of ${floors.start.samples.length} | ${ms(floors.start.medianMs)} ms |`);
  const rtt = (r, count) => r?.files?.[count]?.roundTrip?.p50;
  const rttFloor = (count) => Math.min(...[rtt(o, count), rtt(t, count)].filter(num));
  lines.push(`| JSON-RPC round trip (error reply to an unknown method), p50, smaller of the two servers | ${workloads.map((w) => `${w.count.toLocaleString('en-US')}: ${ms(rttFloor(w.count))} ms`).join(' · ')} |`);
  for (const w of workloads) {
    const p = floors.parse?.[w.count];
    if (p) lines.push(`| \`yaml\` parse of the ${w.count.toLocaleString('en-US')}-resource file: first in a fresh process / warm, the smallest of 3 processes | ${ms(p.firstMs)} / ${ms(p.warmMinMs)} ms |`);
  }
  if (floors.parse?.error) lines.push(`| \`yaml\` parse | not measured: ${floors.parse.error} |`);
  lines.push('');
  if (!t) return lines;

  const rows = [];
  const check = (metric, ours, theirs, floor, floorName) => {
    if (!num(ours) || !num(theirs) || theirs / ours >= RATIO_TARGET) return;
    const best = num(floor) && floor > 0 ? theirs / floor : NaN;
    const verdict = !num(best) ? '—' : best < RATIO_TARGET ? `out of reach: ${fmt(best)} at best` : `reachable in principle: ours is ${ms(ours - floor)} ms above the floor, ×5 needs ≤ ${ms(theirs / RATIO_TARGET)} ms`;
    rows.push(`| ${metric} | ${ms(ours)} ms | ${ms(theirs)} ms | ${fmt(theirs / ours)} | ${floorName} ${ms(floor)} ms | ${fmt(best)} | ${verdict} |`);
  };
  for (const w of workloads) {
    const a = o?.files[w.count];
    const b = t.files[w.count];
    const label = `${w.count.toLocaleString('en-US')} resources`;
    // The first parse in a fresh process warmed on the same small text: where both servers stand when the file is opened.
    check(`${label}: didOpen → first diagnostics`, a?.firstDiagnosticsMs, b?.firstDiagnosticsMs, floors.parse?.[w.count]?.firstMs, '`yaml` parse, first in a fresh process');
    for (const [key, title] of [['completion', 'completion'], ['hover', 'hover'], ['completionAfterEdit', 'completion right after an edit']]) {
      for (const p of ['p50', 'p95']) check(`${label}: ${title} ${p}`, a?.[key]?.[p], b?.[key]?.[p], rttFloor(w.count), 'round trip');
    }
    check(`${label}: hover on another file while this one opens, worst`, a?.hoverWhileOpening?.max, b?.hoverWhileOpening?.max, rttFloor(w.count), 'round trip');
  }
  check('server start: spawn → initialize answered', percentile(starts(o), 50), percentile(starts(t), 50), floors.start.medianMs, 'bare Node responder');
  if (rows.length === 0) return lines;
  lines.push(`Each ≥${RATIO_TARGET}× check that failed, against its floor: "best" is yaml-language-server's figure ÷ the floor, the ratio a server would reach if it spent nothing beyond the floor.`);
  lines.push('');
  lines.push('| Metric | Istio YAML | yaml-language-server | Ratio | Floor | Best possible | Verdict |');
  lines.push('|---|---|---|---|---|---|---|');
  lines.push(...rows, '');
  return lines;
}
