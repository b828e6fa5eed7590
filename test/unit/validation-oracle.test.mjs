// Istio's own validation test cases (../shared/istio/validation, when present):
// at least 90% of the invalid ones flagged, none of the valid ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DIR, runOracle } from '../../scripts/validation-oracle.mjs';

const exists = existsSync(path.join(DEFAULT_DIR, 'validation-cases.json'));

describe('Istio validation cases (scripts/validation-oracle.mjs)', { skip: !exists && 'needs ../shared/istio/validation' }, () => {
  const result = exists ? runOracle(DEFAULT_DIR) : undefined;

  it('runs every case, excluding only those that cannot be written in YAML (with a reason)', () => {
    assert.ok(result.cases >= 369, `${result.cases} cases`);
    for (const e of result.excluded) assert.ok(e.reason, `${e.id} excluded without a reason`);
    assert.ok(result.excluded.length <= 5, JSON.stringify(result.excluded));
  });

  it('flags at least 90% of the expressible invalid cases, per kind and overall', () => {
    for (const [kind, k] of Object.entries(result.kinds)) {
      assert.ok(k.flagged / k.invalid >= 0.9, `${kind}: ${k.flagged}/${k.invalid}; misses: ${result.misses.map((m) => m.id).join(', ')}`);
    }
    assert.ok(result.total.flagged / result.total.invalid >= 0.9);
  });

  it('flags no valid case', () => {
    assert.deepEqual(result.wronglyFlagged, []);
  });

  it('warns on the cases where istiod warns', () => {
    assert.ok(result.total.warned / result.total.warning >= 0.9, JSON.stringify(result.missingWarnings));
  });
});
