/**
 * Several instances on one database never post twice: two schedulers, each with its own
 * connection(s), tick concurrently over two days. Runs on SQLite (two connections to one
 * file) always, and on a real PostgreSQL server when TEST_DATABASE_URL is set.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DigestScheduler } from '../../src/digest/scheduler.ts';
import { memoryLogger } from '../../src/log.ts';
import { type Backend, FakeClock, fakePoster, MULTI_INSTANCE_BACKENDS, realBase, UNPACED } from './support.ts';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Shanghai', 'Australia/Sydney', 'Asia/Kolkata'];

describe.each(MULTI_INSTANCE_BACKENDS)('two schedulers on one %s database', (_name, makeBackend) => {
  let backend: Backend;
  afterEach(async () => backend.cleanup());

  it('give exactly one post per channel and local day over many concurrent ticks', async () => {
    backend = makeBackend();
    const [storeA, storeB] = [await backend.open(), await backend.open()];
    const clock = new FakeClock('2026-03-07T00:00:00Z');
    for (let i = 0; i < 18; i++) {
      await storeA.saveSubscription({
        platform: i % 2 ? 'discord' : 'slack',
        channelId: `C${i}`,
        time: `${String((i * 5) % 24).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
        timeZone: ZONES[i % ZONES.length],
        topics: [],
        subscribedBy: 'U1',
        subscribedAt: clock.now().toISOString(),
      });
    }
    // One fake platform per name, shared by both instances: it sees every post either makes.
    const slack = fakePoster('slack', clock);
    const discord = fakePoster('discord', clock);
    const make = (store: typeof storeA) =>
      new DigestScheduler({ store, ...realBase(), posters: [slack, discord], logger: memoryLogger(), clock, settings: UNPACED });
    const [a, b] = [make(storeA), make(storeB)];

    const end = Date.parse('2026-03-09T12:00:00Z'); // across the New York DST switch
    const sentBy = { a: 0, b: 0 };
    let turn = 0;
    while (clock.now().getTime() < end) {
      // Alternate who starts first, so both race for the same claims.
      const [first, second] = turn++ % 2 ? [b, a] : [a, b];
      const [r1, r2] = await Promise.all([first.tick(), second.tick()]);
      sentBy[first === a ? 'a' : 'b'] += r1.sent;
      sentBy[second === a ? 'a' : 'b'] += r2.sent;
      clock.advance(10 * 60_000);
    }

    const posts = [...slack.posts, ...discord.posts];
    const perChannelDay = new Map<string, number>();
    for (const p of posts)
      perChannelDay.set(
        `${p.platform}/${p.channelId}/${p.deliveryId}`,
        (perChannelDay.get(`${p.platform}/${p.channelId}/${p.deliveryId}`) ?? 0) + 1,
      );
    expect([...perChannelDay.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    // Every channel posted on each of its local days in the window (2 or 3, by zone and time).
    const perChannel = new Map<string, number>();
    for (const p of posts) perChannel.set(p.channelId, (perChannel.get(p.channelId) ?? 0) + 1);
    expect(perChannel.size).toBe(18);
    const sent = await storeB.db.selectFrom('deliveries').select(['platform', 'channel_id', 'local_date', 'status']).execute();
    expect(sent.filter((d) => d.status !== 'sent')).toEqual([]);
    expect(sent.length).toBe(posts.length);
    expect(sentBy.a + sentBy.b).toBe(posts.length);
    expect(Math.min(sentBy.a, sentBy.b)).toBeGreaterThan(0);
  });

  it("honour a channel's Retry-After across instances: the other instance waits it out too", async () => {
    backend = makeBackend();
    const [storeA, storeB] = [await backend.open(), await backend.open()];
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    for (const channelId of ['C0LIMITED', 'C0FREE']) {
      await storeA.saveSubscription({
        platform: 'slack',
        channelId,
        time: '09:00',
        timeZone: 'UTC',
        topics: [],
        subscribedBy: 'U1',
        subscribedAt: '2026-01-01T00:00:00Z',
      });
    }
    const limited: number[] = [];
    const slack = fakePoster('slack', clock, (channelId) => {
      if (channelId !== 'C0LIMITED') return { ok: true };
      limited.push(clock.now().getTime());
      return limited.length === 1 ? { ok: false, kind: 'retry', retryAfterMs: 120_000, error: 'ratelimited' } : { ok: true };
    });
    const a = new DigestScheduler({ store: storeA, ...realBase(), posters: [slack], logger: memoryLogger(), clock, settings: UNPACED });
    const b = new DigestScheduler({ store: storeB, ...realBase(), posters: [slack], logger: memoryLogger(), clock, settings: UNPACED });
    await a.tick();
    expect(slack.posts.map((p) => p.channelId)).toEqual(['C0FREE']);
    // Instance B has never seen the 429, yet it waits: the hold is the channel's, in the store.
    for (const step of [30_000, 30_000, 30_000, 29_000]) {
      clock.advance(step);
      await b.tick();
    }
    expect(limited).toHaveLength(1);
    clock.advance(2_000);
    await b.tick();
    await a.tick();
    expect(limited).toHaveLength(2);
    expect(limited[1] - limited[0]).toBeGreaterThanOrEqual(120_000);
    expect(slack.posts.map((p) => p.channelId)).toEqual(['C0FREE', 'C0LIMITED']);
  });
});
