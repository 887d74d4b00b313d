import type { Request } from '../../src/commands/request.ts';
import type { Core } from '../../src/core.ts';
import { realAnswerer } from './real.ts';

/**
 * The real core, except that `answer()` waits until `release()` for the requests `holds`
 * picks (all by default), as a slow database would: for tests of what happens to answers
 * still being worked on.
 */
export function heldAnswerer(holds: (request: Request) => boolean = () => true) {
  const real = realAnswerer();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  const answerer: Core = {
    ...real,
    answer: async (request, where) => {
      if (!holds(request)) return real.answer(request, where);
      started += 1;
      await gate;
      return real.answer(request, where);
    },
  };
  return { answerer, release, started: () => started };
}
