/**
 * The SeenStore: in memory, and in SQL over PGlite (always) and a real PostgreSQL (when
 * TEST_DATABASE_URL is set), where two stores stand for two instances on one database.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/digest/migrations.ts';
import { PGliteDialect } from '../../src/digest/pglite-dialect.ts';
import { memoryLogger } from '../../src/log.ts';
import { createMemorySeenStore, type SeenStore } from '../../src/seen-store.ts';
import { createSqlSeenStore, openPostgresSeenStore, type SeenTables } from '../../src/seen-store-sql.ts';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
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

type Opener = (now: () => number) => Promise<SeenStore>;

async function pgliteOpener(): Promise<Opener> {
  const pglite = new PGlite();
  const migrating = new Kysely<SeenTables>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(migrating);
  cleanups.push(() => pglite.close());
  return async (now) => createSqlSeenStore(new Kysely<SeenTables>({ dialect: new PGliteDialect(pglite) }), { ttlMs: 600_000, now, sweepEveryMs: 1000 });
}

function postgresOpener(url: string): Opener {
  const schema = `seen_test_${process.pid}_${Date.now().toString(36)}`;
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });
  return async (now) => {
    const store = await openPostgresSeenStore(url, memoryLogger(), { schema, ttlMs: 600_000, now, sweepEveryMs: 1000 });
    cleanups.push(() => store.close());
    return store;
  };
}

const backends: [string, () => Promise<Opener>][] = [
  ['PGlite', pgliteOpener],
  ...(TEST_DATABASE_URL ? [['PostgreSQL', async () => postgresOpener(TEST_DATABASE_URL)] as [string, () => Promise<Opener>]] : []),
];

describe.each(backends)('the SQL SeenStore on %s', (_name, makeOpener) => {
  it('two instances: a key is first for exactly one of them, and again only after it expires', async () => {
    let now = 1_000_000;
    const open = await makeOpener();
    const [a, b] = [await open(() => now), await open(() => now)];
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
