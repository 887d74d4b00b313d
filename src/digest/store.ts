/**
 * Where subscriptions and the digest history live. One interface, one implementation over
 * Kysely (stores/sql/digest-store.ts) for SQLite and PostgreSQL alike. Instants are epoch milliseconds.
 */
import type { PlatformName, Subscription } from './types.ts';

/** One channel's post for one local day: the unit of exactly-once delivery. */
export interface DeliveryKey {
  platform: PlatformName;
  channelId: string;
  /** The channel's local date, `YYYY-MM-DD`. */
  localDate: string;
}

export type DeliveryStatus = 'claimed' | 'sent' | 'failed';

export interface Delivery extends DeliveryKey {
  status: DeliveryStatus;
  /** A claim is held until then; after it another instance may take the delivery over. */
  leaseUntil?: number;
  /** Claims so far; also the fencing token: only the latest claimant may settle it. */
  attempts: number;
  /** A failed delivery is tried again from then; absent when given up. */
  nextAttemptAt?: number;
  messageId?: string;
  factIds: string[];
  sentAt?: number;
  error?: string;
}

/** A claim won: post, then settle it with `markSent` or `markFailed` passing `attempts`. */
export interface Claim extends DeliveryKey {
  attempts: number;
  leaseUntil: number;
}

/** What a channel has been shown: its sent digests, oldest first. */
export interface SentDigest {
  localDate: string;
  sentAt: number;
  factIds: string[];
}

export interface DigestStore {
  /** Creates or replaces the channel's subscription (and so clears a pause). */
  saveSubscription(subscription: Subscription): Promise<void>;
  /** True when there was one to remove. */
  removeSubscription(platform: PlatformName, channelId: string): Promise<boolean>;
  getSubscription(platform: PlatformName, channelId: string): Promise<Subscription | undefined>;
  /** The subscriptions of a channel id on any platform (paused ones too), by platform name. */
  channelSubscriptions(channelId: string): Promise<Subscription[]>;
  /** Every subscription that is not paused. */
  activeSubscriptions(): Promise<Subscription[]>;
  pauseSubscription(platform: PlatformName, channelId: string, reason: string): Promise<void>;

  /** The deliveries of these local dates (any channel): lets a tick skip settled ones in one query. */
  deliveriesOn(localDates: string[]): Promise<Delivery[]>;
  getDelivery(key: DeliveryKey): Promise<Delivery | undefined>;
  /**
   * Atomically takes the delivery: creates it, or takes over an expired lease, or a failed
   * one whose retry time has come (and `attempts < maxAttempts`). Undefined when someone
   * else holds it, it is sent, or it is not yet (or never again) to be tried.
   */
  claimDelivery(key: DeliveryKey, now: number, leaseMs: number, maxAttempts: number): Promise<Claim | undefined>;
  /** False when the claim was lost (the lease ran out and another instance took it). */
  markSent(claim: Claim, result: { messageId?: string; factIds: string[]; sentAt: number }): Promise<boolean>;
  /** `nextAttemptAt` absent: given up for the day. */
  markFailed(claim: Claim, result: { error: string; nextAttemptAt?: number; now: number }): Promise<boolean>;
  /** The channel's sent digests, oldest first. */
  sentDigests(platform: PlatformName, channelId: string): Promise<SentDigest[]>;

  /** Records ids not seen before as first seen `at`; known ids keep their first sighting. */
  recordKnownFacts(ids: string[], at: number): Promise<void>;
  /** Fact id → when it was first seen. */
  knownFacts(): Promise<Map<string, number>>;

  /** Resolves when the database answers (readiness); rejects otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
