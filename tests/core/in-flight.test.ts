import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/in-flight.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('InFlight', () => {
  it('drain waits for tracked work, including work started while draining', async () => {
    const inFlight = new InFlight();
    const first = deferred();
    const second = deferred();
    const finished: string[] = [];
    // Not awaited on purpose: the work is tracked, and drain is what waits for it.
    void inFlight.track(first.promise.then(() => finished.push('first')));
    const draining = inFlight.drain(5000);
    void first.promise.then(() => inFlight.track(second.promise.then(() => finished.push('second'))));
    first.resolve();
    setTimeout(second.resolve, 20);
    expect(await draining).toBe(0);
    expect(finished).toEqual(['first', 'second']);
  });

  it('forgets work that failed, and returns it unchanged', async () => {
    const inFlight = new InFlight();
    const work = deferred();
    const tracked = inFlight.track(work.promise);
    expect(tracked).toBe(work.promise);
    expect(await inFlight.drain(0)).toBe(1);
    work.reject(new Error('post refused'));
    await expect(tracked).rejects.toThrow('post refused');
    expect(await inFlight.drain(1000)).toBe(0);
  });

  it('gives up after the timeout and says how much was unfinished', async () => {
    const inFlight = new InFlight();
    // Not awaited on purpose: one never settles, and drain must give up on it.
    void inFlight.track(new Promise(() => {}));
    void inFlight.track(Promise.resolve());
    const started = performance.now();
    expect(await inFlight.drain(50)).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});
