#!/usr/bin/env node
// Derives the schema facts (fields, types, enums, required, one-of groups,
// maps, int-or-string, bounds, CEL rules) from the upstream Istio CRDs and
// writes server/src/core/schema/generated/schema.json. The output is
// committed, so the project builds without ../shared; a new Istio release is
// one run of this script away:
//
//   node scripts/generate-schema.mjs [path/to/crd-all.gen.yaml] [reference-docs dir]
//
// Upstream descriptions are NOT copied: hover text is ours (descriptions/).
// Only facts are kept, including "deprecated" where upstream marks a field so.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { docAnchors } from './schema-anchors.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const crdPath = process.argv[2] ?? path.join(root, '../shared/istio/crds/crd-all.gen.istio-1.30.3.yaml');
const refDocs = process.argv[3] ?? path.join(root, '../shared/istio/reference-docs');
const out = path.join(root, 'server/src/core/schema/generated/schema.json');

// Kinds in the order their paths name shared types (most used first).
const KIND_ORDER = [
  'VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup',
  'EnvoyFilter', 'ProxyConfig', 'AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication',
  'Telemetry', 'WasmPlugin', 'TrafficExtension',
];

const text = readFileSync(crdPath, 'utf8');
const crds = parseAllDocuments(text).map((d) => d.toJS()).filter((c) => c?.kind === 'CustomResourceDefinition');
const version = /istio-([\d.]+)\.yaml$/.exec(crdPath)?.[1] ?? 'unknown';

const nodes = [];
const byHash = new Map();

/** Interns a schema node; identical structures (with identical field docs) share one id. */
function intern(schema) {
  const node = convert(schema);
  const hash = JSON.stringify(node) + '|' + JSON.stringify(fieldFingerprint(schema));
  let id = byHash.get(hash);
  if (id === undefined) {
    id = nodes.length;
    nodes.push(node);
    byHash.set(hash, id);
  }
  return id;
}

function fieldFingerprint(schema) {
  const p = schema.properties ?? {};
  return Object.keys(p).map((k) => [k, p[k].description ?? '']);
}

function isDeprecated(description) {
  return /^(?:'|")?Deprecated\b/.test((description ?? '').trim());
}

function convert(s) {
  const n = {};
  if (s['x-kubernetes-int-or-string']) n.type = 'intOrString';
  else if (s.type) n.type = s.type;
  else if (s.properties) n.type = 'object';
  else n.type = 'any';
  if (s.properties) {
    n.properties = {};
    const deprecated = [];
    for (const [k, v] of Object.entries(s.properties)) {
      n.properties[k] = intern(v);
      if (isDeprecated(v.description)) deprecated.push(k);
    }
    if (deprecated.length) n.deprecated = deprecated;
  }
  if (s.required?.length) n.required = [...s.required];
  if (s.items) n.items = intern(s.items);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') n.additionalProperties = intern(s.additionalProperties);
  if (s['x-kubernetes-preserve-unknown-fields']) n.preserveUnknownFields = true;
  if (s.enum) n.enum = [...s.enum];
  for (const k of ['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'pattern', 'nullable']) {
    if (s[k] !== undefined) n[k] = s[k];
  }
  if (s['x-kubernetes-list-type']) n.listType = s['x-kubernetes-list-type'];
  const groups = oneOfGroups(s);
  if (groups.length) n.oneOf = groups;
  if (s['x-kubernetes-validations']) n.rules = s['x-kubernetes-validations'].map((r) => ({ rule: r.rule, message: r.message ?? '' }));
  return n;
}

/**
 * Upstream writes proto one-ofs as `oneOf: [{not: {anyOf: [{required: [a]}, ...]}}, {required: [a]}, ...]`
 * ("at most one of a, b"), or without the `not` branch ("exactly one of").
 * Several one-ofs on one message come as `allOf` of such blocks.
 */
function oneOfGroups(s) {
  const blocks = [];
  if (s.oneOf) blocks.push(s.oneOf);
  for (const a of s.allOf ?? []) if (a.oneOf) blocks.push(a.oneOf);
  return blocks.map((alts) => {
    const fields = alts.filter((a) => a.required).map((a) => a.required[0]);
    const optional = alts.some((a) => a.not);
    return { fields, required: !optional };
  });
}

const resources = [];
for (const crd of crds) {
  const { group, names, scope } = crd.spec;
  for (const v of crd.spec.versions) {
    if (!v.served) continue;
    const schema = v.schema.openAPIV3Schema;
    const spec = schema.properties?.spec;
    resources.push({
      group,
      kind: names.kind,
      version: v.name,
      storage: v.storage === true,
      deprecated: v.deprecated === true,
      scope,
      plural: names.plural,
      shortNames: names.shortNames ?? [],
      spec: spec ? intern(spec) : intern({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
      specRequired: (schema.required ?? []).includes('spec'),
      rules: (schema['x-kubernetes-validations'] ?? []).map((r) => ({ rule: r.rule, message: r.message ?? '' })),
    });
  }
}
resources.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || Number(b.storage) - Number(a.storage) || a.version.localeCompare(b.version));

function kindRank(kind) {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

// Canonical paths: the first place (kinds in KIND_ORDER, storage version first, breadth first) each node is seen.
// Field descriptions are keyed `${canonical path of the parent}.${field}`.
const paths = new Array(nodes.length);
const queue = resources.map((r) => [r.spec, `${r.kind}.spec`]);
while (queue.length) {
  const [id, p] = queue.shift();
  if (paths[id] !== undefined) continue;
  paths[id] = p;
  const n = nodes[id];
  for (const [k, child] of Object.entries(n.properties ?? {})) queue.push([child, `${p}.${k}`]);
  if (n.items !== undefined) queue.push([n.items, `${p}[]`]);
  if (n.additionalProperties !== undefined) queue.push([n.additionalProperties, `${p}{}`]);
}
nodes.forEach((n, i) => (n.path = paths[i]));

// Links to the field on istio.io's reference pages (when the reference docs are at hand).
const anchors = existsSync(refDocs) ? docAnchors(refDocs, nodes, resources) : new Map();
for (const [id, a] of anchors) nodes[id].doc = a;

const output = { istioVersion: version, generatedFrom: path.basename(crdPath), resources, nodes };
writeFileSync(out, JSON.stringify(output) + '\n');
const fields = nodes.reduce((s, n) => s + Object.keys(n.properties ?? {}).length, 0);
console.log(`${resources.length} resource versions, ${nodes.length} nodes, ${fields} fields, ${anchors.size} nodes linked to docs -> ${path.relative(root, out)}`);
