/** The platforms' request fixtures (tests/fixtures/platforms), fresh copies each time. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../fixtures/platforms/', import.meta.url));

/** A payload as JSON gives it: the drivers replace some fields and keep the rest. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are the platforms' JSON, read and patched by deep paths the drivers know
export type Fixture = Record<string, any>;

export function fixture(path: string): Fixture {
  return JSON.parse(readFileSync(`${DIR}${path}`, 'utf8')) as Fixture;
}
