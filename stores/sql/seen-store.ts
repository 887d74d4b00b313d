/**
 * The SeenStore in the digest's database (the `seen_keys` table, migrated with the digest
 * schema), so instances sharing a PostgreSQL database answer a redelivered or replayed
 * request once between them. One statement decides: the insert wins for a new key, or for
 * an expired one (its expiry moved on); a live key is left alone and no row comes back.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../src/log.ts';
import { SEEN_TTL_MS, type SeenStore } from '../../src/seen-store.ts';
import { StartupError } from '../../src/startup-error.ts';
import { migrateToLatest } from './migrations.ts';

export interface SeenTables {
  seen_keys: { key: string; expires_at: number | string };
}

export interface SqlSeenOptions {
  ttlMs?: number;
  now?: () => number;
  /** Expired keys are deleted about this often (one instance's sweep serves all). */
  sweepEveryMs?: number;
  /** Closes what the store was built on (its own pool). */
  onClose?: () => Promise<void>;
}

export function createSqlSeenStore(db: Kysely<SeenTables>, options: SqlSeenOptions = {}): SeenStore {
  const ttl = options.ttlMs ?? SEEN_TTL_MS;
  const now = options.now ?? Date.now;
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  let lastSweep = now();

  const sweep = async (at: number) => {
    if (at - lastSweep < sweepEveryMs) return;
    lastSweep = at;
    await db.deleteFrom('seen_keys').where('expires_at', '<=', at).execute();
  };

  return {
    async firstSeen(key) {
      const at = now();
      const won = await db
        .insertInto('seen_keys')
        .values({ key, expires_at: at + ttl })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet({ expires_at: at + ttl })
            .where('seen_keys.expires_at', '<=', at),
        )
        .returning('key')
        .execute();
      await sweep(at);
      return won.length === 1;
    },
    async close() {
      await options.onClose?.();
    },
  };
}

/**
 * Opens the shared store on DATABASE_URL with a small pool of its own. An idle connection
 * that drops is logged (the pool reconnects on the next query) instead of ending the process.
 */
export async function openPostgresSeenStore(
  url: string,
  logger: Logger,
  options: SqlSeenOptions & { schema?: string } = {},
): Promise<SeenStore> {
  const schema = options.schema;
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (error) => logger.warn('seen store: an idle PostgreSQL connection failed; reconnecting on next use', { error }));
  const db = new Kysely<SeenTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await sql.raw(`create schema if not exists ${schema.replace(/[^a-z0-9_]/g, '')}`).execute(db);
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StartupError(
      'SEEN_STORE_UNAVAILABLE',
      `DATABASE_URL: the shared record of answered requests could not be opened (${(error as Error).message})`,
      { cause: error },
    );
  }
  return createSqlSeenStore(db, { ...options, onClose: () => db.destroy() });
}
