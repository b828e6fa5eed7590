// Shared by the modules of the e2e runner (../run-vscode-server.mjs): where a run keeps
// its files, the timestamped log, and small helpers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_DIR } from '../../../scripts/e2e/install-vscode-server.mjs';

const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE = path.join(E2E_DIR, 'fixture');
export const SUITE = path.join(E2E_DIR, 'suite');
export const RUNNER_EXT = path.join(E2E_DIR, 'runner-extension');
export const RUN_DIR = path.join(CACHE_DIR, 'run');
export const WORKSPACE = path.join(RUN_DIR, 'fixture'); // a fresh copy of FIXTURE per run
export const DATA = path.join(RUN_DIR, 'server-data');
export const USERDATA = path.join(RUN_DIR, 'user-data');

const t0 = Date.now();
export const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
export const log = (msg) => console.log(`[e2e ${secs().padStart(5)}s] ${msg}`);

export function delay(ms) { return new Promise((r) => setTimeout(r, ms)); }

export function tail(file, n) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return `(no ${file})`;
  }
}
