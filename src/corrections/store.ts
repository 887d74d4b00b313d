/**
 * Where the bot remembers what it posted publicly, and which corrections it has sent. One
 * interface, an SQL implementation (stores/sql/posts-store.ts) for SQLite and PostgreSQL,
 * and one in memory for unit tests. Instants are epoch milliseconds.
 */
import type { Answer } from '../answer/types.ts';
import type { ShownFact } from './shown.ts';

/** One message the bot posted where others read it. */
export interface RecordedPost {
  platform: string;
  channelId: string;
  /** Slack `ts`, Discord message id. */
  messageId: string;
  /** The thread it was posted in (Slack `thread_ts`, Discord thread channel); absent: the channel itself. */
  threadId?: string;
  postedAt: number;
  /** The facts it showed, as it showed them. */
  shown: ShownFact[];
  /** The answer as posted: an edit re-renders it with the correction line added. */
  answer: Answer;
  /** Who shared it to the channel (their platform user id), when it was a shared answer. */
  sharedBy?: string;
}

export type PostKey = Pick<RecordedPost, 'platform' | 'channelId' | 'messageId'>;

/** One correction of one post: the unit of exactly-once. */
export interface CorrectionKey extends PostKey {
  changeKey: string;
}

/** A correction won: send it, then settle it with `markSent` or `markFailed` passing `attempts`. */
export interface CorrectionClaim extends CorrectionKey {
  attempts: number;
  leaseUntil: number;
}

export interface PostsStore {
  /** Records a post; recording the same message again keeps the first record. */
  recordPost(post: RecordedPost): Promise<void>;
  /** Every recorded post, oldest first. */
  posts(): Promise<RecordedPost[]>;
  /** The change keys already sent to this post. */
  sentChanges(post: PostKey): Promise<Set<string>>;
  /**
   * Atomically takes a correction: creates it, takes over an expired lease, or a failed one
   * whose retry time has come (and `attempts < maxAttempts`). Undefined when someone else
   * holds it, it is sent, or it is not (yet, or ever) to be tried again.
   */
  claimCorrection(key: CorrectionKey, now: number, leaseMs: number, maxAttempts: number): Promise<CorrectionClaim | undefined>;
  /** False when the claim was lost (its lease ran out and another instance took it). */
  markSent(claim: CorrectionClaim, result: { replyId?: string; sentAt: number }): Promise<boolean>;
  /** `nextAttemptAt` absent: never tried again. */
  markFailed(claim: CorrectionClaim, result: { error: string; nextAttemptAt?: number; now: number }): Promise<boolean>;
  /** Deletes posts recorded before `before`, with their corrections; returns how many posts. */
  deleteOlderThan(before: number): Promise<number>;
}

type Status = 'claimed' | 'sent' | 'failed';
interface MemoryCorrection {
  status: Status;
  attempts: number;
  leaseUntil?: number;
  nextAttemptAt?: number;
}

const postId = (k: PostKey) => `${k.platform}\n${k.channelId}\n${k.messageId}`;

/** The store in memory: for unit tests, and the shape the SQL one must match. */
export function memoryPostsStore(): PostsStore {
  const posts = new Map<string, RecordedPost>();
  const corrections = new Map<string, MemoryCorrection>();
  const correctionId = (k: CorrectionKey) => `${postId(k)}\n${k.changeKey}`;
  const settle = (claim: CorrectionClaim, update: Partial<MemoryCorrection>) => {
    const row = corrections.get(correctionId(claim));
    if (row?.status !== 'claimed' || row.attempts !== claim.attempts) return false;
    Object.assign(row, update);
    return true;
  };
  return {
    async recordPost(post) {
      if (!posts.has(postId(post))) posts.set(postId(post), structuredClone(post));
    },
    async posts() {
      return [...posts.values()].sort((a, b) => a.postedAt - b.postedAt).map((p) => structuredClone(p));
    },
    async sentChanges(post) {
      const prefix = `${postId(post)}\n`;
      return new Set(
        [...corrections].filter(([id, c]) => id.startsWith(prefix) && c.status === 'sent').map(([id]) => id.slice(prefix.length)),
      );
    },
    async claimCorrection(key, now, leaseMs, maxAttempts) {
      const id = correctionId(key);
      const row = corrections.get(id);
      const leaseUntil = now + leaseMs;
      if (!row) {
        corrections.set(id, { status: 'claimed', attempts: 1, leaseUntil });
        return { ...key, attempts: 1, leaseUntil };
      }
      const expired = row.status === 'claimed' && (row.leaseUntil ?? 0) <= now;
      const due = row.status === 'failed' && row.nextAttemptAt !== undefined && row.nextAttemptAt <= now;
      if (row.attempts >= maxAttempts || !(expired || due)) return undefined;
      Object.assign(row, { status: 'claimed', attempts: row.attempts + 1, leaseUntil, nextAttemptAt: undefined });
      return { ...key, attempts: row.attempts, leaseUntil };
    },
    async markSent(claim) {
      return settle(claim, { status: 'sent', leaseUntil: undefined });
    },
    async markFailed(claim, result) {
      return settle(claim, { status: 'failed', leaseUntil: undefined, nextAttemptAt: result.nextAttemptAt });
    },
    async deleteOlderThan(before) {
      let deleted = 0;
      for (const [id, post] of posts) {
        if (post.postedAt >= before) continue;
        posts.delete(id);
        for (const key of corrections.keys()) if (key.startsWith(`${id}\n`)) corrections.delete(key);
        deleted += 1;
      }
      return deleted;
    },
  };
}
