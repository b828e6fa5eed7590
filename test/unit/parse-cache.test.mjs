// The server's parse cache (server/src/lsp/parseCache.ts, from tsc's output server/out/) with the
// real core parser: a first parse can run in steps (one per `---` section), which a request that
// needs the parse finishes at once; later versions are parsed in one go against the last parse.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { core, root } from '../helpers/core.mjs';

const { ParseCache } = createRequire(import.meta.url)(path.join(root, 'server/out/lsp/parseCache.js'));
const URI = 'file:///big.yaml';
const RESOURCE = (i) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr${i}\nspec:\n  host: svc${i}\n  subsets:\n  - name: v1\n    labels: {version: v1}\n`;
const TEXT = Array.from({ length: 40 }, (_, i) => RESOURCE(i)).join('---\n');
const doc = (version, text = TEXT) => ({ uri: URI, version, getText: () => text });

function cache() {
  const service = core.getLanguageService();
  const calls = [];
  const c = new ParseCache((text, previous) => {
    calls.push({ previous: previous !== undefined });
    return service.parseFileSteps(text, previous);
  });
  return { c, calls, service };
}

/** What a fresh parse gives, for comparison (documents' kinds, names and ranges). */
const shape = (file) => file.docs.map((d) => [d.start, d.end, d.resource?.resourceKind, d.yaml.get('metadata')?.get('name')]);

describe('parse cache', () => {
  it('a first parse runs in steps, one per section; the result is what parseFile gives, cached for the version', () => {
    const { c, service } = cache();
    const steps = c.begin(doc(1));
    let n = 0;
    while (!steps.next().done) n++;
    assert.equal(n, 40);
    const parsed = c.get(doc(1));
    assert.deepEqual(shape(parsed), shape(service.parseFile(TEXT)));
    assert.equal(c.get(doc(1)), parsed, 'not cached');
    assert.equal(c.begin(doc(1)).next().done, true, 'a cached version has no steps');
  });

  it('a request that needs the parse before the steps are done finishes them; the steps then report done', () => {
    const { c, calls } = cache();
    const steps = c.begin(doc(1));
    for (let i = 0; i < 5; i++) assert.equal(steps.next().done, false);
    const parsed = c.get(doc(1));
    assert.equal(parsed.docs.length, 40);
    assert.equal(steps.next().done, true);
    assert.equal(calls.length, 1, 'parsed twice');
    assert.equal(c.begin(doc(1)).next().done, true);
  });

  it('the same version asked for twice while under way shares one parse', () => {
    const { c, calls } = cache();
    const a = c.begin(doc(1));
    a.next();
    const b = c.begin(doc(1));
    while (!b.next().done);
    assert.equal(a.next().done, true);
    assert.equal(calls.length, 1);
  });

  it('a later version is parsed at once against the last parse: unchanged documents are the same objects', () => {
    const { c, calls } = cache();
    const first = c.get(doc(1));
    const edited = TEXT.replace('host: svc7', 'host: svc7b');
    assert.equal(c.begin(doc(2, edited)).next().done, true, 'an edit was parsed in steps');
    const second = c.get(doc(2, edited));
    assert.deepEqual(calls.map((x) => x.previous), [false, true]);
    assert.equal(second.docs[0], first.docs[0]);
    assert.notEqual(second.docs[7], first.docs[7]);
    assert.equal(second.docs[7].yaml.getIn(['spec', 'host']), 'svc7b');
  });

  it('a first parse still under way when the text changes is finished, then serves as the previous parse', () => {
    const { c, calls } = cache();
    const steps = c.begin(doc(1));
    steps.next();
    const edited = TEXT.replace('name: dr39', 'name: last');
    const second = c.get(doc(2, edited));
    assert.deepEqual(calls.map((x) => x.previous), [false, true]);
    assert.equal(second.docs[39].yaml.getIn(['metadata', 'name']), 'last');
    assert.equal(steps.next().done, true);
  });

  it('new text under a version already parsed is parsed again (a misbehaving client)', () => {
    const { c } = cache();
    c.get(doc(1));
    const other = c.get(doc(1, RESOURCE(99)));
    assert.equal(other.docs.length, 1);
  });

  it('a closed document drops a first parse under way; reopened, it is parsed afresh', () => {
    const { c, calls } = cache();
    c.begin(doc(1)).next();
    c.delete(URI);
    assert.equal(c.get(doc(1)).docs.length, 40);
    assert.deepEqual(calls.map((x) => x.previous), [false, false]);
  });
});
