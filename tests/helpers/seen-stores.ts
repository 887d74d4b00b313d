/**
 * Databases for the shared SeenStore: PGlite always, a real PostgreSQL (in a schema of its
 * own, dropped afterwards) when TEST_DATABASE_URL is set. Each `open()` is another instance:
 * its own connection to the same database.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { memoryLogger } from '../../src/log.ts';
import type { SeenStore } from '../../src/seen-store.ts';
import { migrateToLatest } from '../../stores/sql/migrations.ts';
import { createSqlSeenStore, openPostgresSeenStore, type SeenTables, type SqlSeenOptions } from '../../stores/sql/seen-store.ts';
import { PGliteDialect } from './pglite.ts';

export interface SeenDatabase {
  open(options?: SqlSeenOptions): Promise<SeenStore>;
  cleanup(): Promise<void>;
}

async function pgliteDatabase(): Promise<SeenDatabase> {
  const pglite = new PGlite();
  await migrateToLatest(new Kysely<SeenTables>({ dialect: new PGliteDialect(pglite) }));
  return {
    open: async (options) => createSqlSeenStore(new Kysely<SeenTables>({ dialect: new PGliteDialect(pglite) }), options),
    cleanup: () => pglite.close(),
  };
}

async function postgresDatabase(url: string): Promise<SeenDatabase> {
  const schema = `seen_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const opened: SeenStore[] = [];
  return {
    async open(options) {
      const store = await openPostgresSeenStore(url, memoryLogger(), { ...options, schema });
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

const url = process.env.TEST_DATABASE_URL;
export const SEEN_DATABASES: [string, () => Promise<SeenDatabase>][] = [
  ['PGlite', pgliteDatabase],
  ...(url ? [['PostgreSQL', () => postgresDatabase(url)] as [string, () => Promise<SeenDatabase>]] : []),
];
