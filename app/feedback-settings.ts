/**
 * Feedback's settings: FEEDBACK (on by default; `off` records nothing), FEEDBACK_KEY (the key
 * user ids are hashed with), FEEDBACK_RETENTION_DAYS (default 90) and CURATORS (who sees the
 * report). Without FEEDBACK_KEY, a SQLite bot makes one into DATA_DIR/feedback.key on first
 * start and keeps using it; a PostgreSQL bot records nothing (instances with different keys
 * could not recognise a repeat vote) and says so once at start-up.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { ConfigError } from '../src/config-error.ts';
import type { DigestStore } from '../src/digest/store.ts';
import { type Clock, type Subscription, systemClock } from '../src/digest/types.ts';
import { MIN_KEY_LENGTH, userHasher } from '../src/feedback/hash.ts';
import { createFeedbackRecorder, feedbackOff } from '../src/feedback/recorder.ts';
import { reportFromStore } from '../src/feedback/report.ts';
import { createRetention, type Retention } from '../src/feedback/retention.ts';
import type { FeedbackRecorder, FeedbackStore } from '../src/feedback/types.ts';
import type { Knowledge } from '../src/knowledge/types.ts';
import type { Logger } from '../src/log.ts';
import { createSqlFeedbackStore } from '../stores/sql/feedback-store.ts';

export interface FeedbackSettings {
  enabled: boolean;
  /** FEEDBACK_KEY as set; undefined when absent (see `resolveFeedbackKey`). */
  key?: string;
  retentionDays: number;
  /** Slack (or Discord) user ids who see the report. */
  curators: string[];
}

export const DEFAULT_RETENTION_DAYS = 90;
export const KEY_FILE = 'feedback.key';

export function readFeedbackSettings(env: Record<string, string | undefined>): FeedbackSettings {
  const switchValue = env.FEEDBACK?.trim().toLowerCase() || 'on';
  if (switchValue !== 'on' && switchValue !== 'off') throw new ConfigError('FEEDBACK', `must be "on" or "off" (got "${env.FEEDBACK}")`);
  const key = env.FEEDBACK_KEY?.trim() || undefined;
  if (key && key.length < MIN_KEY_LENGTH)
    throw new ConfigError('FEEDBACK_KEY', `must be at least ${MIN_KEY_LENGTH} characters (got ${key.length}); e.g. openssl rand -hex 32`);
  const rawDays = env.FEEDBACK_RETENTION_DAYS?.trim();
  const retentionDays = rawDays ? Number(rawDays) : DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650) {
    throw new ConfigError('FEEDBACK_RETENTION_DAYS', `must be a whole number of days from 1 to 3650 (got "${rawDays}")`);
  }
  const curators = (env.CURATORS ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = curators.find((id) => !/^[A-Za-z0-9]{2,40}$/.test(id));
  if (bad) throw new ConfigError('CURATORS', `must list user ids (U0123ABC or 123456789012345678), separated by commas (got "${bad}")`);
  return { enabled: switchValue === 'on', key, retentionDays, curators };
}

export type KeyResolution = { key: string; source: 'FEEDBACK_KEY' | 'DATA_DIR' } | { key?: undefined; problem: string };

/**
 * The key votes are hashed with: FEEDBACK_KEY, else (SQLite only) DATA_DIR/feedback.key,
 * made on first start with 32 random bytes, readable by the bot's user alone.
 */
export function resolveFeedbackKey(settings: FeedbackSettings, storage: { databaseUrl?: string; dataDir?: string }): KeyResolution {
  if (settings.key) return { key: settings.key, source: 'FEEDBACK_KEY' };
  if (storage.databaseUrl)
    return { problem: 'FEEDBACK_KEY is not set: with DATABASE_URL every instance needs the same key, so feedback is not recorded' };
  const file = join(resolve(storage.dataDir || './data'), KEY_FILE);
  try {
    if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < MIN_KEY_LENGTH) return { problem: `${file} holds no usable key (move it away to make a new one)` };
    return { key, source: 'DATA_DIR' };
  } catch (error) {
    // Two instances starting together on one DATA_DIR: the loser of `wx` reads the winner's key.
    if ((error as { code?: string }).code === 'EEXIST') return resolveFeedbackKey(settings, storage);
    return { problem: `cannot make ${file}: ${(error as Error).message}` };
  }
}

export interface RunningFeedback {
  /** What adapters record through (AdapterDeps.feedback); `feedbackOff` when off or keyless. */
  recorder: FeedbackRecorder;
  /** The store the recorder writes to and the report reads; absent when nothing is recorded. */
  store?: FeedbackStore;
  /** The daily clean-up (a test ticks it on its fake clock); absent when nothing is recorded. */
  retention?: Retention;
  stop(): void;
}

/**
 * Feedback for a running bot, on the digest's database: the recorder, and the daily clean-up
 * started. Off (FEEDBACK=off, or no key to hash with): a recorder that records nothing.
 */
export function startFeedback<Tables>(
  settings: FeedbackSettings,
  storage: { databaseUrl?: string; dataDir?: string },
  db: Kysely<Tables>,
  logger: Logger,
  clock: Clock = systemClock,
  deliveries?: Pick<DigestStore, 'getDelivery'>,
): RunningFeedback {
  if (!settings.enabled) return { recorder: feedbackOff, stop: () => undefined };
  const resolved = resolveFeedbackKey(settings, storage);
  if (resolved.key === undefined) {
    logger.warn(`feedback: off: ${resolved.problem}`);
    return { recorder: feedbackOff, stop: () => undefined };
  }
  const store = createSqlFeedbackStore(db);
  const recorder = createFeedbackRecorder({ store, hashUser: userHasher(resolved.key), clock, logger, deliveries });
  const retention = createRetention({ store, clock, retentionDays: settings.retentionDays, logger });
  retention.start();
  return { recorder, store, retention, stop: () => retention.stop() };
}

/**
 * What Slack's Home (adapters/slack/home.ts HomeDeps) and Discord's report command read, from
 * the running bot: the curators, the report on the current base, and channels' digests.
 */
export function feedbackViews(
  settings: FeedbackSettings,
  feedback: RunningFeedback,
  digest: { channelSubscriptions(channelId: string): Promise<Subscription[]> },
  knowledge: () => Knowledge,
  clock: Clock = systemClock,
) {
  const nothing = { votes: async () => [], unanswered: async () => [] };
  return {
    curators: settings.curators,
    report: () => reportFromStore(feedback.store ?? nothing, knowledge(), clock.now()),
    subscriptions: async (channelIds: string[]) => (await Promise.all(channelIds.map((id) => digest.channelSubscriptions(id)))).flat(),
  };
}
