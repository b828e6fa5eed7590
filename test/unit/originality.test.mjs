// Our hover prose must be ours: no 7-word run of it may appear in the upstream
// CRD descriptions or reference pages (checked when ../shared is present).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { root } from '../helpers/core.mjs';
import { overlaps, upstreamRuns } from '../../scripts/check-originality.mjs';

const shared = path.join(root, '../shared/istio');
const dir = path.join(root, 'server/src/core/schema/descriptions');

describe('originality of descriptions', { skip: !existsSync(shared) && 'needs ../shared/istio' }, () => {
  it('shares no 7-word run with upstream text', () => {
    const runs = upstreamRuns();
    assert.ok(runs.size > 10000, 'upstream text was read');
    const bad = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const d = parse(readFileSync(path.join(dir, f), 'utf8')) ?? {};
      for (const [key, text] of [['kind', d.kind ?? ''], ...Object.entries(d.fields ?? {}), ...Object.entries(d.enums ?? {})]) {
        const o = overlaps(runs, String(text).replace(/```[\s\S]*?```/g, ' '));
        if (o.length) bad.push(`${f} ${key}: ${o[0]}`);
      }
    }
    assert.deepEqual(bad, []);
  });
  it('the checker does catch copied text', () => {
    const runs = upstreamRuns();
    const crd = readFileSync(path.join(shared, 'crds/crd-all.gen.istio-1.30.3.yaml'), 'utf8');
    const sentence = /description: ([A-Z][a-z]+(?: [a-z]+){8,})/.exec(crd)[1];
    assert.ok(overlaps(runs, sentence).length > 0, sentence);
  });
});
