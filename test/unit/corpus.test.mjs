// Valid manifests must get no errors: our own fixtures always, and Istio's
// samples and real-world projects' manifests when ../shared is present.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { core, root, service, textDocument } from '../helpers/core.mjs';

function yamlFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

function problems(files) {
  const out = [];
  let istioDocs = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const parsed = service.parseFile(text);
    istioDocs += parsed.docs.filter((d) => d.resource?.kind === 'istio').length;
    for (const d of service.doValidation(textDocument(text), parsed)) {
      if (d.severity === 1) out.push(`${path.relative(root, f)}:${d.range.start.line + 1} ${d.code} ${d.message}`);
    }
  }
  return { out, istioDocs };
}

describe('no false errors on valid manifests', () => {
  it('our own fixtures', () => {
    const { out, istioDocs } = problems(yamlFiles(path.join(root, 'test/fixtures/valid')));
    assert.ok(istioDocs >= 11, `${istioDocs} Istio documents`);
    assert.deepEqual(out, []);
  });
  for (const corpus of ['samples', 'realworld']) {
    const dir = path.join(root, '../shared/istio', corpus);
    it(`../shared/istio/${corpus}`, { skip: !existsSync(dir) && 'needs ../shared' }, () => {
      const { out, istioDocs } = problems(yamlFiles(dir));
      assert.ok(istioDocs > 20, `${istioDocs} Istio documents`);
      assert.deepEqual(out, []);
    });
  }
  // Cross-file checks: the whole folder is indexed first, as the server does for a workspace folder.
  for (const corpus of ['samples', 'realworld']) {
    const dir = path.join(root, '../shared/istio', corpus);
    it(`../shared/istio/${corpus} as one workspace`, { skip: !existsSync(dir) && 'needs ../shared' }, () => {
      const ws = core.getLanguageService();
      const files = yamlFiles(dir).map((f) => {
        const text = readFileSync(f, 'utf8');
        const uri = `file://${f}`;
        const parsed = ws.parseFile(text);
        ws.indexFile(uri, parsed);
        return { f, text, uri, parsed };
      });
      assert.ok([...ws.workspace.resources('DestinationRule')].length > 5, 'the folder holds DestinationRules to check against');
      const out = [];
      for (const { f, text, uri, parsed } of files) {
        for (const d of ws.doValidation(textDocument(text, uri), parsed)) {
          if (d.severity === 1) out.push(`${path.relative(root, f)}:${d.range.start.line + 1} ${d.code} ${d.message}`);
        }
      }
      assert.deepEqual(out, []);
    });
  }
});
