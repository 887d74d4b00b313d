/** The scheduler under a fake clock: time zones and DST, restarts, crashes, retries, gone channels, pacing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Composer } from '../../src/answer/compose.ts';
import { DigestScheduler, type DigestSchedulerSettings, digestDeliveryId } from '../../src/digest/scheduler.ts';
import type { PostResult, Subscription } from '../../src/digest/types.ts';
import { memoryLogger } from '../../src/log.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { type Backend, FakeClock, fakePoster, realBase, sqliteBackend, UNPACED } from './support.ts';

const MINUTE = 60_000;

const subscription = (fields: Partial<Subscription> = {}): Subscription => ({
  platform: 'slack',
  channelId: 'C1',
  time: '09:00',
  timeZone: 'UTC',
  topics: [],
  subscribedBy: 'U1',
  subscribedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

let backend: Backend;
let store: KyselyDigestStore;
beforeEach(async () => {
  backend = sqliteBackend();
  store = await backend.open();
});
afterEach(async () => backend.cleanup());

function scheduler(
  clock: FakeClock,
  respond?: (channelId: string, call: number) => PostResult,
  settings: Partial<DigestSchedulerSettings> = UNPACED,
) {
  const logger = memoryLogger();
  const slack = fakePoster('slack', clock, respond);
  const discord = fakePoster('discord', clock, respond);
  const instance = new DigestScheduler({ store, ...realBase(), posters: [slack, discord], logger, clock, sleep: clock.sleep, settings });
  return { instance, logger, slack, discord };
}

/** Ticks every `stepMs` from the clock's time until `untilIso`. */
async function tickUntil(s: { instance: DigestScheduler }, clock: FakeClock, untilIso: string, stepMs = MINUTE) {
  const until = Date.parse(untilIso);
  while (clock.now().getTime() <= until) {
    await s.instance.tick();
    clock.advance(stepMs);
  }
}

const deliveryLines = (logger: ReturnType<typeof memoryLogger>) => logger.entries.filter((e) => e.msg === 'digest delivery');

describe('time zones and daylight saving', () => {
  it.each([
    // Spring forward: 02:30 does not exist in Berlin on 29 Mar 2026; it posts once, at 03:30 CEST.
    ['Europe/Berlin', '02:30', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', ['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z']],
    // Fall back: 02:30 happens twice on 25 Oct 2026; it posts once, at the first.
    ['Europe/Berlin', '02:30', '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']],
    ['America/New_York', '02:30', '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z', ['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']],
    ['America/New_York', '01:30', '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z', ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']],
    [
      'America/New_York',
      '09:00',
      '2026-10-31T12:00:00Z',
      '2026-11-02T15:00:00Z',
      ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z'],
    ],
  ])('%s at %s: one post a local day, at the local time', async (timeZone, time, from, to, expected) => {
    const clock = new FakeClock(from);
    await store.saveSubscription(subscription({ timeZone, time, subscribedAt: new Date(from).toISOString() }));
    const s = scheduler(clock);
    await tickUntil(s, clock, to);
    expect(s.slack.posts.map((p) => new Date(p.at).toISOString())).toEqual(expected);
    expect(new Set(s.slack.posts.map((p) => p.deliveryId)).size).toBe(s.slack.posts.length);
  });

  it('counts the day in the channel’s zone, not UTC', async () => {
    // 09:00 in Shanghai is 01:00 UTC; 09:00 in Los Angeles is 17:00 UTC the same local date.
    const clock = new FakeClock('2026-06-01T00:00:00Z');
    const subscribedAt = clock.now().toISOString();
    await store.saveSubscription(subscription({ channelId: 'SH', timeZone: 'Asia/Shanghai', subscribedAt }));
    await store.saveSubscription(subscription({ channelId: 'LA', timeZone: 'America/Los_Angeles', subscribedAt }));
    const s = scheduler(clock);
    await tickUntil(s, clock, '2026-06-01T23:59:00Z', 5 * MINUTE);
    expect(s.slack.posts.map((p) => [p.channelId, new Date(p.at).toISOString(), p.title])).toEqual([
      ['SH', '2026-06-01T01:00:00.000Z', expect.stringContaining('1 Jun 2026')],
      ['LA', '2026-06-01T16:00:00.000Z', expect.stringContaining('1 Jun 2026')],
    ]);
  });
});

describe('restarts', () => {
  it('before the post time: the new instance posts once, at the time', async () => {
    const clock = new FakeClock('2026-05-04T06:00:00Z');
    await store.saveSubscription(subscription());
    await tickUntil(scheduler(clock), clock, '2026-05-04T08:00:00Z', 10 * MINUTE);
    const restarted = scheduler(clock);
    await tickUntil(restarted, clock, '2026-05-04T23:00:00Z', 10 * MINUTE);
    expect(restarted.slack.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2026-05-04T09:00:00.000Z']);
  });

  it('after the post time: catches up once the same day, and a second restart posts nothing more', async () => {
    const clock = new FakeClock('2026-05-04T07:00:00Z');
    await store.saveSubscription(subscription());
    const before = scheduler(clock);
    await tickUntil(before, clock, '2026-05-04T08:50:00Z', 10 * MINUTE);
    clock.set('2026-05-04T11:17:00Z'); // down over 09:00
    const after = scheduler(clock);
    await tickUntil(after, clock, '2026-05-04T12:00:00Z', 10 * MINUTE);
    const again = scheduler(clock);
    await tickUntil(again, clock, '2026-05-04T23:50:00Z', 10 * MINUTE);
    expect([before.slack.posts.length, after.slack.posts.map((p) => new Date(p.at).toISOString()), again.slack.posts.length]).toEqual([
      0,
      ['2026-05-04T11:17:00.000Z'],
      0,
    ]);
  });

  it('never posts yesterday’s: down over a whole post time, it waits for today’s', async () => {
    const clock = new FakeClock('2026-05-04T08:00:00Z');
    await store.saveSubscription(subscription());
    clock.set('2026-05-05T08:30:00Z'); // down from before 09:00 yesterday until before 09:00 today
    const s = scheduler(clock);
    await tickUntil(s, clock, '2026-05-05T10:00:00Z', 10 * MINUTE);
    expect(s.slack.posts.map((p) => [new Date(p.at).toISOString(), p.deliveryId.slice(0, 8)])).toEqual([
      ['2026-05-05T09:00:00.000Z', '20260505'],
    ]);
    expect(await store.getDelivery({ platform: 'slack', channelId: 'C1', localDate: '2026-05-04' })).toBeUndefined();
  });

  it('a channel subscribed after today’s time gets its first post tomorrow', async () => {
    const clock = new FakeClock('2026-05-04T10:00:00Z');
    await store.saveSubscription(subscription({ subscribedAt: '2026-05-04T09:30:00.000Z' }));
    const s = scheduler(clock);
    await tickUntil(s, clock, '2026-05-05T10:00:00Z', 10 * MINUTE);
    expect(s.slack.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2026-05-05T09:00:00.000Z']);
  });
});

describe('failures', () => {
  it('a crash after the claim and before the post is delivered once, by another instance, after the lease', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await store.saveSubscription(subscription());
    // The crashed instance claimed and died: nothing was posted.
    const lease = 5 * MINUTE;
    await store.claimDelivery({ platform: 'slack', channelId: 'C1', localDate: '2026-05-04' }, clock.now().getTime(), lease, 8);
    const survivor = scheduler(clock, undefined, { ...UNPACED, leaseMs: lease });
    await tickUntil(survivor, clock, '2026-05-04T09:04:00Z');
    expect(survivor.slack.posts).toHaveLength(0);
    await tickUntil(survivor, clock, '2026-05-04T12:00:00Z');
    expect(survivor.slack.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2026-05-04T09:05:00.000Z']);
    expect(await store.getDelivery({ platform: 'slack', channelId: 'C1', localDate: '2026-05-04' })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('a 429 is retried after its Retry-After, with one log line per try', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await store.saveSubscription(subscription());
    const s = scheduler(clock, (_c, call) =>
      call === 1 ? { ok: false, kind: 'retry', retryAfterMs: 150_000, error: 'ratelimited' } : { ok: true },
    );
    await tickUntil(s, clock, '2026-05-04T10:00:00Z', 30_000);
    expect(s.slack.calls).toBe(2);
    expect(s.slack.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2026-05-04T09:02:30.000Z']);
    expect(deliveryLines(s.logger).map((e) => [e.level, e.outcome, e.platform, e.channel, e.localDate, e.retryInMs])).toEqual([
      ['warn', 'retry', 'slack', 'C1', '2026-05-04', 150_000],
      ['info', 'sent', 'slack', 'C1', '2026-05-04', undefined],
    ]);
  });

  it('backs off without a Retry-After, and gives up for the day after the last attempt', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await store.saveSubscription(subscription());
    const s = scheduler(clock, () => ({ ok: false, kind: 'retry', error: 'HTTP 503' }), { ...UNPACED, backoffMs: MINUTE, maxAttempts: 4 });
    await tickUntil(s, clock, '2026-05-04T12:00:00Z');
    expect(deliveryLines(s.logger).map((e) => [e.outcome, e.retryInMs])).toEqual([
      ['retry', 60_000],
      ['retry', 120_000],
      ['retry', 240_000],
      ['gave-up', undefined],
    ]);
    // The next day is a fresh start.
    await tickUntil(s, clock, '2026-05-05T09:00:00Z');
    expect(s.slack.calls).toBe(5);
  });

  it('a channel that is gone pauses its subscription with one log line', async () => {
    const clock = new FakeClock('2026-05-04T08:59:00Z');
    await store.saveSubscription(subscription());
    await store.saveSubscription(subscription({ channelId: 'C2' }));
    const s = scheduler(clock, (channelId) =>
      channelId === 'C1' ? { ok: false, kind: 'gone', error: 'channel_not_found' } : { ok: true },
    );
    await tickUntil(s, clock, '2026-05-06T12:00:00Z', 10 * MINUTE);
    expect(s.slack.posts.map((p) => p.channelId)).toEqual(['C2', 'C2', 'C2']);
    const paused = deliveryLines(s.logger).filter((e) => e.channel === 'C1');
    expect(paused).toEqual([
      expect.objectContaining({ level: 'warn', outcome: 'paused', platform: 'slack', localDate: '2026-05-04', error: 'channel_not_found' }),
    ]);
    expect((await store.getSubscription('slack', 'C1'))?.pausedReason).toBe('channel_not_found');
  });

  it('a poster that throws is treated as a passing failure', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await store.saveSubscription(subscription());
    const s = scheduler(clock, (_c, call) => {
      if (call === 1) throw new Error('socket hang up');
      return { ok: true };
    });
    await tickUntil(s, clock, '2026-05-04T10:00:00Z');
    expect(s.slack.posts).toHaveLength(1);
    expect(deliveryLines(s.logger)[0]).toMatchObject({ outcome: 'retry', error: 'socket hang up' });
  });

  it('skips a platform with no poster with one log line', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await store.saveSubscription(subscription({ platform: 'discord' }));
    const logger = memoryLogger();
    const instance = new DigestScheduler({ store, ...realBase(), posters: [], logger, clock, settings: UNPACED });
    await tickUntil({ instance }, clock, '2026-05-04T10:00:00Z');
    expect(deliveryLines(logger)).toEqual([
      expect.objectContaining({ outcome: 'skipped', platform: 'discord', channel: 'C1', localDate: '2026-05-04' }),
    ]);
  });
});

describe('the base it is given', () => {
  it('composes with the composer it is given, and works out each fact group once across channels and ticks', async () => {
    const { knowledge } = realBase();
    const composer = new Composer(knowledge);
    const grouped: string[] = [];
    let posts = 0;
    const compose = composer.compose.bind(composer);
    composer.compose = (facts, ...rest) => {
      if (facts.length === 1) grouped.push(facts[0].id);
      else posts += 1;
      return compose(facts, ...rest);
    };
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await store.saveSubscription(subscription({ channelId: 'C1' }));
    await store.saveSubscription(subscription({ channelId: 'C2' }));
    const slack = fakePoster('slack', clock);
    const instance = new DigestScheduler({
      store,
      knowledge,
      composer,
      posters: [slack],
      logger: memoryLogger(),
      clock,
      sleep: clock.sleep,
      settings: UNPACED,
    });
    await instance.tick();
    clock.set('2026-05-05T09:00:00Z');
    await instance.tick();
    expect(slack.posts.map((p) => p.channelId).sort()).toEqual(['C1', 'C1', 'C2', 'C2']);
    expect(posts).toBe(4);
    // Two channels with the same topics on two days: no fact's group is worked out twice.
    expect(grouped.length).toBeGreaterThan(0);
    expect(grouped.filter((id, i) => grouped.indexOf(id) !== i)).toEqual([]);
  });
});

describe('pacing and delivery ids', () => {
  it('spreads posts at the global pace, waiting on the (fake) clock', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    for (let i = 0; i < 5; i++) await store.saveSubscription(subscription({ channelId: `C${i}` }));
    // One worker: on a fake clock, concurrent waits would move it for each other.
    const s = scheduler(clock, undefined, { postsPerSecond: 2, channelGapMs: 1_000, concurrency: 1 });
    await s.instance.tick();
    const times = s.slack.posts.map((p) => p.at - Date.parse('2026-05-04T09:00:00Z'));
    expect(times).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('derives a delivery id from platform, channel and local date, the same as before it was renamed', () => {
    const key = { platform: 'discord', channelId: '123456789012345678', localDate: '2026-05-04' };
    const id = digestDeliveryId(key);
    // The value posts already carry (Slack metadata, Discord nonces): a retry across an upgrade still matches.
    expect(id).toBe('202605042f2dbf6c997f55bc2');
    expect(
      new Set([
        id,
        digestDeliveryId({ ...key, localDate: '2026-05-05' }),
        digestDeliveryId({ ...key, channelId: '1' }),
        digestDeliveryId({ ...key, platform: 'slack' }),
      ]).size,
    ).toBe(4);
  });
});
