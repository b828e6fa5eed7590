// Kustomize (issue 8): a file that a kustomization lists as a patch is a
// partial resource. No "missing" storm, but what the patch sets is checked;
// a JSON6902 patch gets nothing; without a kustomization nothing is guessed.
// Fixture: test/fixtures/kustomize (base/ and overlays/prod/).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/core.mjs';
import { workspace } from '../helpers/workspace.mjs';

const DIR = path.join(root, 'test/fixtures/kustomize');
const ERROR = 1;

/** Every file of the fixture: { 'overlays/prod/x.yaml': text }. */
function fixtureFiles(dir = DIR, out = {}) {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) fixtureFiles(full, out);
    else out[path.relative(DIR, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return out;
}
const FILES = fixtureFiles();
const compact = (ds) => ds.map((d) => [d.code, d.rule, d.severity, d.range]);
const diagnose = (files, name) => compact(workspace(files).diagnose(name));

const VS_PATCH = 'overlays/prod/virtualservice-patch.yaml';
const DR_PATCH = 'overlays/prod/destinationrule-patch.yaml';
const JSON_PATCH = 'overlays/prod/retries-patch.yaml';
const OVERLAY = 'overlays/prod/kustomization.yaml';

describe('kustomize: the fixture (base + prod overlay)', () => {
  for (const name of Object.keys(FILES)) {
    it(`no diagnostics: ${name}`, () => assert.deepEqual(diagnose(FILES, name), []));
  }
});

describe('kustomize: without the kustomization that lists them, patches are whole resources', () => {
  const { [OVERLAY]: _, ...alone } = FILES;
  it('the DestinationRule patch misses its host and has a subset without labels', () =>
    assert.deepEqual(diagnose(alone, DR_PATCH), [
      ['subset-without-labels', 'subset-without-labels', 2, '12:11-12:13'],
      ['IST0106', 'missing-required', ERROR, '5:1-5:5'],
    ]));
  it('the VirtualService patch routes to a subset only the DestinationRule patch adds', () =>
    assert.deepEqual(diagnose(alone, VS_PATCH), [['IST0101', 'subset-not-found', ERROR, '16:17-16:19']]));
});

describe('kustomize: what a patch sets is still checked', () => {
  it('an unknown field, a wrong type and a bad enum value', () => {
    const files = {
      ...FILES,
      [VS_PATCH]: FILES[VS_PATCH].replace('    timeout: 3s', '    timeoutz: 3s'),
      [DR_PATCH]: FILES[DR_PATCH].replace('simple: LEAST_REQUEST', 'simple: LEAST_REQUESTS').replace('http1MaxPendingRequests: 100', 'http1MaxPendingRequests: lots'),
    };
    assert.deepEqual(diagnose(files, VS_PATCH), [['IST0106', 'unknown-field', ERROR, '8:5-8:13']]);
    assert.deepEqual(diagnose(files, DR_PATCH), [
      ['IST0106', 'type', ERROR, '9:34-9:38'],
      ['IST0106', 'enum', ERROR, '15:17-15:31'],
    ]);
  });
  it('a subset that no DestinationRule (base or patch) defines is still "not found"', () => {
    const files = { ...FILES, [VS_PATCH]: FILES[VS_PATCH].replace('subset: v3', 'subset: v4') };
    assert.deepEqual(diagnose(files, VS_PATCH), [['IST0101', 'subset-not-found', ERROR, '16:17-16:19']]);
  });
  it('Kustomize directives ($patch, $setElementOrder) are not unknown fields', () => {
    const patch = FILES[DR_PATCH].replace('  subsets:\n', '  $setElementOrder/subsets:\n  - name: v2\n  subsets:\n  - name: v1\n    $patch: delete\n');
    assert.deepEqual(diagnose({ ...FILES, [DR_PATCH]: patch }, DR_PATCH), []);
  });
});

describe('kustomize: JSON6902 patches', () => {
  it('get no diagnostics, listed under patchesJson6902 or (told by their content) under patches', () => {
    assert.deepEqual(diagnose(FILES, JSON_PATCH), []);
    const overlay = FILES[OVERLAY].replace('patches:\n- path: destinationrule-patch.yaml\n', 'patches:\n- path: destinationrule-patch.yaml\n- path: ops.yaml\n');
    const ops = '- op: add\n  path: /spec/hosts/-\n  value: reviews.example.com\n';
    assert.deepEqual(diagnose({ ...FILES, [OVERLAY]: overlay, 'overlays/prod/ops.yaml': ops }, 'overlays/prod/ops.yaml'), []);
  });
});

describe('kustomize: which files are patches', () => {
  const partialVs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  http:\n  - timeout: 3s\n';
  const routeMissing = [['IST0106', 'route-missing', ERROR, '7:5-7:12']];
  it('a partial resource that no kustomization lists is judged as a whole', () => {
    assert.deepEqual(diagnose({ 'app/vs.yaml': partialVs }, 'app/vs.yaml'), routeMissing);
    assert.deepEqual(diagnose({ ...FILES, 'overlays/prod/unlisted.yaml': partialVs }, 'overlays/prod/unlisted.yaml'), routeMissing);
  });
  it('paths resolve against the kustomization folder: ./, ../ and escaped characters', () => {
    const k = 'patches:\n- path: ./patches/vs%20patch.yaml\n- path: ../shared/vs.yaml\n';
    const files = { 'my%20app/prod/kustomization.yml': k, 'my%20app/prod/patches/vs%20patch.yaml': partialVs, 'my%20app/shared/vs.yaml': partialVs, 'my%20app/prod/vs.yaml': partialVs };
    assert.deepEqual(diagnose(files, 'my%20app/prod/patches/vs%20patch.yaml'), []);
    assert.deepEqual(diagnose(files, 'my%20app/shared/vs.yaml'), []);
    assert.deepEqual(diagnose(files, 'my%20app/prod/vs.yaml'), routeMissing);
  });
  it('a kustomization is known by its apiVersion and kind whatever its file name', () => {
    const k = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatchesStrategicMerge:\n- vs.yaml\n';
    assert.deepEqual(diagnose({ 'prod/overlay.yaml': k, 'prod/vs.yaml': partialVs }, 'prod/vs.yaml'), []);
    const notOne = 'apiVersion: v1\nkind: ConfigMap\npatchesStrategicMerge:\n- vs.yaml\n';
    assert.deepEqual(diagnose({ 'prod/overlay.yaml': notOne, 'prod/vs.yaml': partialVs }, 'prod/vs.yaml'), routeMissing);
  });
  it('removing the kustomization (or the entry) makes the file a whole resource again', () => {
    const ws = workspace({ ...FILES, 'overlays/prod/partial.yaml': partialVs });
    ws.change(OVERLAY, FILES[OVERLAY].replace('- virtualservice-patch.yaml\n', '- virtualservice-patch.yaml\n- partial.yaml\n'));
    assert.deepEqual(compact(ws.diagnose('overlays/prod/partial.yaml')), []);
    ws.change(OVERLAY, FILES[OVERLAY]);
    assert.deepEqual(compact(ws.diagnose('overlays/prod/partial.yaml')), routeMissing);
  });
});
