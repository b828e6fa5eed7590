/**
 * Long work in slices: the steps run for about `sliceMs`, then the event
 * loop gets a turn (setImmediate runs after pending I/O, so the connection
 * reads what arrived and answers the queued requests), then the next slice,
 * while the work is still wanted. Used for the first validation of a big
 * file, pushed (diagnosticsScheduler.ts) or pulled (server.ts).
 */

/** How slices pause and keep time (tests replace them). */
export interface Slicing {
  readonly sliceMs: number;
  readonly pause: () => Promise<void>;
  readonly now: () => number;
}

export const SLICING: Slicing = { sliceMs: 10, pause: () => new Promise<void>((resolve) => setImmediate(resolve)), now: () => performance.now() };

/**
 * Runs `steps` in slices while `live()`: the time spent in them, or
 * undefined when `live()` turned false at a pause. A failing step ends the
 * slicing as if done (the caller's own run of the work reports it).
 */
export async function runInSlices(steps: Iterator<void>, live: () => boolean, slicing: Slicing = SLICING): Promise<number | undefined> {
  let spent = 0;
  for (;;) {
    const start = slicing.now();
    try {
      for (;;) {
        if (steps.next().done) return spent + slicing.now() - start;
        if (slicing.now() - start >= slicing.sliceMs) break;
      }
    } catch {
      return spent + slicing.now() - start;
    }
    spent += slicing.now() - start;
    await slicing.pause();
    if (!live()) return undefined;
  }
}
