/**
 * The PostsStore in the digest's database (the `posts` and `corrections` tables, migrated
 * with the digest schema), on SQLite or PostgreSQL. A correction is claimed as a digest
 * delivery is: INSERT … ON CONFLICT DO NOTHING for the first claim, one conditional UPDATE
 * to take over an expired lease or a due retry, and settling only by the latest claimant.
 */
import type { Kysely } from 'kysely';
import type { Answer } from '../../src/answer/types.ts';
import type { ShownFact } from '../../src/corrections/shown.ts';
import type { CorrectionClaim, CorrectionKey, PostKey, PostsStore, RecordedPost } from '../../src/corrections/store.ts';
import { takeable } from './lease.ts';

/** bigint columns come back as strings from pg, numbers from SQLite. */
type Instant = number | string | bigint;

export interface PostsTables {
  posts: {
    platform: string;
    channel_id: string;
    message_id: string;
    thread_id: string | null;
    posted_at: Instant;
    shown: string;
    answer: string;
    shared_by: string | null;
  };
  corrections: {
    platform: string;
    channel_id: string;
    message_id: string;
    change_key: string;
    status: 'claimed' | 'sent' | 'failed';
    lease_until: Instant | null;
    attempts: number;
    next_attempt_at: Instant | null;
    reply_id: string | null;
    error: string | null;
    updated_at: Instant;
  };
}

type PostRow = PostsTables['posts'];

const toPost = (row: PostRow): RecordedPost => ({
  platform: row.platform,
  channelId: row.channel_id,
  messageId: row.message_id,
  ...(row.thread_id ? { threadId: row.thread_id } : {}),
  postedAt: Number(row.posted_at),
  shown: JSON.parse(row.shown) as ShownFact[],
  answer: JSON.parse(row.answer) as Answer,
  ...(row.shared_by ? { sharedBy: row.shared_by } : {}),
});

/** `database`: any Kysely on a database migrated with the digest schema (the digest store's own). */
export function createSqlPostsStore<Tables>(database: Kysely<Tables>): PostsStore {
  const db = database as unknown as Kysely<PostsTables>;

  const settle = (claim: CorrectionClaim, changes: Partial<PostsTables['corrections']>) =>
    db
      .updateTable('corrections')
      .set(changes)
      .where('platform', '=', claim.platform)
      .where('channel_id', '=', claim.channelId)
      .where('message_id', '=', claim.messageId)
      .where('change_key', '=', claim.changeKey)
      .where('status', '=', 'claimed')
      .where('attempts', '=', claim.attempts)
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) > 0);

  return {
    async recordPost(post) {
      await db
        .insertInto('posts')
        .values({
          platform: post.platform,
          channel_id: post.channelId,
          message_id: post.messageId,
          thread_id: post.threadId ?? null,
          posted_at: post.postedAt,
          shown: JSON.stringify(post.shown),
          answer: JSON.stringify(post.answer),
          shared_by: post.sharedBy ?? null,
        })
        .onConflict((oc) => oc.columns(['platform', 'channel_id', 'message_id']).doNothing())
        .execute();
    },

    async posts() {
      const rows = await db.selectFrom('posts').selectAll().orderBy('posted_at').orderBy('message_id').execute();
      return rows.map(toPost);
    },

    async sentChanges(post: PostKey) {
      const rows = await db
        .selectFrom('corrections')
        .select('change_key')
        .where('platform', '=', post.platform)
        .where('channel_id', '=', post.channelId)
        .where('message_id', '=', post.messageId)
        .where('status', '=', 'sent')
        .execute();
      return new Set(rows.map((r) => r.change_key));
    },

    async claimCorrection(key: CorrectionKey, now, leaseMs, maxAttempts) {
      const leaseUntil = now + leaseMs;
      const inserted = await db
        .insertInto('corrections')
        .values({
          platform: key.platform,
          channel_id: key.channelId,
          message_id: key.messageId,
          change_key: key.changeKey,
          status: 'claimed',
          lease_until: leaseUntil,
          attempts: 1,
          next_attempt_at: null,
          reply_id: null,
          error: null,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['platform', 'channel_id', 'message_id', 'change_key']).doNothing())
        .returning(['attempts'])
        .executeTakeFirst();
      if (inserted) return { ...key, attempts: Number(inserted.attempts), leaseUntil };
      // A lease whose holder died, or a retry that is due: one UPDATE, so one instance wins.
      const taken = await db
        .updateTable('corrections')
        .set((eb) => ({
          status: 'claimed',
          lease_until: leaseUntil,
          attempts: eb('attempts', '+', 1),
          next_attempt_at: null,
          updated_at: now,
        }))
        .where('platform', '=', key.platform)
        .where('channel_id', '=', key.channelId)
        .where('message_id', '=', key.messageId)
        .where('change_key', '=', key.changeKey)
        .where('attempts', '<', maxAttempts)
        .where(takeable(now))
        .returning(['attempts'])
        .executeTakeFirst();
      return taken && { ...key, attempts: Number(taken.attempts), leaseUntil };
    },

    markSent(claim, result) {
      return settle(claim, { status: 'sent', lease_until: null, reply_id: result.replyId ?? null, error: null, updated_at: result.sentAt });
    },

    markFailed(claim, result) {
      return settle(claim, {
        status: 'failed',
        lease_until: null,
        next_attempt_at: result.nextAttemptAt ?? null,
        error: result.error.slice(0, 500),
        updated_at: result.now,
      });
    },

    async deleteOlderThan(before) {
      // Corrections first, matched on the whole key, so none outlives its post.
      await db
        .deleteFrom('corrections')
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('posts')
              .select('posts.message_id')
              .whereRef('posts.platform', '=', 'corrections.platform')
              .whereRef('posts.channel_id', '=', 'corrections.channel_id')
              .whereRef('posts.message_id', '=', 'corrections.message_id')
              .where('posts.posted_at', '<', before),
          ),
        )
        .execute();
      const result = await db.deleteFrom('posts').where('posted_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
