// The fuzzer shared by test/unit/fuzz.test.mjs and scripts/fuzz.mjs: every
// manifest under test/fixtures, mutated with a seeded PRNG, is run through
// every feature of the facade. A case fails when a feature throws, when one
// call takes longer than the hang bound, or when a returned range lies
// outside the document.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { core, root, textDocument } from './core.mjs';

/** A small, fast, seeded PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)] };
}

/** Every *.yaml / *.yml under test/fixtures, recursively: [{ rel, text }]. */
export function fixtureManifests(dir = path.join(root, 'test/fixtures')) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) out.push({ rel: path.relative(root, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

// What an insertion draws from: YAML's indicators, whitespace and line ends, template braces, odd code points.
const INSERTS = [
  ':', ': ', '-', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '!', '!!str ', '|', '>-', "'", '"', '#', '%', '@', '`', '?', ' ',
  '  ', '\t', '\n', '\r\n', '\r', '---\n', '...\n', '{{ .Values.x }}', '{{- if .Values.on }}', '\0', '\uFFFD', '\uFEFF', '\u00e9', '\u{1F600}',
  'x', 'name', 'subset', 'host: ', 'weight: 50', '99999999999999999999', 'null', '~', 'true', '<<: *a',
];

const MUTATIONS = {
  deleteChars(text, r) {
    const at = r.int(text.length + 1);
    return text.slice(0, at) + text.slice(at + 1 + r.int(8));
  },
  insert(text, r) {
    const at = r.int(text.length + 1);
    return text.slice(0, at) + r.pick(INSERTS) + text.slice(at);
  },
  duplicate(text, r) {
    const at = r.int(text.length + 1);
    const span = text.slice(at, at + 1 + r.int(40));
    return text.slice(0, at) + span + span + text.slice(at + span.length);
  },
  swapLines(text, r) {
    const lines = text.split('\n');
    const i = r.int(lines.length);
    const j = r.int(lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  },
  truncateLine(text, r) {
    const lines = text.split('\n');
    const i = r.int(lines.length);
    lines[i] = lines[i].slice(0, r.int(lines[i].length + 1));
    return lines.join('\n');
  },
  shiftIndent(text, r) {
    const lines = text.split('\n');
    const from = r.int(lines.length);
    const to = Math.min(lines.length, from + 1 + r.int(6));
    const by = r.int(7) - 3;
    for (let i = from; i < to; i++) lines[i] = by >= 0 ? ' '.repeat(by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-by}}`), '');
    return lines.join('\n');
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to four random mutations of `text`. */
export function mutate(text, r) {
  let out = text;
  const applied = [];
  for (let n = 1 + r.int(4); n > 0; n--) {
    const name = r.pick(MUTATION_NAMES);
    out = MUTATIONS[name](out, r);
    applied.push(name);
  }
  return { text: out, applied };
}

/** Line lengths (without terminators) as the LSP counts lines: \n, \r\n and \r end a line. */
function lineLengths(text) {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function checkPosition(p, lines, where) {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return `${where}: malformed position ${JSON.stringify(p)}`;
  if (p.line < 0 || p.line >= lines.length) return `${where}: line ${p.line} outside 0..${lines.length - 1}`;
  if (p.character < 0 || p.character > lines[p.line]) return `${where}: character ${p.character} outside 0..${lines[p.line]} on line ${p.line}`;
  return undefined;
}

function checkRange(range, lines, where) {
  if (!range) return `${where}: missing range`;
  const bad = checkPosition(range.start, lines, `${where}.start`) ?? checkPosition(range.end, lines, `${where}.end`);
  if (bad) return bad;
  const { start, end } = range;
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return `${where}: end before start ${JSON.stringify(range)}`;
  return undefined;
}

/** Every range of a feature's answer that refers to `uri`, with a label. */
function* rangesOf(feature, value, uri) {
  if (value === null || value === undefined) return;
  switch (feature) {
    case 'doValidation':
      for (const [i, d] of value.entries()) yield [`diagnostic ${i} ${d.code}`, d.range];
      return;
    case 'doComplete':
      for (const it of value.items) {
        if (it.textEdit) yield [`completion ${it.label}`, it.textEdit.range ?? it.textEdit.insert];
        for (const e of it.additionalTextEdits ?? []) yield [`completion ${it.label} (additional)`, e.range];
      }
      return;
    case 'doHover':
      if (value.range) yield ['hover', value.range];
      return;
    case 'findDocumentSymbols': {
      const walk = function* (symbols, prefix) {
        for (const s of symbols) {
          yield [`${prefix}${s.name}`, s.range];
          yield [`${prefix}${s.name} (selection)`, s.selectionRange];
          yield* walk(s.children ?? [], `${prefix}${s.name} > `);
        }
      };
      yield* walk(value, 'symbol ');
      return;
    }
    case 'findDefinition':
    case 'findReferences':
      for (const l of value) if (l.uri === uri) yield [`${feature} location`, l.range];
      return;
    case 'doCodeActions':
      for (const a of value) for (const e of a.edit?.changes?.[uri] ?? []) yield [`code action ${a.title}`, e.range];
      return;
    case 'findCodeLenses':
      for (const l of value) {
        yield [`code lens ${l.command?.title}`, l.range];
        const edits = l.command?.arguments?.[2];
        if (Array.isArray(edits)) for (const e of edits) yield [`code lens ${l.command.title} edit`, e.range];
      }
      return;
  }
}

/**
 * A fuzzing session: one language service whose workspace holds every
 * fixture (so cross-file features have something to find); a mutant replaces
 * its fixture for the duration of its case.
 */
export function fuzzSession({ hangMs = 2000, positions = 3 } = {}) {
  const fixtures = fixtureManifests();
  const service = core.getLanguageService();
  const uriOf = (rel) => `file:///fuzz/${rel}`;
  const originals = new Map();
  for (const f of fixtures) {
    const parsed = service.parseFile(f.text);
    service.indexFile(uriOf(f.rel), parsed);
    originals.set(f.rel, parsed);
  }
  const stats = { cases: 0, calls: 0, failures: [], slowest: { ms: 0 } };

  /** Runs every feature on `text` as the fixture `rel`; returns the problems found. */
  function runText(rel, text, r) {
    const uri = uriOf(rel);
    const document = textDocument(text, uri);
    const lines = lineLengths(text);
    const problems = [];
    const call = (feature, fn) => {
      const started = performance.now();
      let value;
      try {
        value = fn();
      } catch (e) {
        problems.push(`${feature} threw: ${e?.stack ?? e}`);
        return undefined;
      } finally {
        const ms = performance.now() - started;
        stats.calls++;
        if (ms > stats.slowest.ms) stats.slowest = { ms, feature, rel };
        if (ms > hangMs) problems.push(`${feature} took ${Math.round(ms)} ms (bound ${hangMs} ms)`);
      }
      for (const [where, range] of rangesOf(feature, value, uri)) {
        const bad = checkRange(range, lines, where);
        if (bad) problems.push(`${feature}: ${bad}`);
      }
      return value;
    };
    const parsed = call('parseFile', () => service.parseFile(text));
    if (!parsed) return problems;
    const diagnostics = call('doValidation', () => service.doValidation(document, parsed)) ?? [];
    for (let i = 0; i < positions; i++) {
      // Now and then a position outside the document, as a confused client may send.
      const position = r.next() < 0.1 ? { line: lines.length + r.int(3), character: r.int(200) } : document.positionAt(r.int(text.length + 1));
      call('doComplete', () => service.doComplete(document, parsed, position));
      call('doHover', () => service.doHover(document, parsed, position));
      call('findDefinition', () => service.findDefinition(document, parsed, position));
      call('findReferences', () => service.findReferences(document, parsed, position, r.next() < 0.5));
    }
    call('findDocumentSymbols', () => service.findDocumentSymbols(document, parsed));
    const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
    call('doCodeActions', () => service.doCodeActions(document, parsed, whole, diagnostics));
    for (const d of diagnostics.slice(0, 3)) call('doCodeActions', () => service.doCodeActions(document, parsed, d.range, [d]));
    call('findCodeLenses', () => service.findCodeLenses(document, parsed));
    return problems;
  }

  /** Runs `cases` mutants, round-robin over the fixtures, from `seed`. */
  function run({ cases, seed }) {
    const r = prng(seed);
    for (let i = 0; i < cases; i++) {
      const f = fixtures[i % fixtures.length];
      const { text, applied } = mutate(f.text, r);
      const problems = runText(f.rel, text, r);
      service.indexFile(uriOf(f.rel), originals.get(f.rel));
      stats.cases++;
      if (problems.length > 0) stats.failures.push({ case: i, seed, fixture: f.rel, applied, text, problems });
    }
    return stats;
  }

  return { fixtures, service, stats, run, runText, uriOf };
}
