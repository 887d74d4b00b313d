/**
 * The bot's own clean-up: once a day (on the injected clock) it deletes votes and unanswered
 * questions older than FEEDBACK_RETENTION_DAYS, so question texts are not kept longer.
 * A timer wakes it every hour of real time; the clock decides whether a day has passed, so a
 * test moves a fake clock and calls `tick()`.
 */
import type { Clock } from '../digest/types.ts';
import type { Logger } from '../log.ts';
import type { FeedbackStore } from './types.ts';

export const DAY_MS = 86_400_000;
const WAKE_MS = 3_600_000;

export interface RetentionDeps {
  store: FeedbackStore;
  clock: Clock;
  retentionDays: number;
  logger: Logger;
}

export interface Retention {
  /** Cleans up when a day has passed since the last clean-up (or none ran yet); returns the rows deleted. */
  tick(): Promise<number>;
  /** Cleans up now: deletes what is older than the retention on the clock. */
  cleanUp(): Promise<number>;
  start(): void;
  stop(): void;
}

export function createRetention({ store, clock, retentionDays, logger }: RetentionDeps): Retention {
  let lastRun: number | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const cleanUp = async () => {
    const now = clock.now().getTime();
    lastRun = now;
    try {
      const deleted = await store.deleteBefore(now - retentionDays * DAY_MS);
      if (deleted > 0) logger.info('feedback: deleted records past the retention', { deleted, retentionDays });
      return deleted;
    } catch (error) {
      logger.warn('feedback: clean-up failed; trying again in a day', { error: (error as Error)?.message ?? String(error) });
      return 0;
    }
  };
  const tick = async () => (lastRun === undefined || clock.now().getTime() - lastRun >= DAY_MS ? cleanUp() : 0);
  return {
    tick,
    cleanUp,
    start() {
      void tick();
      timer ??= setInterval(() => void tick(), WAKE_MS);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
