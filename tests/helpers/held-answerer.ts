import type { Answerer } from '../../src/commands/index.ts';
import { realAnswerer } from './real.ts';

/**
 * The real answerer, except that `handle()` (mentions, DMs, `digest …`) waits until `release()`,
 * as a slow database would: for tests of what happens to answers still being worked on.
 */
export function heldAnswerer() {
  const real = realAnswerer();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  const answerer: Answerer = {
    ...real,
    handle: async (text, context) => {
      started += 1;
      await gate;
      return real.handle(text, context);
    },
  };
  return { answerer, release, started: () => started };
}
