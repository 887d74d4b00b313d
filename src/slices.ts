/**
 * Long work written as a generator that yields after each small step, run either at once or
 * in slices with a turn of the event loop between them, so that a running bot keeps
 * answering (timers, sockets, answers in progress) while the work goes on.
 */

/** Runs every step now. */
export function drain(steps: Iterator<unknown>): void {
  while (!steps.next().done);
}

/** Runs the steps in slices of about `sliceMs`, giving the event loop a turn between slices. */
export async function inSlices(steps: Iterator<unknown>, sliceMs: number): Promise<void> {
  for (;;) {
    const until = performance.now() + sliceMs;
    for (;;) {
      if (steps.next().done) return;
      if (performance.now() >= until) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
