#!/usr/bin/env node
// Checks that our descriptions are our own words: no run of 7 or more
// consecutive words of a description may appear in the upstream Istio CRD
// descriptions or reference pages. Exits 1 and lists the overlaps if any.
//
//   node scripts/check-originality.mjs [Kind ...]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const RUN = 7;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.join(root, '../shared/istio');
const descDir = path.join(root, 'server/src/core/schema/descriptions');

export function words(text) {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function upstreamRuns() {
  const runs = new Set();
  const files = [path.join(shared, 'crds'), path.join(shared, 'reference-docs')].filter(existsSync).flatMap(walk);
  for (const f of files) {
    if (!/\.(ya?ml|html|md)$/.test(f)) continue;
    const w = words(readFileSync(f, 'utf8'));
    for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
  }
  return runs;
}

export function overlaps(runs, text) {
  const w = words(text);
  const found = [];
  for (let i = 0; i + RUN <= w.length; i++) {
    const r = w.slice(i, i + RUN).join(' ');
    if (runs.has(r)) found.push(r);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(shared)) {
    console.log('../shared/istio is not here: nothing to compare with');
    process.exit(0);
  }
  const runs = upstreamRuns();
  const only = process.argv.slice(2);
  let bad = 0;
  for (const f of readdirSync(descDir).filter((f) => f.endsWith('.yaml'))) {
    if (only.length && !only.includes(f.replace(/\.yaml$/, ''))) continue;
    const d = parse(readFileSync(path.join(descDir, f), 'utf8')) ?? {};
    const entries = [['kind', d.kind ?? ''], ...Object.entries(d.fields ?? {}), ...Object.entries(d.enums ?? {})];
    for (const [key, text] of entries) {
      const o = overlaps(runs, String(text).replace(/```[\s\S]*?```/g, ' '));
      if (o.length) {
        bad++;
        console.log(`${f} ${key}: "${o[0]}"${o.length > 1 ? ` (+${o.length - 1} more)` : ''}`);
      }
    }
  }
  console.log(bad ? `${bad} descriptions share ${RUN}-word runs with upstream text` : 'no overlap with upstream text');
  process.exit(bad ? 1 : 0);
}
