/**
 * Work in steps: the core offers some long computations (parsing a file,
 * validating it) as generators that yield between units of work, so that a
 * server can pause between them and answer other requests. The core itself
 * never pauses; this runs steps to the end.
 */
export function drain<T>(steps: Iterator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
