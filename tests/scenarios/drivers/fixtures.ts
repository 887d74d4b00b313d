/** The platforms' request fixtures (tests/fixtures/platforms), fresh copies each time. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../fixtures/platforms/', import.meta.url));

// Values any fixture may hold: the drivers replace some fields and keep the rest.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Fixture = Record<string, any>;

export function fixture(path: string): Fixture {
  return JSON.parse(readFileSync(`${DIR}${path}`, 'utf8')) as Fixture;
}
