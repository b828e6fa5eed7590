// Seeded edits near `---` lines, for checking the incremental parse
// (core/sections.ts decides which sections an edit left alone): after every
// edit, the parse made against the previous one must equal a fresh parse,
// node range by node range. Used by test/unit/parse.test.mjs (a few hundred
// edits) and scripts/fuzz-incremental.mjs (as many as asked).
import { prng } from './fuzz.mjs';

/** What a fresh parse and an incremental one must agree on, for one document. */
export function documentShape(d) {
  const out = [d.start, d.end, d.raw.sectionStart, d.raw.source.length, d.yaml.range, d.problems.map((p) => [p.start, p.end, p.code])];
  const walk = (n) => {
    if (!n || typeof n !== 'object') return;
    if ('key' in n && 'value' in n && !('range' in n)) return (walk(n.key), walk(n.value));
    out.push(n.range);
    for (const item of n.items ?? []) walk(item);
  };
  walk(d.yaml.contents);
  return JSON.stringify(out);
}

const PIECES = ['---\n', '---', '\n', 'a: 1\n', '- x\n', '# c\n', '--- # m\n', 'b: [\n', ' ', '-', 'k: v\n  n: 2\n', '...\n', '--- |\n  x\n', 'c: &a 1\nd: *a\n', '\r\n', '---\r\n'];
const START = 'a: 1\n---\nb: 2\n---\n# c\n---\nc: {x: 1}\n';

/**
 * Runs `steps` seeded edits (most of them within a few characters of a
 * `---`) through `service`; returns the first mismatch ({ step, text }) or
 * undefined.
 */
export function boundaryEdits(service, seed, steps) {
  const r = prng(seed);
  let text = START;
  let prev = service.parseFile(text);
  for (let step = 0; step < steps; step++) {
    const markers = [...text.matchAll(/---/g)].map((m) => m.index);
    const near = markers.length > 0 && r.next() < 0.75 ? r.pick(markers) + r.int(9) - 4 : r.int(text.length + 1);
    const at = Math.max(0, Math.min(text.length, near));
    const cut = r.next() < 0.5 ? r.int(6) : 0;
    const insert = r.next() < 0.75 ? r.pick(PIECES) : '';
    text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
    if (text.length > 3000) text = text.slice(0, 1500); // keep it small: the boundaries are the point
    const inc = service.parseFile(text, prev);
    const fresh = service.parseFile(text);
    if (inc.docs.map(documentShape).join('\n') !== fresh.docs.map(documentShape).join('\n')) return { step, text };
    prev = inc;
  }
  return undefined;
}
