/**
 * The SeenStore: in memory, and in SQL over PGlite (always) and a real PostgreSQL (when
 * TEST_DATABASE_URL is set), where two stores stand for two instances on one database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySeenStore } from '../../src/seen-store.ts';
import { SEEN_DATABASES } from '../helpers/seen-stores.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('createMemorySeenStore', () => {
  it('remembers a key for the TTL, then forgets it', async () => {
    let now = 0;
    const seen = createMemorySeenStore({ ttlMs: 600_000, now: () => now });
    expect(await seen.firstSeen('Ev1')).toBe(true);
    now = 599_999;
    expect([await seen.firstSeen('Ev1'), await seen.firstSeen('Ev2')]).toEqual([false, true]);
    now = 600_001;
    expect(await seen.firstSeen('Ev1')).toBe(true);
    expect(seen.size).toBe(2);
  });

  it('bounds memory, forgetting the oldest keys first', () => {
    const seen = createMemorySeenStore({ maxEntries: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c', 'd']) seen.firstSeenNow(key);
    expect(seen.size).toBe(3);
    expect(seen.firstSeenNow('d')).toBe(false);
    expect(seen.firstSeenNow('a')).toBe(true);
  });
});

describe.each(SEEN_DATABASES)('the SQL SeenStore on %s', (_name, database) => {
  it('two instances: a key is first for exactly one of them, and again only after it expires', async () => {
    let now = 1_000_000;
    const db = await database();
    cleanups.push(() => db.cleanup());
    const options = { ttlMs: 600_000, now: () => now, sweepEveryMs: 1000 };
    const [a, b] = [await db.open(options), await db.open(options)];
    const key = `slack:event:Ev${Math.random()}`;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).firstSeen(key)));
    expect(results.filter(Boolean)).toHaveLength(1);
    now += 599_999;
    expect(await b.firstSeen(key)).toBe(false);
    now += 2;
    expect(await a.firstSeen(key)).toBe(true);
    expect(await b.firstSeen(key)).toBe(false);
    expect(await a.firstSeen(`${key}-other`)).toBe(true);
  });
});
