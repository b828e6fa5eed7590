// docs/diagnostics.md lists every code and every rule id the checks can emit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/core.mjs';

const doc = readFileSync(path.join(root, 'docs/diagnostics.md'), 'utf8');
const listed = (id) => doc.includes(`\`${id}\``) || doc.includes(` ${id} `);

function sources(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

describe('docs/diagnostics.md', () => {
  it('lists every code of codes.ts', () => {
    const codes = [...readFileSync(path.join(root, 'server/src/core/codes.ts'), 'utf8').matchAll(/^  [A-Za-z0-9]+ = '([A-Za-z0-9-]+)',/gm)].map((m) => m[1]);
    assert.ok(codes.length >= 10);
    assert.deepEqual(codes.filter((c) => !listed(c)), []);
  });
  it('lists every rule id of the schema and istiod checks', () => {
    const src = sources(path.join(root, 'server/src/core/services/validation')).join('\n');
    const ids = new Set([
      ...[...src.matchAll(/\b(?:error|warning|info)\(\s*[a-zA-Z.]+,\s*[^,]+,\s*'([a-z0-9-]+)'/g)].map((m) => m[1]),
      ...[...src.matchAll(/(?:schemaError|fail)\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1]),
      ...[...src.matchAll(/rule: '([a-z0-9-]+)'/g)].map((m) => m[1]),
    ]);
    assert.ok(ids.size > 100, `${ids.size} rule ids found`);
    assert.deepEqual([...ids].filter((id) => !listed(id)), []);
  });
});
