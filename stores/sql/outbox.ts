/**
 * The Outbox in the digest's database (the `pending_posts` table, migrated with the digest
 * schema), on SQLite or PostgreSQL. A takeover is one conditional UPDATE per row, so of two
 * instances reaching an orphaned post at once exactly one gets it back.
 */
import type { Kysely } from 'kysely';
import type { Outbox, PendingPost } from '../../src/outbox.ts';

/** bigint columns come back as strings from pg, numbers from SQLite. */
type Instant = number | string | bigint;

export interface OutboxTables {
  pending_posts: {
    id: string;
    url: string;
    body: string;
    attempts: number;
    expires_at: Instant;
    next_attempt_at: Instant;
    owner: string;
    lease_until: Instant;
  };
}

type Row = OutboxTables['pending_posts'];

const toPost = (row: Row): PendingPost => ({
  id: row.id,
  url: row.url,
  body: row.body,
  attempts: Number(row.attempts),
  expiresAt: Number(row.expires_at),
  nextAttemptAt: Number(row.next_attempt_at),
});

/** `database`: any Kysely on a database migrated with the digest schema (the digest store's own). */
export function createSqlOutbox(database: Kysely<any>): Outbox {
  const db = database as Kysely<OutboxTables>;
  return {
    async save(post, owner, leaseUntil) {
      await db
        .insertInto('pending_posts')
        .values({
          id: post.id,
          url: post.url,
          body: post.body,
          attempts: post.attempts,
          expires_at: post.expiresAt,
          next_attempt_at: post.nextAttemptAt,
          owner,
          lease_until: leaseUntil,
        })
        .execute();
    },
    async renew(id, owner, changes) {
      const result = await db
        .updateTable('pending_posts')
        .set({ attempts: changes.attempts, next_attempt_at: changes.nextAttemptAt, lease_until: changes.leaseUntil })
        .where('id', '=', id)
        .where('owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async claimOrphans(owner, now, leaseUntil) {
      const candidates = await db
        .selectFrom('pending_posts')
        .select('id')
        .where('lease_until', '<=', now)
        .where('expires_at', '>', now)
        .execute();
      const claimed: PendingPost[] = [];
      for (const { id } of candidates) {
        const row = await db
          .updateTable('pending_posts')
          .set({ owner, lease_until: leaseUntil })
          .where('id', '=', id)
          .where('lease_until', '<=', now)
          .returningAll()
          .executeTakeFirst();
        if (row) claimed.push(toPost(row));
      }
      return claimed;
    },
    async remove(id) {
      await db.deleteFrom('pending_posts').where('id', '=', id).execute();
    },
    async removeExpired(now) {
      const result = await db.deleteFrom('pending_posts').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
