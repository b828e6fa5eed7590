#!/usr/bin/env node
// Lists the description keys of the generated schema, with the facts a writer
// needs, and which of them are still missing or unknown:
//
//   node scripts/description-keys.mjs [Kind ...] [--missing]
//
// A key is `<canonical path of the parent type>.<field>`, an enum value is
// `<field key>=<VALUE>`. Each kind's descriptions live in
// server/src/core/schema/descriptions/<Kind>.yaml.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(path.join(root, 'server/src/core/schema/generated/schema.json'), 'utf8'));
const args = process.argv.slice(2);
const onlyMissing = args.includes('--missing');
const kinds = args.filter((a) => !a.startsWith('--'));

// Every place each node appears, for context.
const places = new Map();
const walk = (id, p, depth) => {
  if (depth > 30) return;
  const list = places.get(id) ?? [];
  if (list.length >= 4) return;
  list.push(p);
  places.set(id, list);
  const n = schema.nodes[id];
  for (const [k, c] of Object.entries(n.properties ?? {})) walk(c, `${p}.${k}`, depth + 1);
  if (n.items !== undefined) walk(n.items, `${p}[]`, depth + 1);
  if (n.additionalProperties !== undefined) walk(n.additionalProperties, `${p}{}`, depth + 1);
};
for (const r of schema.resources.filter((r) => r.storage)) walk(r.spec, `${r.kind}.spec`, 0);

export function describeType(n) {
  if (n.type === 'array') return `list of ${describeType(schema.nodes[n.items])}`;
  if (n.additionalProperties !== undefined) return `map of string to ${describeType(schema.nodes[n.additionalProperties])}`;
  let t = n.type;
  if (n.format) t += ` (${n.format})`;
  if (n.enum) t += ` one of ${n.enum.join(', ')}`;
  if (n.minimum !== undefined || n.maximum !== undefined) t += ` [${n.minimum ?? ''}..${n.maximum ?? ''}]`;
  return t;
}

const loaded = new Map();
function descriptions(kind) {
  if (!loaded.has(kind)) {
    const f = path.join(root, 'server/src/core/schema/descriptions', `${kind}.yaml`);
    loaded.set(kind, existsSync(f) ? (parse(readFileSync(f, 'utf8')) ?? {}) : {});
  }
  return loaded.get(kind);
}

/** Every expected key (fields, enum values, kinds) and what the description files have. */
export function descriptionReport() {
  const missing = [];
  const unknown = [];
  const expected = [];
  for (const kind of [...new Set(schema.resources.map((r) => r.kind))]) {
    const d = descriptions(kind);
    if (!d.kind) missing.push(`${kind}: kind`);
    const keys = new Set();
    schema.nodes.forEach((n) => {
      if (!n.path.startsWith(`${kind}.`)) return;
      for (const [field, child] of Object.entries(n.properties ?? {})) {
        const key = `${n.path}.${field}`;
        keys.add(key);
        if (d.fields?.[key] === undefined) missing.push(key);
        const c = schema.nodes[child];
        for (const v of c.enum ?? (c.items !== undefined ? schema.nodes[c.items].enum : undefined) ?? []) {
          keys.add(`${key}=${v}`);
          if (d.enums?.[`${key}=${v}`] === undefined) missing.push(`${key}=${v}`);
        }
      }
    });
    expected.push(...keys);
    for (const k of [...Object.keys(d.fields ?? {}), ...Object.keys(d.enums ?? {})]) if (!keys.has(k)) unknown.push(k);
  }
  return { expected, missing, unknown };
}

if (import.meta.url === `file://${process.argv[1]}`) main();

function main() {
  const allKinds = [...new Set(schema.resources.map((r) => r.kind))];
  const expected = new Set();
  for (const kind of kinds.length ? kinds : allKinds) {
    const d = descriptions(kind);
    if (!onlyMissing || !d.kind) console.log(`\n## ${kind}\nkind   (the resource itself)${d.kind ? '' : '   MISSING'}`);
    schema.nodes.forEach((n, id) => {
      if (!n.path.startsWith(`${kind}.`)) return;
      for (const [field, child] of Object.entries(n.properties ?? {})) {
        const key = `${n.path}.${field}`;
        expected.add(key);
        const c = schema.nodes[child];
        const has = d.fields?.[key] !== undefined;
        const flags = [(n.required ?? []).includes(field) && 'required', (n.deprecated ?? []).includes(field) && 'upstream-deprecated'].filter(Boolean);
        if (!onlyMissing || !has) {
          const doc = n.doc ? ` doc=${n.doc.page}#${n.doc.message}` : '';
          const also = (places.get(id) ?? []).slice(1).map((p) => `${p}.${field}`);
          console.log(`${key}   : ${describeType(c)}${flags.length ? ' [' + flags.join(', ') + ']' : ''}${doc}${also.length ? '  also at: ' + also.join(', ') : ''}${has ? '' : '   MISSING'}`);
        }
        const en = c.enum ?? (c.items !== undefined ? schema.nodes[c.items].enum : undefined);
        for (const v of en ?? []) {
          const ek = `${key}=${v}`;
          expected.add(ek);
          const hasE = d.enums?.[ek] !== undefined;
          if (!onlyMissing || !hasE) console.log(`${ek}   (enum value)${hasE ? '' : '   MISSING'}`);
        }
      }
    });
    for (const k of [...Object.keys(d.fields ?? {}), ...Object.keys(d.enums ?? {})]) {
      if (!expected.has(k)) console.log(`${k}   UNKNOWN KEY (no such field in the schema)`);
    }
  }
}
