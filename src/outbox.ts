/**
 * Posts waiting to be retried, kept where a restart finds them. A platform adapter saves a
 * post only once a retry is scheduled (the first attempt stays in memory), holds it under a
 * lease while it waits, and deletes it once delivered or given up on. A restarted instance
 * takes over only posts whose lease ran out, so one process at a time retries a given post.
 */
export interface PendingPost {
  id: string;
  /** Where the post goes (a platform URL valid for a while). */
  url: string;
  /** The body, already serialised. */
  body: string;
  /** Attempts made so far. */
  attempts: number;
  /** Past this (ms since the epoch) the URL no longer takes posts. */
  expiresAt: number;
  /** When the next attempt is due. */
  nextAttemptAt: number;
}

export interface Outbox {
  /** Records a post this process (`owner`) holds until `leaseUntil`. */
  save(post: PendingPost, owner: string, leaseUntil: number): Promise<void>;
  /** Moves a held post's attempt count, next attempt and lease on; false when it is no longer `owner`'s. */
  renew(id: string, owner: string, changes: { attempts: number; nextAttemptAt: number; leaseUntil: number }): Promise<boolean>;
  /** Takes over posts still valid at `now` whose lease ran out; each is `owner`'s until `leaseUntil`. */
  claimOrphans(owner: string, now: number, leaseUntil: number): Promise<PendingPost[]>;
  /** Forgets a post (delivered, or given up on). */
  remove(id: string): Promise<void>;
  /** Forgets posts whose URL expired by `now`; how many. */
  removeExpired(now: number): Promise<number>;
}
