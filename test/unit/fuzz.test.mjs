// Fuzzing (issue 8): every fixture manifest, mutated with fixed seeds, through
// every feature of the facade. No feature may throw, take longer than the hang
// bound, or answer with a range outside the document. `npm run fuzz` runs as
// many cases as asked, with any seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzSession, mutate, prng } from '../helpers/fuzz.mjs';

function report(stats) {
  return stats.failures
    .slice(0, 5)
    .map((f) => `case ${f.case} seed ${f.seed} (${f.fixture}; ${f.applied.join(', ')}):\n  ${f.problems.slice(0, 3).join('\n  ')}`)
    .join('\n');
}

test('the mutator is deterministic for a seed and really changes the text', () => {
  const text = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\nspec:\n  hosts: [a]\n';
  const a = prng(42);
  const b = prng(42);
  let changed = 0;
  for (let i = 0; i < 50; i++) {
    const x = mutate(text, a);
    const y = mutate(text, b);
    assert.equal(x.text, y.text);
    if (x.text !== text) changed++;
  }
  assert.ok(changed > 40, `only ${changed} of 50 mutants differ from the original`);
});

test('the checker catches a range outside the document', () => {
  const session = fuzzSession({ positions: 1 });
  const original = session.service.doHover;
  session.service.doHover = () => ({ contents: 'x', range: { start: { line: 999, character: 0 }, end: { line: 999, character: 1 } } });
  try {
    const problems = session.runText(session.fixtures[0].rel, session.fixtures[0].text, prng(1));
    assert.ok(problems.some((p) => p.includes('hover') && p.includes('outside')), problems.join('\n'));
  } finally {
    session.service.doHover = original;
  }
});

for (const seed of [1, 2026]) {
  test(`1,500 mutants (seed ${seed}): no throw, no hang, every range inside the document`, () => {
    const session = fuzzSession({ hangMs: 2000, positions: 3 });
    const stats = session.run({ cases: 1500, seed });
    assert.equal(stats.cases, 1500);
    assert.ok(stats.calls > 1500 * 10, `only ${stats.calls} feature calls`);
    assert.equal(stats.failures.length, 0, report(stats));
  });
}
