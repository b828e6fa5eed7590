// The push-diagnostics scheduler (server/src/lsp/diagnosticsScheduler.ts, loaded from tsc's
// output server/out/, as it needs no runtime package) on a fake document store and mocked
// timers: stale results are never published over newer ones.
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../helpers/core.mjs';

const { DiagnosticsScheduler } = createRequire(import.meta.url)(path.join(root, 'server/out/lsp/diagnosticsScheduler.js'));
const URI = 'file:///a.yaml';
const MAX_DELAY = 200;

/** A fake editor: documents by uri, a validation that names the version it saw, a log of publications. */
function fakeTarget() {
  const docs = new Map();
  const published = [];
  let onValidate = () => {};
  const target = {
    get: (uri) => docs.get(uri),
    validate: (doc) => {
      const seen = doc.version;
      onValidate(doc);
      return [{ message: `validated v${seen}` }];
    },
    publish: (uri, version, diagnostics) => published.push({ uri, version, current: docs.get(uri)?.version, diagnostics }),
  };
  return {
    target,
    published,
    set: (version, uri = URI, text = `text of v${version}`) => docs.set(uri, { uri, version, getText: () => text }),
    close: (uri = URI) => docs.delete(uri),
    onValidate: (fn) => (onValidate = fn),
  };
}

/** Every publication is for the version current at that moment, with its own results, in increasing order. */
function assertNeverStale(published) {
  const versions = [];
  for (const p of published.filter((p) => p.version !== undefined)) {
    assert.equal(p.version, p.current, `published v${p.version} while the document was at v${p.current}`);
    assert.deepEqual(p.diagnostics, [{ message: `validated v${p.version}` }]);
    versions.push(p.version);
  }
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions ${versions.join(',')}`);
}

describe('diagnostics scheduler', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('validates an opened document at once, then only the last version of a burst of edits', () => {
    const f = fakeTarget();
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY);
    f.set(1);
    s.schedule(URI, true);
    mock.timers.tick(0);
    for (let v = 2; v <= 50; v++) {
      f.set(v);
      s.schedule(URI);
    }
    mock.timers.tick(MAX_DELAY * 2);
    assert.deepEqual(f.published.map((p) => p.version), [1, 50]);
    assertNeverStale(f.published);
  });

  it('drops a result when the document moved on while it was validated, then publishes the newer one', () => {
    const f = fakeTarget();
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY);
    f.set(1);
    f.onValidate((doc) => {
      if (doc.version === 1) f.set(2); // an edit lands during the validation of v1
    });
    s.schedule(URI, true);
    mock.timers.tick(0);
    assert.deepEqual(f.published, [], 'v1 results are stale: v2 exists');
    s.schedule(URI);
    mock.timers.tick(MAX_DELAY * 2);
    assert.deepEqual(f.published.map((p) => p.version), [2]);
    assertNeverStale(f.published);
  });

  it('never publishes an older version after a newer one, whatever the interleaving', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const f = fakeTarget();
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY);
    let version = 1;
    f.set(version);
    s.schedule(URI, true);
    f.onValidate(() => {
      if (random() < 0.2) f.set(++version); // sometimes an edit races the validation
    });
    for (let step = 0; step < 2000; step++) {
      const r = random();
      if (r < 0.4) {
        f.set(++version);
        s.schedule(URI);
      } else if (r < 0.5) s.refresh(URI);
      else mock.timers.tick(Math.floor(random() * MAX_DELAY));
    }
    mock.timers.tick(MAX_DELAY * 2);
    s.schedule(URI); // settle: the final version must end up published
    mock.timers.tick(MAX_DELAY * 2);
    assert.ok(f.published.length > 10, `${f.published.length} publications`);
    assertNeverStale(f.published);
    assert.equal(f.published.at(-1).version, version);
  });

  it('clears a closed document: the pending validation never publishes, the list is emptied', () => {
    const f = fakeTarget();
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY);
    f.set(1);
    s.schedule(URI);
    f.close();
    s.clear(URI);
    mock.timers.tick(MAX_DELAY * 2);
    assert.deepEqual(f.published.map((p) => [p.version, p.diagnostics]), [[undefined, []]]);
  });

  it('publishes nothing for a document that went away before its turn', () => {
    const f = fakeTarget();
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY);
    f.set(1);
    s.schedule(URI);
    f.close();
    mock.timers.tick(MAX_DELAY * 2);
    assert.deepEqual(f.published, []);
  });

  it('re-validates new text sent under a version already published (a misbehaving client)', () => {
    const f = fakeTarget();
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY);
    f.set(3, URI, 'old text');
    s.schedule(URI, true);
    mock.timers.tick(0);
    f.set(3, URI, 'new text');
    s.schedule(URI);
    mock.timers.tick(MAX_DELAY * 2);
    assert.equal(f.published.length, 2, 'the new text was not validated');
  });

  it('after a cheap validation, the next edit waits only the minimum delay', () => {
    const f = fakeTarget();
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY);
    f.set(1);
    s.schedule(URI, true);
    mock.timers.tick(0);
    f.set(2);
    s.schedule(URI);
    mock.timers.tick(1);
    assert.equal(f.published.length, 1, 'published before the minimum delay');
    mock.timers.tick(1);
    assert.equal(f.published.length, 2, 'a cheap validation was debounced by more than the minimum delay');
  });
});

/**
 * A target whose validation has a heavy part in `steps` steps of `stepMs` each (on a fake
 * clock), and a slicing whose pauses are recorded and run `duringPause` (what the connection
 * would do between slices: answer a request, receive an edit).
 */
function slicedTarget(steps, stepMs) {
  const f = fakeTarget();
  const clock = { now: 0 };
  const log = [];
  let duringPause = () => {};
  f.target.prepare = (doc) => {
    const version = doc.version;
    return (function* () {
      for (let i = 0; i < steps; i++) {
        clock.now += stepMs;
        log.push(`step v${version}`);
        yield;
      }
    })();
  };
  const slicing = {
    sliceMs: 10,
    now: () => clock.now,
    pause: async () => {
      log.push('pause');
      duringPause();
    },
  };
  return { ...f, log, slicing, duringPause: (fn) => (duringPause = fn) };
}

/** Lets the scheduler's promise chain run to the end (every pause resolves at once). */
const settle = async () => {
  for (let i = 0; i < 200; i++) await Promise.resolve();
};

describe('diagnostics scheduler: sliced validation', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('pauses every slice, and nothing is published until the last step is done', async () => {
    const f = slicedTarget(12, 4); // 48 ms of work in 10 ms slices: a pause after every third step (the fourth before learning there is no more)
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY, f.slicing);
    f.set(1);
    const seenDuringPauses = [];
    f.duringPause(() => seenDuringPauses.push(f.published.length));
    s.schedule(URI, true);
    mock.timers.tick(0);
    await settle();
    assert.deepEqual(f.log.filter((e) => e === 'pause').length, 4);
    assert.deepEqual(f.log.slice(0, 4), ['step v1', 'step v1', 'step v1', 'pause']);
    assert.deepEqual(seenDuringPauses, [0, 0, 0, 0], 'published before the validation was done');
    assert.deepEqual(f.published.map((p) => p.version), [1]);
  });

  it('an edit during the slices stops them at the next pause; only the newer version is published', async () => {
    const f = slicedTarget(12, 4);
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY, f.slicing);
    f.set(1);
    let edited = false;
    f.duringPause(() => {
      if (edited) return;
      edited = true;
      f.set(2);
      s.schedule(URI);
    });
    s.schedule(URI, true);
    mock.timers.tick(0);
    await settle();
    assert.equal(f.log.filter((e) => e === 'step v1').length, 3, 'v1 went on after the edit');
    mock.timers.tick(MAX_DELAY * 2);
    await settle();
    assert.deepEqual(f.published.map((p) => p.version), [2]);
    assertNeverStale(f.published);
  });

  it('the change event that follows an open does not restart the slices', async () => {
    const f = slicedTarget(6, 4);
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY, f.slicing);
    f.set(1);
    f.duringPause(() => s.schedule(URI)); // same version and text, as TextDocuments sends after didOpen
    s.schedule(URI, true);
    mock.timers.tick(0);
    await settle();
    mock.timers.tick(MAX_DELAY * 2);
    await settle();
    assert.equal(f.log.filter((e) => e === 'step v1').length, 6);
    assert.deepEqual(f.published.map((p) => p.version), [1]);
  });

  it('a refresh that lands during the first validation takes over its rest, and does not count it as what an edit costs', async () => {
    const f = slicedTarget(30, 4); // 120 ms of first-time work
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY, f.slicing);
    f.set(1);
    let refreshed = false;
    f.duringPause(() => {
      if (refreshed) return;
      refreshed = true;
      s.refresh(URI); // another file's facts changed (or the settings arrived) meanwhile
    });
    s.schedule(URI, true);
    mock.timers.tick(0);
    await settle();
    mock.timers.tick(MAX_DELAY);
    await settle();
    assert.deepEqual(f.published.map((p) => p.version), [1]);
    f.set(2);
    s.schedule(URI);
    mock.timers.tick(2);
    await settle();
    assert.deepEqual(f.published.map((p) => p.version), [1, 2], 'the edit after it waited for more than the minimum delay');
  });

  it('a step that throws ends the slicing; validation still runs and publishes', async () => {
    const f = slicedTarget(0, 0);
    f.target.prepare = () => ({ next: () => { throw new Error('boom'); } });
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY, f.slicing);
    f.set(1);
    s.schedule(URI, true);
    mock.timers.tick(0);
    await settle();
    assert.deepEqual(f.published.map((p) => p.version), [1]);
  });

  it('closing the document during the slices publishes nothing but the cleared list', async () => {
    const f = slicedTarget(12, 4);
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY, f.slicing);
    f.set(1);
    f.duringPause(() => {
      f.close();
      s.clear(URI);
    });
    s.schedule(URI, true);
    mock.timers.tick(0);
    await settle();
    assert.deepEqual(f.published.map((p) => [p.version, p.diagnostics]), [[undefined, []]]);
  });

  it('never publishes an older version after a newer one, whatever the interleaving of edits, refreshes and pauses', async () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const f = slicedTarget(5, 4);
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY, f.slicing);
    let version = 1;
    f.set(version);
    f.duringPause(() => {
      if (random() < 0.3) {
        f.set(++version);
        s.schedule(URI);
      } else if (random() < 0.1) s.refresh(URI);
    });
    s.schedule(URI, true);
    for (let step = 0; step < 500; step++) {
      const r = random();
      if (r < 0.3) {
        f.set(++version);
        s.schedule(URI);
      } else if (r < 0.4) s.refresh(URI);
      else mock.timers.tick(Math.floor(random() * MAX_DELAY));
      await settle();
    }
    f.duringPause(() => {});
    mock.timers.tick(MAX_DELAY * 2);
    await settle();
    s.schedule(URI);
    mock.timers.tick(MAX_DELAY * 2);
    await settle();
    assert.ok(f.published.length > 10, `${f.published.length} publications`);
    assertNeverStale(f.published);
    assert.equal(f.published.at(-1).version, version);
  });
});

describe('diagnostics scheduler: adaptive delay', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  /** A target whose validation of each version takes `costOf(version)` ms on a fake clock. */
  function timed(costOf) {
    const f = fakeTarget();
    const clock = { now: 0 };
    f.onValidate((doc) => (clock.now += costOf(doc.version)));
    const slicing = { sliceMs: 10, now: () => clock.now, pause: async () => {} };
    return { f, slicing };
  }

  /** Edits the document to `version` and tells how long its diagnostics took to come (in 1 ms ticks). */
  function editAndWait(f, s, version) {
    f.set(version);
    s.schedule(URI);
    for (let waited = 0; waited <= MAX_DELAY; waited++) {
      if (f.published.some((p) => p.version === version)) return waited;
      mock.timers.tick(1);
    }
    return Infinity;
  }

  it('one slow re-validation among cheap ones does not delay the next keystroke; a file that keeps being slow is debounced', () => {
    const slow = new Set([3, 5]); // v3: the second re-validation ever, when only two costs are known
    const { f, slicing } = timed((v) => (slow.has(v) ? 120 : v >= 10 ? 90 : 5));
    const s = new DiagnosticsScheduler(f.target, MAX_DELAY, slicing);
    f.set(1);
    s.schedule(URI, true);
    mock.timers.tick(0);
    const waits = [];
    for (let v = 2; v <= 14; v++) waits.push(editAndWait(f, s, v));
    // v3 and v5 cost 120 ms once each (a garbage collection, say): v4 and v6 still wait only the minimum.
    assert.equal(waits[4 - 2], 2);
    assert.equal(waits[6 - 2], 2);
    // From v10 on every run costs 90 ms: once that is the typical cost, edits are debounced by it.
    assert.equal(waits[14 - 2], 90);
  });
});
