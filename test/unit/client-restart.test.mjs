// The VS Code client's policy for a language server that dies (client/src/restartPolicy.ts,
// loaded from tsc's output client/out/ because it needs no `vscode`): restart it, tell the
// user once, and give up after too many deaths in a short time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/core.mjs';

const { RestartPolicy, MAX_RESTARTS, RESTART_WINDOW_MS } = createRequire(import.meta.url)(path.join(root, 'client/out/restartPolicy.js'));
const MINUTE = 60 * 1000;

function policyAt(times) {
  let i = 0;
  const policy = new RestartPolicy(() => times[i++]);
  return times.map(() => policy.onClosed());
}

describe('client: restarting a server that died', () => {
  it('restarts it and warns the user once, however many times it dies', () => {
    const decisions = policyAt([0, 2 * MINUTE, 10 * MINUTE, 20 * MINUTE]);
    assert.deepEqual(decisions.map((d) => d.restart), [true, true, true, true]);
    assert.deepEqual(decisions.map((d) => d.message?.severity), ['warning', undefined, undefined, undefined]);
  });

  it(`gives up (with an error message) on death number ${MAX_RESTARTS + 1} within the window`, () => {
    const decisions = policyAt(Array.from({ length: MAX_RESTARTS + 1 }, (_, k) => k * 1000));
    assert.deepEqual(decisions.slice(0, MAX_RESTARTS).map((d) => d.restart), Array(MAX_RESTARTS).fill(true));
    const last = decisions.at(-1);
    assert.equal(last.restart, false);
    assert.equal(last.message?.severity, 'error');
    assert.match(last.message.text, /will not be restarted/);
  });

  it('forgets deaths older than the window', () => {
    const spaced = Array.from({ length: 3 * MAX_RESTARTS }, (_, k) => k * (RESTART_WINDOW_MS / MAX_RESTARTS + 1));
    assert.ok(policyAt(spaced).every((d) => d.restart));
  });

  it('is the policy the extension uses', () => {
    const src = readFileSync(path.join(root, 'client/src/extension.ts'), 'utf8');
    assert.match(src, /errorHandler: restartingErrorHandler\(\)/);
    assert.match(src, /new RestartPolicy\(\)/);
    assert.match(src, /decision\.restart \? CloseAction\.Restart : CloseAction\.DoNotRestart/);
  });
});
