#!/usr/bin/env node
// Fuzzes the core: every manifest under test/fixtures, mutated with a seeded
// PRNG, through every feature of the facade (see test/helpers/fuzz.mjs).
//
//   npm run fuzz -- --cases 20000 --seed 7 [--hang-ms 2000] [--out dir]
//
// Exits 1 when a case fails; each failure names its seed, case number,
// fixture and mutations, and (with --out) its mutant is written to a file so
// that it can be replayed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzSession } from '../test/helpers/fuzz.mjs';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
    'hang-ms': { type: 'string', default: '2000' },
    out: { type: 'string' },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --cases N --seed S [--hang-ms MS] [--out DIR]');
  process.exit(2);
}
const session = fuzzSession({ hangMs: Number(values['hang-ms']) });
const started = performance.now();
const stats = session.run({ cases, seed });
const seconds = (performance.now() - started) / 1000;
console.log(`${stats.cases} cases (${stats.calls} calls) from ${session.fixtures.length} fixtures, seed ${seed}, in ${seconds.toFixed(1)} s`);
console.log(`slowest call: ${stats.slowest.feature} on ${stats.slowest.rel}, ${stats.slowest.ms.toFixed(1)} ms`);
for (const f of stats.failures.slice(0, 20)) {
  console.log(`\ncase ${f.case} (${f.fixture}; ${f.applied.join(', ')}):`);
  for (const p of f.problems.slice(0, 5)) console.log(`  ${p.split('\n').slice(0, 4).join('\n    ')}`);
  if (values.out) {
    mkdirSync(values.out, { recursive: true });
    const file = path.join(values.out, `seed${seed}-case${f.case}.yaml`);
    writeFileSync(file, f.text);
    console.log(`  mutant: ${file}`);
  }
}
console.log(`\n${stats.failures.length} failing case${stats.failures.length === 1 ? '' : 's'}`);
process.exit(stats.failures.length > 0 ? 1 : 0);
