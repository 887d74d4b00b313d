/**
 * The daily digest's contracts between the core and the platforms (issue 5).
 * The core owns subscriptions, fact selection, scheduling and exactly-once delivery;
 * each adapter only renders an Answer and posts it through its `DigestPoster`.
 */
import type { Answer } from '../answer/types.ts';
import type { Topic } from '../knowledge/topics.ts';

/** A platform's own name for itself (`DigestPoster.platform`); the core keeps no list of them. */
export type PlatformName = string;

/** Who asks, where: what `digest …` commands need beyond their text. */
export interface ChannelContext {
  platform: PlatformName;
  channelId: string;
  /** The channel's name (`general`) when the platform gives it: replies say which channel they acted on. */
  channelName?: string;
  userId: string;
  /** May this user change the channel's subscription? (Discord: Manage Channels; Slack: anyone in it.) */
  canManage: boolean;
  /**
   * May this user read the curators' feedback report here? Set by the adapter only where the
   * answer is private to the asker (a slash command), for a user it knows to be a curator.
   */
  curator?: boolean;
}

export interface Subscription {
  platform: PlatformName;
  channelId: string;
  /** Local time of day, `HH:MM`. */
  time: string;
  /** IANA zone, `Europe/Berlin`. */
  timeZone: string;
  /** Empty means every topic. */
  topics: Topic[];
  subscribedBy: string;
  subscribedAt: string;
  /** Set when the channel can no longer be posted in; cleared by subscribing again. */
  pausedReason?: string;
}

export type PostResult =
  | { ok: true; messageId?: string }
  /**
   * A passing failure (429, 5xx, network, timeout): try again, after `retryAfterMs` when the
   * platform said. `scope: 'platform'` when the limit hit is the platform's (every channel
   * waits), otherwise only this channel waits.
   */
  | { ok: false; kind: 'retry'; retryAfterMs?: number; scope?: 'channel' | 'platform'; error: string }
  /** The channel is gone, archived, or the bot was removed: pause the subscription. */
  | { ok: false; kind: 'gone'; error: string };

/**
 * Whether an earlier attempt's post is in the channel: `messageId` when found, absent when
 * it is not there; `ok: false` when the platform could not say (then nothing is posted).
 */
export type LookupResult = { ok: true; messageId?: string } | { ok: false; error: string; retryAfterMs?: number };

/** How one platform posts a digest in a channel. Never throws: failures are results. */
export interface DigestPoster {
  platform: PlatformName;
  /**
   * `deliveryId` is stable per channel and local date, the same on every attempt: a platform
   * may send it (or a key of its own derived from it) so that a resend is recognised.
   * `localDate` and `factIds` name the post and what it shows, for its 👍 / 👎 (none without them).
   */
  post(channelId: string, digest: Answer, options: { deliveryId: string; localDate?: string; factIds?: string[] }): Promise<PostResult>;
  /**
   * Looks for this channel-day's post made since `since` (epoch ms), by `deliveryId` or by
   * the digest's title. The scheduler asks before every attempt after the first: an attempt that
   * crashed, timed out or lost its connection may have posted after all.
   */
  findPosted?(channelId: string, digest: Answer, options: { deliveryId: string; since: number }): Promise<LookupResult>;
}

/** What the scheduler reports per delivery, for metrics (platform-neutral). */
export type DigestOutcome = 'sent' | 'found' | 'retry' | 'timeout' | 'paused' | 'failed' | 'skipped' | 'lost-lease';

export interface DigestObserver {
  delivery(platform: PlatformName, outcome: DigestOutcome, error?: string): void;
}

/** The time source of everything digest: tests drive it by hand. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
