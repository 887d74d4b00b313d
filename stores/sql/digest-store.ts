/**
 * The DigestStore over Kysely: one implementation for SQLite and PostgreSQL (and PGlite in tests).
 * Only portable SQL: INSERT … ON CONFLICT DO NOTHING and UPDATE … RETURNING, both atomic
 * per row on each engine, are what make a claim exclusive across instances.
 */
import { type Kysely, sql } from 'kysely';
import type { Claim, Delivery, DeliveryKey, DeliveryStatus, DigestStore, SentDigest } from '../../src/digest/store.ts';
import type { PlatformName, Subscription } from '../../src/digest/types.ts';
import type { Topic } from '../../src/knowledge/topics.ts';
import { takeable } from './lease.ts';

/** bigint columns come back as strings from pg, numbers from SQLite. */
type Instant = number | string | bigint;

export interface DigestTables {
  subscriptions: {
    platform: string;
    channel_id: string;
    time: string;
    time_zone: string;
    topics: string;
    subscribed_by: string;
    subscribed_at: string;
    paused_reason: string | null;
  };
  deliveries: {
    platform: string;
    channel_id: string;
    local_date: string;
    status: DeliveryStatus;
    lease_until: Instant | null;
    attempts: number;
    next_attempt_at: Instant | null;
    message_id: string | null;
    fact_ids: string;
    sent_at: Instant | null;
    error: string | null;
    updated_at: Instant;
  };
  known_facts: { id: string; first_seen_at: Instant };
}

type SubscriptionRow = DigestTables['subscriptions'];
type DeliveryRow = DigestTables['deliveries'];

const instant = (value: Instant | null): number | undefined => (value === null || value === undefined ? undefined : Number(value));

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    platform: row.platform,
    channelId: row.channel_id,
    time: row.time,
    timeZone: row.time_zone,
    topics: JSON.parse(row.topics) as Topic[],
    subscribedBy: row.subscribed_by,
    subscribedAt: row.subscribed_at,
    ...(row.paused_reason ? { pausedReason: row.paused_reason } : {}),
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    platform: row.platform,
    channelId: row.channel_id,
    localDate: row.local_date,
    status: row.status,
    leaseUntil: instant(row.lease_until),
    attempts: Number(row.attempts),
    nextAttemptAt: instant(row.next_attempt_at),
    messageId: row.message_id ?? undefined,
    factIds: JSON.parse(row.fact_ids) as string[],
    sentAt: instant(row.sent_at),
    error: row.error ?? undefined,
  };
}

/** Inserts at most this many rows per statement (SQLite caps bound parameters). */
const BATCH = 200;

export class KyselyDigestStore implements DigestStore {
  constructor(readonly db: Kysely<DigestTables>) {}

  async saveSubscription(s: Subscription): Promise<void> {
    const row: SubscriptionRow = {
      platform: s.platform,
      channel_id: s.channelId,
      time: s.time,
      time_zone: s.timeZone,
      topics: JSON.stringify(s.topics),
      subscribed_by: s.subscribedBy,
      subscribed_at: s.subscribedAt,
      paused_reason: s.pausedReason ?? null,
    };
    const { platform: _p, channel_id: _c, ...changes } = row;
    await this.db
      .insertInto('subscriptions')
      .values(row)
      .onConflict((oc) => oc.columns(['platform', 'channel_id']).doUpdateSet(changes))
      .execute();
  }

  async removeSubscription(platform: PlatformName, channelId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('subscriptions')
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async getSubscription(platform: PlatformName, channelId: string): Promise<Subscription | undefined> {
    const row = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row && toSubscription(row);
  }

  async channelSubscriptions(channelId: string): Promise<Subscription[]> {
    const rows = await this.db.selectFrom('subscriptions').selectAll().where('channel_id', '=', channelId).orderBy('platform').execute();
    return rows.map(toSubscription);
  }

  async activeSubscriptions(): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('paused_reason', 'is', null)
      .orderBy('platform')
      .orderBy('channel_id')
      .execute();
    return rows.map(toSubscription);
  }

  async pauseSubscription(platform: PlatformName, channelId: string, reason: string): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ paused_reason: reason })
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .execute();
  }

  async deliveriesOn(localDates: string[]): Promise<Delivery[]> {
    if (localDates.length === 0) return [];
    const rows = await this.db.selectFrom('deliveries').selectAll().where('local_date', 'in', localDates).execute();
    return rows.map(toDelivery);
  }

  async getDelivery(key: DeliveryKey): Promise<Delivery | undefined> {
    const row = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('platform', '=', key.platform)
      .where('channel_id', '=', key.channelId)
      .where('local_date', '=', key.localDate)
      .executeTakeFirst();
    return row && toDelivery(row);
  }

  async claimDelivery(key: DeliveryKey, now: number, leaseMs: number, maxAttempts: number): Promise<Claim | undefined> {
    const leaseUntil = now + leaseMs;
    // First claim of the day: the primary key lets exactly one instance insert the row.
    const inserted = await this.db
      .insertInto('deliveries')
      .values({
        platform: key.platform,
        channel_id: key.channelId,
        local_date: key.localDate,
        status: 'claimed',
        lease_until: leaseUntil,
        attempts: 1,
        next_attempt_at: null,
        message_id: null,
        fact_ids: '[]',
        sent_at: null,
        error: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['platform', 'channel_id', 'local_date']).doNothing())
      .returning(['attempts'])
      .executeTakeFirst();
    if (inserted) return { ...key, attempts: Number(inserted.attempts), leaseUntil };
    // Otherwise take over a lease that ran out (its holder crashed) or a retry that is due.
    // One UPDATE: the row lock (PostgreSQL re-checks the WHERE after waiting) lets one win.
    const taken = await this.db
      .updateTable('deliveries')
      .set((eb) => ({
        status: 'claimed',
        lease_until: leaseUntil,
        attempts: eb('attempts', '+', 1),
        next_attempt_at: null,
        updated_at: now,
      }))
      .where('platform', '=', key.platform)
      .where('channel_id', '=', key.channelId)
      .where('local_date', '=', key.localDate)
      .where('attempts', '<', maxAttempts)
      .where(takeable(now))
      .returning(['attempts'])
      .executeTakeFirst();
    return taken && { ...key, attempts: Number(taken.attempts), leaseUntil };
  }

  /** Settles a claim only if it is still ours: same attempt, still claimed. */
  private settle(claim: Claim, changes: Partial<DeliveryRow>): Promise<boolean> {
    return this.db
      .updateTable('deliveries')
      .set(changes)
      .where('platform', '=', claim.platform)
      .where('channel_id', '=', claim.channelId)
      .where('local_date', '=', claim.localDate)
      .where('status', '=', 'claimed')
      .where('attempts', '=', claim.attempts)
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) > 0);
  }

  markSent(claim: Claim, result: { messageId?: string; factIds: string[]; sentAt: number }): Promise<boolean> {
    return this.settle(claim, {
      status: 'sent',
      lease_until: null,
      message_id: result.messageId ?? null,
      fact_ids: JSON.stringify(result.factIds),
      sent_at: result.sentAt,
      error: null,
      updated_at: result.sentAt,
    });
  }

  markFailed(claim: Claim, result: { error: string; nextAttemptAt?: number; now: number }): Promise<boolean> {
    return this.settle(claim, {
      status: 'failed',
      lease_until: null,
      next_attempt_at: result.nextAttemptAt ?? null,
      error: result.error.slice(0, 500),
      updated_at: result.now,
    });
  }

  async sentDigests(platform: PlatformName, channelId: string): Promise<SentDigest[]> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select(['local_date', 'sent_at', 'fact_ids'])
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .where('status', '=', 'sent')
      .orderBy('local_date')
      .execute();
    return rows.map((r) => ({ localDate: r.local_date, sentAt: Number(r.sent_at), factIds: JSON.parse(r.fact_ids) as string[] }));
  }

  async recordKnownFacts(ids: string[], at: number): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = ids.slice(i, i + BATCH).map((id) => ({ id, first_seen_at: at }));
      await this.db
        .insertInto('known_facts')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  }

  async knownFacts(): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('known_facts').selectAll().execute();
    return new Map(rows.map((r) => [r.id, Number(r.first_seen_at)]));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
