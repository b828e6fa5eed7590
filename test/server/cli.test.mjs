// The command-line checker, run as users run it: the built server/dist/check.js
// as a child process, on our fixture folders under test/fixtures/cli/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { root } from '../helpers/core.mjs';
import { generateWorkspace, writeWorkspace } from '../../scripts/gen-workspace.mjs';

const require = createRequire(import.meta.url);
const CHECK = path.join(root, 'server/dist/check.js');
const FIX = 'test/fixtures/cli';
const LINE = /^(\S+):(\d+):(\d+) +(error|warning|info) +(\S+) +(.+)$/;

/** Runs the checker (from the repository root by default); stdout/stderr as text. */
function check(args, { input, cwd = root, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHECK, ...args], { cwd, env: { ...process.env, NO_COLOR: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function json(args, opts) {
  const r = await check(['--format', 'json', ...args], opts);
  return { ...r, report: JSON.parse(r.stdout) };
}

/** `[path, line, code]` of every finding in a JSON report. */
function findings(report) {
  return report.files.flatMap((f) => f.diagnostics.map((d) => [f.path, d.line, d.code]));
}

describe('istio-yaml-check: human output and exit status', { concurrency: true }, () => {
  it('prints file:line:col severity code message, grouped by file, then a summary; exit 1 on errors', async () => {
    const r = await check([`${FIX}/mixed`]);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a terminal');
    const blocks = r.stdout.trimEnd().split('\n\n');
    assert.equal(blocks.length, 3, 'one block per file with findings, then the summary');
    const parsed = blocks.slice(0, 2).map((b) => b.split('\n').map((l) => LINE.exec(l)));
    for (const block of parsed) for (const m of block) assert.ok(m, 'every finding line has the documented shape');
    assert.deepEqual(parsed[0].map((m) => [m[1], m[2], m[3], m[4], m[5]]), [
      [`${FIX}/mixed/errors.yaml`, '13', '14', 'error', 'IST0106'],
      [`${FIX}/mixed/errors.yaml`, '15', '7', 'error', 'IST0106'],
    ]);
    assert.ok(parsed[1].every((m) => m[1] === `${FIX}/mixed/info.yaml`));
    assert.deepEqual(parsed[1].map((m) => m[4]).sort(), ['info', 'warning']);
    assert.equal(blocks[2], '2 errors, 1 warning, 1 info in 2 files');
  });

  it('exits 0 with a zero summary on clean files, counting files that are not Istio', async () => {
    const r = await check([`${FIX}/clean`]);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stdout, '0 errors, 0 warnings, 0 infos in 2 files\n');
  });

  it('--fail-on sets the level that fails the run', async () => {
    const file = `${FIX}/mixed/info.yaml`; // one warning, one info
    assert.equal((await check([file])).status, 0);
    assert.equal((await check(['--fail-on', 'error', file])).status, 0);
    assert.equal((await check(['--fail-on', 'warning', file])).status, 1);
    assert.equal((await check(['--fail-on=info', `${FIX}/version`])).status, 1);
    assert.equal((await check(['--fail-on=warning', `${FIX}/version`])).status, 0);
  });

  it('--quiet prints only what fails the run, and nothing when it passes', async () => {
    const failing = await check(['--quiet', `${FIX}/mixed`]);
    assert.equal(failing.status, 1);
    const lines = failing.stdout.trimEnd().split('\n').filter((l) => LINE.test(l));
    assert.deepEqual(lines.map((l) => LINE.exec(l)[4]), ['error', 'error']);
    assert.match(failing.stdout, /2 errors, 1 warning, 1 info in 2 files\n$/);
    const passing = await check(['-q', `${FIX}/mixed/info.yaml`]);
    assert.deepEqual([passing.status, passing.stdout], [0, '']);
  });

  it('colours a terminal, unless NO_COLOR is set', { skip: !hasScript() && 'util-linux script is not installed' }, async () => {
    const tty = (env) => spawnSync('script', ['-qec', `"${process.execPath}" "${CHECK}" ${FIX}/mixed`, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } }).stdout;
    assert.match(tty({ NO_COLOR: '' }), /\x1b\[31merror\x1b\[0m/);
    assert.doesNotMatch(tty({ NO_COLOR: '1' }), /\x1b\[/);
  });

  it('--help and --version exit 0; the version is the package version', async () => {
    const help = await check(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: istio-yaml-check/);
    const pkg = JSON.parse(readFileSync(path.join(root, 'server/package.json'), 'utf8'));
    assert.equal((await check(['--version'])).stdout.trim(), pkg.version);
  });

  it('exits 2 with a message on stderr for usage errors and missing paths, and checks nothing', async () => {
    for (const args of [[], ['--bogus', FIX], ['--fail-on', 'fatal', FIX], ['--format'], ['--suppress', '=VirtualService x', FIX], ['--suppress', 'IST0101=VirtualService', FIX], ['--istio-version', 'latest', FIX]]) {
      const r = await check(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^istio-yaml-check: /);
      assert.equal(r.stdout, '');
    }
    const missing = await check([`${FIX}/clean`, `${FIX}/no-such-folder`, 'nope.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no-such-folder: no such file or folder/);
    assert.match(missing.stderr, /nope\.yaml: no such file or folder/);
    assert.equal(missing.stdout, '');
  });
});

describe('istio-yaml-check: JSON and SARIF', { concurrency: true }, () => {
  it('--format json has the documented, stable shape with 1-based positions', async () => {
    const { status, report } = await json([`${FIX}/mixed`, `${FIX}/clean`]);
    assert.equal(status, 1);
    assert.equal(report.version, 1);
    assert.deepEqual(report.tool, { name: 'istio-yaml-check', version: '0.1.0' });
    assert.deepEqual(report.files.map((f) => f.path), [`${FIX}/mixed/errors.yaml`, `${FIX}/mixed/info.yaml`, `${FIX}/clean/notes.yml`, `${FIX}/clean/routing.yaml`]);
    const [first] = report.files[0].diagnostics;
    assert.deepEqual(Object.keys(first), ['line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'rule', 'message']);
    assert.deepEqual({ ...first, message: undefined }, { line: 13, column: 14, endLine: 13, endColumn: 16, severity: 'error', code: 'IST0106', rule: 'cel', message: undefined });
    assert.equal(typeof first.message, 'string');
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.summary, { files: 4, errors: 2, warnings: 1, infos: 1, skipped: 0 });
  });

  describe('--format sarif', () => {
    let validate;
    before(() => {
      const Ajv = require('ajv-draft-04');
      const addFormats = require('ajv-formats');
      // The SARIF 2.1.0 schema uses a pattern that is invalid as a unicode regexp.
      const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
      addFormats(ajv);
      validate = ajv.compile(JSON.parse(readFileSync(path.join(root, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8')));
    });

    it('is valid SARIF 2.1.0 (and the validator does reject a broken log)', async () => {
      const r = await check(['--format', 'sarif', FIX]);
      assert.equal(r.status, 1);
      const log = JSON.parse(r.stdout);
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const broken = structuredClone(log);
      broken.runs[0].results[0].level = 'fatal';
      assert.equal(validate(broken), false);
    });

    it('names the tool and its rules, and locates results relative to the working directory', async () => {
      const log = JSON.parse((await check(['--format', 'sarif', `${FIX}/mixed`, `${FIX}/crossfile/virtualservice.yaml`])).stdout);
      assert.equal(log.version, '2.1.0');
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'istio-yaml-check');
      assert.equal(run.tool.driver.version, '0.1.0');
      assert.match(run.tool.driver.informationUri, /^https:\/\//);
      const rules = Object.fromEntries(run.tool.driver.rules.map((r) => [r.id, r]));
      assert.deepEqual(Object.keys(rules).sort(), ['IST0101', 'IST0106', 'IST0130']);
      assert.equal(rules.IST0101.helpUri, 'https://istio.io/latest/docs/reference/config/analysis/ist0101/');
      for (const r of Object.values(rules)) assert.ok(r.shortDescription.text.length > 0);
      const result = run.results.find((x) => x.ruleId === 'IST0101');
      assert.equal(result.level, 'error');
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'IST0101');
      assert.deepEqual(result.locations[0].physicalLocation, {
        artifactLocation: { uri: `${FIX}/crossfile/virtualservice.yaml`, uriBaseId: '%SRCROOT%' },
        region: { startLine: 13, startColumn: 17, endLine: 13, endColumn: 19 },
      });
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${root}/`);
      assert.deepEqual(run.results.map((x) => x.level).sort(), ['error', 'error', 'error', 'note', 'warning']);
    });

    it('links our own codes to docs/diagnostics.md', async () => {
      const log = JSON.parse((await check(['--format', 'sarif', '-'], { input: 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: a\n  name: b\n' })).stdout);
      const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'yaml-duplicate-key');
      assert.match(rule.helpUri, /\/docs\/diagnostics\.md#yaml-duplicate-key$/);
      assert.ok(validate(log), JSON.stringify(validate.errors));
    });
  });
});

describe('istio-yaml-check: inputs', { concurrency: true }, () => {
  let tmp;
  before(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'istio-cli-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads standard input for -', async () => {
    const text = readFileSync(path.join(root, FIX, 'mixed/errors.yaml'), 'utf8');
    const { status, report } = await json(['-'], { input: text });
    assert.equal(status, 1);
    assert.deepEqual(findings(report), [['-', 13, 'IST0106'], ['-', 15, 'IST0106']]);
  });

  it('reports binary and non-UTF-8 files as file-unreadable and goes on with the rest', async () => {
    const dir = path.join(tmp, 'bad');
    rmSync(dir, { recursive: true, force: true });
    writeWorkspace(dir, 3, 5);
    writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('kind: Gateway\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: a\n  name: b\n', 'utf16le')]));
    const { status, report } = await json(['.'], { cwd: dir });
    assert.equal(status, 1);
    const byPath = Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics]));
    assert.deepEqual(byPath['binary.yaml'].map((d) => [d.code, d.line, d.column, d.severity]), [['file-unreadable', 3, 1, 'error']]);
    assert.match(byPath['binary.yaml'][0].message, /binary/);
    assert.deepEqual(byPath['latin1.yaml'].map((d) => [d.code, d.line, d.column]), [['file-unreadable', 3, 12]]);
    assert.match(byPath['latin1.yaml'][0].message, /UTF-8.*0xE9/);
    assert.deepEqual(byPath['utf16.yaml'].map((d) => d.code), ['yaml-duplicate-key'], 'UTF-16 with a BOM is decoded');
    assert.equal(report.summary.files, 6, 'the generated files were checked too');
  });

  it('skips files over 5 MB with a notice, and says so in JSON and SARIF', async () => {
    const dir = path.join(tmp, 'huge');
    writeWorkspace(dir, 2, 9);
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, `# padding\n${'x: 1\n'.repeat(1_100_000)}`);
    const r = await json(['.'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /skipped big\.yaml: larger than 5 MB/);
    assert.deepEqual(r.report.skipped.map((s) => s.path), ['big.yaml']);
    assert.equal(r.report.summary.skipped, 1);
    assert.equal(r.report.summary.files, 2);
    const sarif = JSON.parse((await check(['--format', 'sarif', '.'], { cwd: dir })).stdout);
    assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /big\.yaml/);
  });

  it('walks folders for *.yaml and *.yml, skipping .git and node_modules; files given by name are checked whatever their extension', async () => {
    const dir = path.join(tmp, 'walk');
    const bad = readFileSync(path.join(root, FIX, 'mixed/errors.yaml'));
    for (const f of ['a.yaml', 'b.YML', 'sub/c.yml', '.git/d.yaml', 'node_modules/e.yaml', 'notes.txt']) {
      const full = path.join(dir, f);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, bad);
    }
    const { report } = await json(['.', 'notes.txt'], { cwd: dir });
    assert.deepEqual(report.files.map((f) => f.path), ['a.yaml', 'b.YML', 'sub/c.yml', 'notes.txt']);
  });

  it('--ignore skips matching files and folders, by name at any depth or by path', async () => {
    assert.equal((await check([`${FIX}/ignore`])).status, 1);
    const { status, report } = await json(['--ignore', 'vendor', '--ignore', '*.gen.yaml', `${FIX}/ignore`]);
    assert.equal(status, 0);
    assert.deepEqual(report.files.map((f) => f.path), [`${FIX}/ignore/app.yaml`]);
    const byPath = (await json(['--ignore', `${FIX}/ignore/vendor/**`, `${FIX}/ignore`])).report;
    assert.deepEqual(byPath.files.map((f) => path.basename(f.path)), ['app.yaml', 'rendered.gen.yaml']);
    const explicit = (await json(['--ignore', 'vendor', `${FIX}/ignore/vendor/broken.yaml`])).report;
    assert.deepEqual(explicit.files, [], 'a file given by name is ignored too');
  });
});

describe('istio-yaml-check: one workspace, settings and suppressions', { concurrency: true }, () => {
  it('checks all inputs as one workspace: a subset defined in another file resolves', async () => {
    const both = await json([`${FIX}/crossfile`]);
    assert.deepEqual([both.status, findings(both.report)], [0, []]);
    const alone = await json([`${FIX}/crossfile/virtualservice.yaml`]);
    assert.equal(alone.status, 1);
    assert.deepEqual(findings(alone.report), [[`${FIX}/crossfile/virtualservice.yaml`, 13, 'IST0101']]);
    assert.equal(alone.report.files[0].diagnostics[0].severity, 'error');
    const two = await json([`${FIX}/crossfile/virtualservice.yaml`, `${FIX}/crossfile/destinationrule.yaml`]);
    assert.deepEqual(findings(two.report), [], 'files given one by one form one workspace too');
  });

  it('--no-cross-file skips the checks that look at other files', async () => {
    const r = await json(['--no-cross-file', `${FIX}/crossfile/virtualservice.yaml`]);
    assert.deepEqual([r.status, findings(r.report)], [0, []]);
  });

  it('--namespace places resources that have none', async () => {
    assert.deepEqual(findings((await json([`${FIX}/namespace`])).report).map((f) => f[2]), ['IST0101']);
    assert.deepEqual(findings((await json(['--namespace', 'shop', `${FIX}/namespace`])).report), []);
  });

  it('--istio-version drives version-dependent rules', async () => {
    const old = (await json(['--istio-version', '1.14', `${FIX}/version`])).report.files[0].diagnostics;
    const now = (await json(['--istio-version=1.30', `${FIX}/version`])).report.files[0].diagnostics;
    assert.deepEqual(old.map((d) => d.severity), ['warning']);
    assert.deepEqual(now.map((d) => d.severity), ['info']);
  });

  it('honours the galley.istio.io/analyze-suppress annotation for every finding of that resource only', async () => {
    const { report } = await json([`${FIX}/suppress`]);
    assert.deepEqual(findings(report), [[`${FIX}/suppress/annotated.yaml`, 30, 'IST0106']]);
  });

  it('--suppress takes a code (with * wildcards) or CODE=Kind name', async () => {
    const all = async (args) => findings((await json([...args, `${FIX}/mixed`])).report).map(([p, l, c]) => `${path.basename(p)}:${l}:${c}`).sort();
    assert.deepEqual(await all([]), ['errors.yaml:13:IST0106', 'errors.yaml:15:IST0106', 'info.yaml:11:IST0106', 'info.yaml:18:IST0130']);
    assert.deepEqual(await all(['--suppress', 'IST0106']), ['info.yaml:18:IST0130']);
    assert.deepEqual(await all(['-s', 'IST01*']), []);
    assert.deepEqual(await all(['--suppress', 'IST0106=VirtualService shop/ratings']), ['info.yaml:11:IST0106', 'info.yaml:18:IST0130']);
    assert.deepEqual(await all(['--suppress', 'IST0106=VirtualService ratings.shop', '--suppress', 'IST0130=virtualservice details']), ['info.yaml:11:IST0106']);
    assert.equal((await all(['--suppress', 'IST0106=VirtualService other/ratings'])).length, 4, 'another namespace does not match');
    assert.deepEqual(await all(['--suppress', 'unknown-field']), ['errors.yaml:13:IST0106', 'info.yaml:11:IST0106', 'info.yaml:18:IST0130'], 'a rule id stands for a code');
  });
});

describe('istio-yaml-check: generated workspaces', { concurrency: true }, () => {
  it('the generator is deterministic and makes exactly the files asked for', async () => {
    const a = generateWorkspace(120, 3);
    assert.equal(Object.keys(a.files).length, 120);
    assert.deepEqual(generateWorkspace(120, 3), a);
    assert.notDeepEqual(generateWorkspace(120, 4).files, a.files);
  });

  it('finds every deliberate error of a generated workspace and nothing else', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'istio-gen-'));
    try {
      const { injected } = writeWorkspace(tmp, 200, 106);
      assert.deepEqual(injected.map((i) => i.kind).sort(), ['bad-duration', 'missing-subset', 'syntax', 'unknown-field'], 'this seed gives one error of each kind');
      const { report } = await json(['.'], { cwd: tmp });
      const failing = report.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error')).map((f) => f.path).sort();
      assert.deepEqual(failing, [...new Set(injected.map((i) => i.file))].sort());
      const missing = injected.filter((i) => i.kind === 'missing-subset').map((i) => i.file);
      for (const f of missing) assert.ok(report.files.find((x) => x.path === f).diagnostics.some((d) => d.code === 'IST0101'), f);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('shows progress on a terminal for large trees', { skip: !hasScript() && 'util-linux script is not installed' }, async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'istio-progress-'));
    try {
      writeWorkspace(tmp, 200, 2);
      const out = spawnSync('script', ['-qec', `"${process.execPath}" "${CHECK}" --no-cross-file .`, '/dev/null'], { cwd: tmp, encoding: 'utf8' }).stdout;
      assert.match(out, /\r checked 200\/200 files/);
      const piped = await check(['--no-cross-file', '.'], { cwd: tmp });
      assert.doesNotMatch(piped.stderr, /checked/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

function hasScript() {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
}
