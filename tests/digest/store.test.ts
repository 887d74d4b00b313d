/** One store suite, run on every backend: SQLite, PGlite, and PostgreSQL when TEST_DATABASE_URL is set. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/digest/types.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { migrateToLatest } from '../../stores/sql/migrations.ts';
import { type Backend, STORE_BACKENDS } from './support.ts';

const subscription = (channelId: string, fields: Partial<Subscription> = {}): Subscription => ({
  platform: 'slack',
  channelId,
  time: '09:00',
  timeZone: 'Europe/Berlin',
  topics: ['trade', 'energy'],
  subscribedBy: 'U1',
  subscribedAt: '2026-03-01T10:00:00.000Z',
  ...fields,
});

describe.each(STORE_BACKENDS)('digest store on %s', (_name, makeBackend) => {
  let backend: Backend;
  let store: KyselyDigestStore;
  // One database per backend (PGlite takes seconds to boot), emptied before each test.
  // PGlite's boot is slow on a loaded machine: give it a minute.
  beforeAll(async () => {
    backend = makeBackend();
    store = await backend.open();
  }, 60_000);
  beforeEach(async () => {
    for (const table of ['subscriptions', 'deliveries', 'known_facts'] as const) await store.db.deleteFrom(table).execute();
  });
  afterAll(async () => backend.cleanup());

  it('migrates once: running the migrations again changes nothing', async () => {
    await store.saveSubscription(subscription('C1'));
    await migrateToLatest(store.db);
    expect(await store.getSubscription('slack', 'C1')).toEqual(subscription('C1'));
  });

  it('saves, replaces, lists and removes subscriptions per platform and channel', async () => {
    await store.saveSubscription(subscription('C1'));
    await store.saveSubscription(subscription('C1', { platform: 'discord', topics: [] }));
    await store.saveSubscription(subscription('C1', { time: '07:30', subscribedBy: 'U2' }));
    expect(await store.getSubscription('slack', 'C1')).toMatchObject({ time: '07:30', subscribedBy: 'U2', topics: ['trade', 'energy'] });
    expect(await store.getSubscription('discord', 'C1')).toMatchObject({ topics: [] });
    expect((await store.activeSubscriptions()).map((s) => `${s.platform}/${s.channelId}`)).toEqual(['discord/C1', 'slack/C1']);
    expect(await store.removeSubscription('slack', 'C1')).toBe(true);
    expect(await store.removeSubscription('slack', 'C1')).toBe(false);
    expect(await store.getSubscription('slack', 'C1')).toBeUndefined();
  });

  it('finds the subscriptions of a channel id on any platform, paused ones too, by platform name (any name)', async () => {
    await store.saveSubscription(subscription('C1'));
    await store.saveSubscription(subscription('C1', { platform: 'matrix', time: '06:00' }));
    await store.saveSubscription(subscription('C2'));
    await store.pauseSubscription('slack', 'C1', 'channel_not_found');
    expect((await store.channelSubscriptions('C1')).map((s) => `${s.platform}/${s.channelId}/${s.time}/${s.pausedReason ?? ''}`)).toEqual([
      'matrix/C1/06:00/',
      'slack/C1/09:00/channel_not_found',
    ]);
    expect(await store.channelSubscriptions('C9')).toEqual([]);
  });

  it('leaves paused subscriptions out of the active list until subscribed again', async () => {
    await store.saveSubscription(subscription('C1'));
    await store.pauseSubscription('slack', 'C1', 'channel_not_found');
    expect(await store.activeSubscriptions()).toEqual([]);
    expect((await store.getSubscription('slack', 'C1'))?.pausedReason).toBe('channel_not_found');
    await store.saveSubscription(subscription('C1'));
    expect(await store.activeSubscriptions()).toHaveLength(1);
  });

  describe('claims', () => {
    const key = { platform: 'slack' as const, channelId: 'C1', localDate: '2026-03-29' };

    it('gives a channel-day to one claimant; takes over an expired lease; fences the old claimant', async () => {
      const first = await store.claimDelivery(key, 1_000, 500, 5);
      expect(first).toMatchObject({ attempts: 1, leaseUntil: 1_500 });
      expect(await store.claimDelivery(key, 1_499, 500, 5)).toBeUndefined();
      const second = await store.claimDelivery(key, 1_500, 500, 5);
      expect(second).toMatchObject({ attempts: 2 });
      expect(await store.markSent(first!, { factIds: ['a'], sentAt: 1_600 })).toBe(false);
      expect(await store.markSent(second!, { factIds: ['a', 'b'], sentAt: 1_600, messageId: 'm1' })).toBe(true);
      expect(await store.claimDelivery(key, 99_000, 500, 5)).toBeUndefined();
      expect(await store.getDelivery(key)).toMatchObject({
        status: 'sent',
        attempts: 2,
        messageId: 'm1',
        factIds: ['a', 'b'],
        sentAt: 1_600,
      });
    });

    it('retries a failure from its next attempt time, and never once given up or out of attempts', async () => {
      const first = await store.claimDelivery(key, 1_000, 500, 3);
      await store.markFailed(first!, { error: 'HTTP 503', nextAttemptAt: 5_000, now: 1_100 });
      expect(await store.claimDelivery(key, 4_999, 500, 3)).toBeUndefined();
      const second = await store.claimDelivery(key, 5_000, 500, 3);
      expect(second?.attempts).toBe(2);
      await store.markFailed(second!, { error: 'HTTP 503', nextAttemptAt: 6_000, now: 5_100 });
      const third = await store.claimDelivery(key, 6_000, 500, 3);
      await store.markFailed(third!, { error: 'HTTP 503', nextAttemptAt: 7_000, now: 6_100 });
      expect(await store.claimDelivery(key, 8_000, 500, 3)).toBeUndefined();

      const other = { ...key, channelId: 'C2' };
      const claim = await store.claimDelivery(other, 1_000, 500, 3);
      await store.markFailed(claim!, { error: 'gone', now: 1_100 });
      expect(await store.claimDelivery(other, 1e12, 500, 3)).toBeUndefined();
      expect(await store.getDelivery(other)).toMatchObject({ status: 'failed', error: 'gone', nextAttemptAt: undefined });
    });

    it('lists a day’s deliveries and a channel’s sent history, oldest first', async () => {
      for (const [channelId, localDate] of [
        ['C1', '2026-03-02'],
        ['C1', '2026-03-01'],
        ['C2', '2026-03-01'],
      ]) {
        const claim = await store.claimDelivery({ ...key, channelId, localDate }, 10, 500, 5);
        await store.markSent(claim!, { factIds: [localDate], sentAt: Date.parse(localDate) });
      }
      await store.claimDelivery({ ...key, localDate: '2026-03-03' }, 10, 500, 5);
      expect((await store.sentDigests('slack', 'C1')).map((d) => d.factIds[0])).toEqual(['2026-03-01', '2026-03-02']);
      expect(
        (await store.deliveriesOn(['2026-03-01', '2026-03-03'])).map((d) => `${d.channelId} ${d.localDate} ${d.status}`).sort(),
      ).toEqual(['C1 2026-03-01 sent', 'C1 2026-03-03 claimed', 'C2 2026-03-01 sent']);
      expect(await store.deliveriesOn([])).toEqual([]);
    });
  });

  it('keeps the first sighting of each fact', async () => {
    await store.recordKnownFacts(['a', 'b'], 100);
    const many = Array.from({ length: 450 }, (_, i) => `f${i}`);
    await store.recordKnownFacts(['b', 'c', ...many], 200);
    const known = await store.knownFacts();
    expect([known.get('a'), known.get('b'), known.get('c'), known.get('f449')]).toEqual([100, 100, 200, 200]);
    expect(known.size).toBe(453);
  });
});
