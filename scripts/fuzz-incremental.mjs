#!/usr/bin/env node
// Fuzzes the incremental parse: seeded edits near `---` lines (markers made,
// broken, doubled, lines joined, CRLF, document-end markers, block scalars,
// anchors), each parse made against the previous one compared with a fresh
// parse (test/helpers/incremental-fuzz.mjs).
//
//   npm run fuzz:incremental -- --seeds 60 --steps 400 [--first-seed 1]
//
// Exits 1 on a mismatch, printing the seed, the step and the text.
import { parseArgs } from 'node:util';
import { core } from '../test/helpers/core.mjs';
import { boundaryEdits } from '../test/helpers/incremental-fuzz.mjs';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '20' }, steps: { type: 'string', default: '400' }, 'first-seed': { type: 'string', default: '1' } } });
const seeds = Number(values.seeds);
const steps = Number(values.steps);
const first = Number(values['first-seed']);
if (![seeds, steps, first].every(Number.isInteger) || seeds < 1 || steps < 1) {
  console.error('usage: npm run fuzz:incremental -- --seeds N --steps N [--first-seed S]');
  process.exit(2);
}
const started = performance.now();
for (let seed = first; seed < first + seeds; seed++) {
  const mismatch = boundaryEdits(core.getLanguageService(), seed, steps);
  if (mismatch) {
    console.log(`seed ${seed}, step ${mismatch.step}: the incremental parse differs from a fresh one for\n${JSON.stringify(mismatch.text)}`);
    process.exit(1);
  }
}
console.log(`${seeds * steps} edits (${seeds} seeds from ${first}, ${steps} each) in ${((performance.now() - started) / 1000).toFixed(1)} s: incremental parses equal fresh ones`);
