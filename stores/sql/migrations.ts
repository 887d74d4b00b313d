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
  // Posts the bot made publicly and the corrections sent to them (src/corrections/store.ts).
  '2026-12-03-posts-corrections': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('posts')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('thread_id', 'text')
        .addColumn('posted_at', 'bigint', (c) => c.notNull())
        // JSON: the facts as shown (ShownFact[]), and the answer as posted (re-rendered for the edit).
        .addColumn('shown', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('shared_by', 'text')
        .addPrimaryKeyConstraint('posts_pk', ['platform', 'channel_id', 'message_id'])
        .execute();
      await db.schema.createIndex('posts_by_time').on('posts').column('posted_at').execute();
      await db.schema
        .createTable('corrections')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('change_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('reply_id', 'text')
        .addColumn('error', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        // The key of exactly-once: one row per post and change.
        .addPrimaryKeyConstraint('corrections_pk', ['platform', 'channel_id', 'message_id', 'change_key'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['corrections', 'posts']) await db.schema.dropTable(table).execute();
    },
  },
  // Readers' votes and unanswered questions (feedback-store.ts). No user id: a keyed hash.
  '2026-12-09-feedback': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('feedback_votes')
        .addColumn('answer_id', 'text', (c) => c.notNull())
        .addColumn('user_hash', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('reason_code', 'text')
        .addColumn('reason_text', 'text')
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        // A JSON array of the fact ids the answer showed, in order.
        .addColumn('fact_ids', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('voted_at', 'bigint', (c) => c.notNull())
        // One vote per person per answer: a second one replaces the first.
        .addPrimaryKeyConstraint('feedback_votes_pk', ['answer_id', 'user_hash'])
        .execute();
      await db.schema.createIndex('feedback_votes_by_time').on('feedback_votes').column('voted_at').execute();
      await db.schema
        .createTable('unanswered_questions')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('normalised', 'text', (c) => c.notNull())
        .addColumn('example', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('first_seen', 'bigint', (c) => c.notNull())
        .addColumn('last_seen', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('unanswered_questions_pk', ['platform', 'normalised'])
        .execute();
      await db.schema.createIndex('unanswered_by_last_seen').on('unanswered_questions').column('last_seen').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['unanswered_questions', 'feedback_votes']) await db.schema.dropTable(table).execute();
    },
  },
  // What an answer shown with 👍 / 👎 was about, for Discord buttons that carry only its id.
  '2026-12-10-feedback-shown': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('feedback_answers')
        .addColumn('answer_id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('fact_ids', 'text', (c) => c.notNull())
        .addColumn('shown_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_answers_by_time').on('feedback_answers').column('shown_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('feedback_answers').execute();
    },
  },
  // Where a digest post that got a vote was posted (null for answers, which have no channel of their own).
  '2026-12-11-feedback-channel': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('feedback_votes').addColumn('channel_id', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('feedback_votes').dropColumn('channel_id').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the database to the latest schema; throws with the failing step named. */
export async function migrateToLatest<Tables>(db: Kysely<Tables>): Promise<void> {
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
