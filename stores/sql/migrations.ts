/**
 * The digest schema, as Kysely migrations in code: the same steps on SQLite and PostgreSQL,
 * run on every start (a migrated database is left as it is). Add a step; never edit one.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { SinorussiaError } from '../../src/errors.ts';

const MIGRATIONS: Record<string, Migration> = {
  '2026-01-001-digest': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('subscriptions')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        // A JSON array of topics; empty means all.
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('subscribed_by', 'text', (c) => c.notNull())
        .addColumn('subscribed_at', 'text', (c) => c.notNull())
        .addColumn('paused_reason', 'text')
        .addPrimaryKeyConstraint('subscriptions_pk', ['platform', 'channel_id'])
        .execute();
      await db.schema
        .createTable('deliveries')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('message_id', 'text')
        // A JSON array of the fact ids shown, in order; the channel's history is derived from it.
        .addColumn('fact_ids', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addColumn('error', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        // The key of exactly-once delivery: one row per channel and local date.
        .addPrimaryKeyConstraint('deliveries_pk', ['platform', 'channel_id', 'local_date'])
        .execute();
      await db.schema.createIndex('deliveries_by_date').on('deliveries').column('local_date').execute();
      await db.schema
        .createTable('known_facts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['known_facts', 'deliveries', 'subscriptions']) await db.schema.dropTable(table).execute();
    },
  },
  // Requests already answered (seen-store.ts), shared by every instance on one database.
  '2026-12-01-seen-keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('seen_keys')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('seen_keys_by_expiry').on('seen_keys').column('expires_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('seen_keys').execute();
    },
  },
  // Slash answers waiting to retry their response_url (outbox.ts), so a restart delivers them.
  '2026-12-02-pending-posts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('pending_posts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pending_posts_by_lease').on('pending_posts').column('lease_until').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('pending_posts').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the database to the latest schema; throws with the failing step named. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new SinorussiaError(
      'BAD_CONFIG',
      `digest database migration ${failed ?? ''} failed: ${(error as Error).message ?? error}`,
      failed,
      { cause: error },
    );
  }
}
