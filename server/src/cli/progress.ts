/**
 * A progress line on stderr (`\r checked 350/1000 files`) for large trees,
 * only when stderr is a terminal; erased when the work is done.
 */
export interface Progress {
  update(phase: 'parsing' | 'checking', done: number, total: number): void;
  finish(): void;
}

export const PROGRESS_MIN_FILES = 200;
const INTERVAL_MS = 100;

export function createProgress(out: { isTTY?: boolean; write(s: string): unknown }, enabled: boolean): Progress {
  let last = 0;
  let shown = false;
  return {
    update(phase, done, total) {
      if (!enabled || !out.isTTY || total < PROGRESS_MIN_FILES) return;
      const now = Date.now();
      if (now - last < INTERVAL_MS && done !== total) return;
      last = now;
      shown = true;
      out.write(`\r ${phase === 'parsing' ? 'parsed' : 'checked'} ${done}/${total} files\x1b[K`);
    },
    finish() {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
  };
}
