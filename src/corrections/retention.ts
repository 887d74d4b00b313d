/** Recorded posts are kept for a while, then deleted by the bot itself: at start and once a day. */
import type { Clock } from '../digest/types.ts';
import type { Logger } from '../log.ts';
import type { PostsStore } from './store.ts';

const DAY_MS = 24 * 60 * 60_000;

/** Deletes posts older than `days` now; never rejects. */
export async function deleteOldPosts(store: PostsStore, days: number, clock: Clock, logger: Logger): Promise<number> {
  try {
    const deleted = await store.deleteOlderThan(clock.now().getTime() - days * DAY_MS);
    if (deleted > 0) logger.info('corrections: deleted old recorded posts', { deleted, olderThanDays: days });
    return deleted;
  } catch (error) {
    logger.warn('corrections: could not delete old recorded posts; trying again tomorrow', { error });
    return 0;
  }
}

/** Deletes now and every day; returns the stop. */
export function keepPostsFor(store: PostsStore, days: number, clock: Clock, logger: Logger): { done: Promise<number>; stop(): void } {
  const done = deleteOldPosts(store, days, clock, logger);
  const timer = setInterval(() => void deleteOldPosts(store, days, clock, logger), DAY_MS);
  timer.unref();
  return { done, stop: () => clearInterval(timer) };
}
