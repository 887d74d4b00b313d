/**
 * The daily digest, the same on every platform: a channel subscribed by a slash command gets
 * exactly one post once its local time has passed, none before, and none more after the bot
 * is stopped and a new one started on the same store. The steps share one bot and one clock
 * and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, FakeClock, type PlatformDriver, type Sent } from './drivers/index.ts';
import { type ScenarioStore, STORES } from './stores.ts';

const TODAY = 'Daily digest, 10 Jun 2026: Trade';
const TOMORROW = 'Daily digest, 11 Jun 2026: Trade';

const RUNS = DRIVERS.flatMap((driver) => STORES.map((store) => ({ name: `${driver.name}, ${store.name}`, driver, store })));

describe.each(RUNS)('$name', ({ driver: platform, store: storeKind }) => {
  let driver: PlatformDriver;
  let store: ScenarioStore;
  // 07:30 in Berlin (CEST, UTC+2) on Wednesday 10 June 2026.
  const clock = new FakeClock('2026-06-10T05:30:00Z');
  const digests = (): Sent[] => driver.channelPosts().filter((p) => p.title?.startsWith('Daily digest'));
  const tickAt = async (iso: string) => {
    clock.set(iso);
    return driver.instance.scheduler.tick();
  };

  beforeAll(async () => {
    store = storeKind.create();
    driver = platform.create();
    await driver.start(clock, await store.env());
  });

  afterAll(async () => {
    await driver?.stop();
    await store?.cleanup();
  });

  it('a channel subscribed for 09:00 Berlin time gets nothing at 08:59', async () => {
    const [confirmed] = (await driver.slash({ digest: 'subscribe', time: '09:00', zone: 'Europe/Berlin', topics: 'trade' })).sent;
    expect(confirmed).toMatchObject({ kind: 'ephemeral', title: 'Daily digest subscribed' });
    expect((await tickAt('2026-06-10T06:59:00Z')).sent).toBe(0);
    expect(digests()).toEqual([]);
  });

  it('at 09:01 it gets one post in the channel, not in a thread, pinging nobody; more ticks add none', async () => {
    expect((await tickAt('2026-06-10T07:01:00Z')).sent).toBe(1);
    for (const at of ['2026-06-10T07:02:00Z', '2026-06-10T07:15:00Z']) expect((await tickAt(at)).sent).toBe(0);
    const posts = digests();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ kind: 'message', channel: driver.channel, title: TODAY, pings: [] });
    expect(posts[0].thread).toBeUndefined();
    expect(posts[0].share).toBeUndefined();
    expect(posts[0].text).toContain('[1]');
  });

  it('after a restart on the same store: no second post that day', async () => {
    await driver.restart();
    for (const at of ['2026-06-10T07:30:00Z', '2026-06-10T12:00:00Z', '2026-06-11T06:59:00Z']) expect((await tickAt(at)).sent).toBe(0);
    expect(digests().map((p) => p.title)).toEqual([TODAY]);
  });

  it('the new bot posts the next day, once', async () => {
    expect((await tickAt('2026-06-11T07:05:00Z')).sent).toBe(1);
    expect((await tickAt('2026-06-11T07:30:00Z')).sent).toBe(0);
    expect(digests().map((p) => p.title)).toEqual([TODAY, TOMORROW]);
  });
});
