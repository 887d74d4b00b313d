/**
 * Issue 5, "Done when": two instances on one database still give one post. Two bots started
 * by startBot (app/start-bot.ts, what `npm start` runs), each with its own store connection(s)
 * to the same database, tick concurrently (who goes first alternates) over two and a half days on a fake
 * clock, for channels of both platforms in zones from Los Angeles to Auckland, across local
 * midnights and Berlin's autumn clock change. Both post through one shared fake platform,
 * which also fails some first attempts (a 503, a 429 with Retry-After), so retries race too.
 * The platform counts posts per channel and local day: exactly one each, none missing.
 *
 * Runs on the SQLite file under DATA_DIR always, and on a real PostgreSQL server when
 * TEST_DATABASE_URL is set (a schema of its own, dropped afterwards).
 */
import { DateTime } from 'luxon';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../adapters/contract.ts';
import type { Answer } from '../../src/answer/types.ts';
import type { DigestPoster, PlatformName, PostResult } from '../../src/digest/index.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { openDigestStore, openPostgresStore } from '../../stores/sql/open-store.ts';
import { TEST_DATABASE_URL } from '../digest/support.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from './support.ts';

interface SharedDatabase {
  /** Opens one more, independent connection to the test's database. */
  open(): Promise<KyselyDigestStore>;
  cleanup(): Promise<void>;
}

/** `npm start`'s default: the SQLite file under DATA_DIR, opened by each instance. */
function sqliteFile(): SharedDatabase {
  const data = tempDataDir();
  const opened: KyselyDigestStore[] = [];
  return {
    open: async () => {
      const store = await openDigestStore({ dataDir: data.dir });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      data.remove();
    },
  };
}

/** DATABASE_URL set: PostgreSQL, in a schema of this test's own (created first, so both instances find it), dropped after. */
function postgresql(url: string): SharedDatabase {
  const schema = `digest_e2e_${process.pid}_${Date.now().toString(36)}`;
  const opened: KyselyDigestStore[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  let created: Promise<void> | undefined;
  return {
    open: async () => {
      await (created ??= admin(`create schema ${schema}`));
      const store = await openPostgresStore(url, { schema });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      await admin(`drop schema if exists ${schema} cascade`);
    },
  };
}

const databaseUrl = TEST_DATABASE_URL;
const backends: [string, () => SharedDatabase][] = [['sqlite', sqliteFile]];
if (databaseUrl) backends.push(['postgresql', () => postgresql(databaseUrl)]);

interface Channel {
  platform: PlatformName;
  id: string;
  time: string;
  zone: string;
}

const CHANNELS: Channel[] = [
  { platform: 'slack', id: 'C0BERLIN', time: '09:00', zone: 'Europe/Berlin' },
  { platform: 'slack', id: 'C0NEWYORK', time: '07:30', zone: 'America/New_York' },
  { platform: 'slack', id: 'C0LOSANGELES', time: '18:00', zone: 'America/Los_Angeles' },
  { platform: 'slack', id: 'C0KOLKATA', time: '12:15', zone: 'Asia/Kolkata' },
  { platform: 'discord', id: '910000000000000001', time: '08:00', zone: 'Asia/Tokyo' },
  { platform: 'discord', id: '910000000000000002', time: '06:45', zone: 'Australia/Sydney' },
  { platform: 'discord', id: '910000000000000003', time: '23:30', zone: 'UTC' },
  { platform: 'discord', id: '910000000000000004', time: '09:00', zone: 'Pacific/Auckland' },
  // Same time and zone as other channels: due in the same tick, so the instances race for them.
  { platform: 'discord', id: '910000000000000005', time: '09:00', zone: 'Europe/Berlin' },
  { platform: 'slack', id: 'C0BERLIN2', time: '09:00', zone: 'Europe/Berlin' },
  { platform: 'discord', id: '910000000000000006', time: '07:30', zone: 'America/New_York' },
];

const START = '2026-10-24T00:00:00Z';
/** Berlin falls back on Sunday 25 October 2026. */
const END = '2026-10-26T12:00:00Z';
const STEP_MS = 10 * 60_000;

interface Delivered {
  channel: Channel;
  localDate: string;
  deliveryId: string;
  title: string;
}

/**
 * One fake platform per name, shared by both instances, as Slack or Discord would be: it
 * records each post under the channel's local date at the moment it arrives. The first
 * attempt of every third channel-day fails (alternately a 503 and a 429 with Retry-After).
 */
function sharedPlatform(
  platform: PlatformName,
  clock: FakeClock,
  delivered: Delivered[],
): DigestPoster & { attempts: Map<string, number> } {
  const attempts = new Map<string, number>();
  let calls = 0;
  return {
    platform,
    attempts,
    async post(channelId: string, digest: Answer, { deliveryId }: { deliveryId: string }): Promise<PostResult> {
      const channel = CHANNELS.find((c) => c.platform === platform && c.id === channelId);
      if (!channel) return { ok: false, kind: 'gone', error: `unknown channel ${channelId}` };
      const localDate = DateTime.fromJSDate(clock.now(), { zone: channel.zone }).toISODate() as string;
      const key = `${platform}/${channelId}/${localDate}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      // A network round trip of varying length: the other instance runs meanwhile and the two drift out of step.
      calls += 1;
      for (let i = 0; i <= (calls * 7 + attempt) % 7; i++) await new Promise((resolve) => setImmediate(resolve));
      const failing = attempt === 1 && (CHANNELS.indexOf(channel) + Number(localDate.slice(-2))) % 3 === 0;
      if (failing) {
        return CHANNELS.indexOf(channel) % 2 === 0
          ? { ok: false, kind: 'retry', error: 'HTTP 503' }
          : { ok: false, kind: 'retry', retryAfterMs: 30_000, error: 'ratelimited' };
      }
      delivered.push({ channel, localDate, deliveryId, title: digest.title });
      return { ok: true, messageId: `${platform}-${delivered.length}` };
    },
  };
}

/** Every (channel, local date) whose post time falls inside the window, after subscribing. */
function dueInWindow(channel: Channel, from: number, to: number): { localDate: string; at: number }[] {
  const days: { localDate: string; at: number }[] = [];
  let day = DateTime.fromMillis(from, { zone: channel.zone }).startOf('day').minus({ days: 1 });
  while (day.toMillis() <= to) {
    const [hour, minute] = channel.time.split(':').map(Number);
    const at = day.set({ hour, minute }).toMillis();
    if (at >= from && at <= to) days.push({ localDate: day.toISODate() as string, at });
    day = day.plus({ days: 1 });
  }
  return days;
}

/** The shared fake platform as a chat adapter: it carries only the digest. */
const adapterFor = (poster: DigestPoster): ChatAdapter => ({
  name: poster.platform,
  start: async () => ({ poster, stop: async () => undefined }),
});

describe.each(backends)('two instances on one %s database', (_name, makeDatabase) => {
  let database: SharedDatabase | undefined;
  let bots: Instance[] = [];
  afterEach(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    bots = [];
    await database?.cleanup();
    database = undefined;
  });

  it('post exactly once per channel and local day over many interleaved ticks', async () => {
    database = makeDatabase();
    const clock = new FakeClock(START);
    const delivered: Delivered[] = [];
    const platforms = [sharedPlatform('slack', clock, delivered), sharedPlatform('discord', clock, delivered)];
    for (let i = 0; i < 2; i++)
      bots.push(await startInstance({}, clock, { platforms: platforms.map(adapterFor), openStore: () => database!.open() }));
    const instances = bots.map((bot) => ({ store: bot.store, scheduler: bot.scheduler, answerer: bot.holder.answerer(), sent: 0 }));

    // Each channel subscribes through one instance or the other, by command; both see every one.
    for (const [i, channel] of CHANNELS.entries()) {
      const { answerer } = instances[i % 2];
      const answer = await answerer.answer(answerer.parseText(`digest subscribe ${channel.time} ${channel.zone}`), {
        platform: channel.platform,
        channelId: channel.id,
        userId: 'U0ADMIN',
        canManage: true,
      });
      expect(answer.title).toBe('Daily digest subscribed');
    }
    for (const instance of instances) expect(await instance.store.activeSubscriptions()).toHaveLength(CHANNELS.length);

    let turn = 0;
    let lastTick = 0;
    while (clock.now().getTime() <= Date.parse(END)) {
      lastTick = clock.now().getTime();
      const order = turn++ % 2 ? [instances[1], instances[0]] : [instances[0], instances[1]];
      const reports = await Promise.all(order.map((instance) => instance.scheduler.tick()));
      order.forEach((instance, i) => (instance.sent += reports[i].sent));
      clock.set(new Date(lastTick + STEP_MS).toISOString());
    }

    // Exactly one post per channel-day, all with that channel-day's delivery id.
    const perChannelDay = new Map<string, Delivered[]>();
    for (const d of delivered) {
      const key = `${d.channel.platform}/${d.channel.id}/${d.localDate}`;
      perChannelDay.set(key, [...(perChannelDay.get(key) ?? []), d]);
    }
    const twice = [...perChannelDay].filter(([, posts]) => posts.length > 1).map(([key, posts]) => `${key} ×${posts.length}`);
    expect(twice).toEqual([]);

    // None missing: every post time in the window has its post (those in the last step may still be pending).
    const from = Date.parse(START);
    const expected = CHANNELS.flatMap((c) =>
      dueInWindow(c, from, lastTick - STEP_MS).map((d) => `${c.platform}/${c.id}/${d.localDate}`),
    ).sort();
    const allowedLate = CHANNELS.flatMap((c) =>
      dueInWindow(c, lastTick - STEP_MS + 1, lastTick).map((d) => `${c.platform}/${c.id}/${d.localDate}`),
    );
    const got = [...perChannelDay.keys()].sort();
    expect(got.filter((k) => !allowedLate.includes(k))).toEqual(expected);
    // Over two and a half days every channel posted on two or three local days.
    for (const channel of CHANNELS) {
      const days = got.filter((k) => k.startsWith(`${channel.platform}/${channel.id}/`)).length;
      expect(days, `${channel.platform}/${channel.id}`).toBeGreaterThanOrEqual(2);
    }

    // The delivery id names the channel-day: one per key, never reused by another.
    const ids = [...perChannelDay.values()].map((posts) => posts[0].deliveryId);
    expect(new Set(ids).size).toBe(ids.length);

    // Some first attempts failed and were retried, by either instance, and still posted once.
    const retried = platforms.flatMap((p) => [...p.attempts.values()]).filter((n) => n > 1).length;
    expect(retried).toBeGreaterThan(0);

    // Both instances won some claims; together they sent exactly what the platforms got.
    expect(instances[0].sent + instances[1].sent).toBe(delivered.length);
    expect(Math.min(instances[0].sent, instances[1].sent)).toBeGreaterThan(0);

    // The store agrees: each delivered channel-day is recorded sent, once.
    const dates = [...new Set(delivered.map((d) => d.localDate))];
    const deliveries = await instances[1].store.deliveriesOn(dates);
    const sent = deliveries
      .filter((d) => d.status === 'sent')
      .map((d) => `${d.platform}/${d.channelId}/${d.localDate}`)
      .sort();
    expect(sent).toEqual(got);
  });
});
