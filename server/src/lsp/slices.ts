/**
 * Long work in slices: the steps run for about `sliceMs`, then the event
 * loop gets a few turns (setImmediate runs after pending I/O, so the
 * connection reads what arrived and answers the queued requests), then the
 * next slice, while the work is still wanted. Used for the first validation of a big
 * file, pushed (diagnosticsScheduler.ts) or pulled (server.ts).
 */

/** How slices pause and keep time (tests replace them). */
export interface Slicing {
  readonly sliceMs: number;
  readonly pause: () => Promise<void>;
  readonly now: () => number;
}

/**
 * A message passes through setImmediate three times in vscode-jsonrpc (the
 * reader's semaphore, the connection's queue, the writer's semaphore), one
 * event-loop turn each: a pause of one turn would let a request advance one
 * hop per slice, three slices to an answer. A pause of four turns lets it
 * through between two slices; idle turns cost microseconds.
 */
const TURNS = 4;

const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

export const SLICING: Slicing = {
  sliceMs: 10,
  pause: async () => {
    for (let i = 0; i < TURNS; i++) await nextTurn();
  },
  now: () => performance.now(),
};

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
