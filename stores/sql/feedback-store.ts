/**
 * The FeedbackStore over Kysely, in the digest's database (tables `feedback_votes`,
 * `unanswered_questions` and `feedback_answers`, migrated with it), on SQLite and PostgreSQL. Both writes are one
 * INSERT … ON CONFLICT DO UPDATE, atomic per row on each engine, so two instances counting
 * the same question at once both count.
 */
import { type Kysely, sql } from 'kysely';
import {
  type FeedbackStore,
  type FeedbackTarget,
  REASON_CODES,
  type ReasonCode,
  type UnansweredQuestion,
  type Vote,
} from '../../src/feedback/types.ts';

/** bigint columns come back as strings from pg, numbers from SQLite. */
type Instant = number | string | bigint;

export interface FeedbackTables {
  feedback_votes: {
    answer_id: string;
    user_hash: string;
    direction: 'up' | 'down';
    reason_code: string | null;
    reason_text: string | null;
    query: string;
    kind: string;
    fact_ids: string;
    platform: string;
    voted_at: Instant;
    /** A digest post's channel (or "direct message"); null for answers. */
    channel_id: string | null;
  };
  unanswered_questions: {
    platform: string;
    normalised: string;
    example: string;
    count: number;
    first_seen: Instant;
    last_seen: Instant;
  };
  feedback_answers: {
    answer_id: string;
    kind: string;
    query: string;
    fact_ids: string;
    shown_at: Instant;
  };
}

type VoteRow = FeedbackTables['feedback_votes'];
type UnansweredRow = FeedbackTables['unanswered_questions'];

function toVote(row: VoteRow): Vote {
  const code = (REASON_CODES as readonly string[]).includes(row.reason_code ?? '') ? (row.reason_code as ReasonCode) : undefined;
  return {
    answerId: row.answer_id,
    kind: row.kind,
    query: row.query,
    factIds: JSON.parse(row.fact_ids) as string[],
    direction: row.direction,
    ...(code ? { reason: { code, ...(row.reason_text ? { text: row.reason_text } : {}) } } : {}),
    platform: row.platform,
    userHash: row.user_hash,
    at: Number(row.voted_at),
    ...(row.channel_id !== null && row.channel_id !== undefined ? { channel: row.channel_id } : {}),
  };
}

function toUnanswered(row: UnansweredRow): UnansweredQuestion {
  return {
    platform: row.platform,
    normalised: row.normalised,
    example: row.example,
    count: Number(row.count),
    firstSeen: Number(row.first_seen),
    lastSeen: Number(row.last_seen),
  };
}

/** The store on any migrated database the digest store opened (`store.db`). */
export function createSqlFeedbackStore<Tables>(database: Kysely<Tables>): FeedbackStore {
  const db = database as unknown as Kysely<FeedbackTables>;
  return {
    async saveVote(vote) {
      const row: VoteRow = {
        answer_id: vote.answerId,
        user_hash: vote.userHash,
        direction: vote.direction,
        reason_code: vote.reason?.code ?? null,
        reason_text: vote.reason?.text ?? null,
        query: vote.query,
        kind: vote.kind,
        fact_ids: JSON.stringify(vote.factIds),
        platform: vote.platform,
        voted_at: vote.at,
        channel_id: vote.channel ?? null,
      };
      const { answer_id: _a, user_hash: _u, ...changes } = row;
      await db
        .insertInto('feedback_votes')
        .values(row)
        .onConflict((oc) => oc.columns(['answer_id', 'user_hash']).doUpdateSet(changes))
        .execute();
    },

    async recordUnanswered({ platform, normalised, example, at }) {
      await db
        .insertInto('unanswered_questions')
        .values({ platform, normalised, example, count: 1, first_seen: at, last_seen: at })
        .onConflict((oc) =>
          oc.columns(['platform', 'normalised']).doUpdateSet((eb) => ({
            example,
            count: eb('unanswered_questions.count', '+', 1),
            // A late write (clocks of two instances) never moves last_seen back.
            last_seen: sql<Instant>`case when unanswered_questions.last_seen > ${at} then unanswered_questions.last_seen else ${at} end`,
          })),
        )
        .execute();
    },

    async votes(since = 0) {
      const rows = await db
        .selectFrom('feedback_votes')
        .selectAll()
        .where('voted_at', '>=', since)
        .orderBy('voted_at')
        .orderBy('answer_id')
        .orderBy('user_hash')
        .execute();
      return rows.map(toVote);
    },

    async unanswered(since = 0) {
      const rows = await db
        .selectFrom('unanswered_questions')
        .selectAll()
        .where('last_seen', '>=', since)
        .orderBy('count', 'desc')
        .orderBy('last_seen', 'desc')
        .orderBy('normalised')
        .execute();
      return rows.map(toUnanswered);
    },

    async saveShown(target, at) {
      const row = { kind: target.kind, query: target.query, fact_ids: JSON.stringify(target.factIds), shown_at: at };
      await db
        .insertInto('feedback_answers')
        .values({ answer_id: target.answerId, ...row })
        .onConflict((oc) => oc.column('answer_id').doUpdateSet(row))
        .execute();
    },

    async shown(answerId): Promise<FeedbackTarget | undefined> {
      const row = await db.selectFrom('feedback_answers').selectAll().where('answer_id', '=', answerId).executeTakeFirst();
      return row ? { answerId: row.answer_id, kind: row.kind, query: row.query, factIds: JSON.parse(row.fact_ids) as string[] } : undefined;
    },

    async deleteBefore(cutoff) {
      const votes = await db.deleteFrom('feedback_votes').where('voted_at', '<', cutoff).executeTakeFirst();
      const questions = await db.deleteFrom('unanswered_questions').where('last_seen', '<', cutoff).executeTakeFirst();
      const shown = await db.deleteFrom('feedback_answers').where('shown_at', '<', cutoff).executeTakeFirst();
      return Number(votes.numDeletedRows) + Number(questions.numDeletedRows) + Number(shown.numDeletedRows);
    },
  };
}
