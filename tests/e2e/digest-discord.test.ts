/**
 * Issue 5, "Done when", on Discord, as a new user would: the bot started as `npm start` starts
 * it (real discord.js client and REST against the fake Discord, real SQLite file under
 * DATA_DIR), `/sinorussia digest …` used by a member who may manage the channel and by one
 * who may not, the fake clock moved past 09:00 in the channel's zone: exactly one post per
 * local day, with a nonce Discord dedupes on; a restart on the same database: none more.
 *
 * The steps share one bot and one clock and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TREND_MARK } from '../../src/digest/select.ts';
import { digestInteraction, FakeDiscord, IDS, type RecordedCall } from '../discord/fake-discord.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from './support.ts';

const EPHEMERAL = 64;
const DEFERRED = 5;
/** View Channel and Send Messages, but not Manage Channels (16) or Administrator (8). */
const MEMBER_WITHOUT_MANAGE = String(1024 + 2048);
/** View Channel, Send Messages and Manage Channels, without Administrator. */
const MEMBER_WITH_MANAGE = String(1024 + 2048 + 16);

let fake: FakeDiscord;
let data: ReturnType<typeof tempDataDir>;
let bot: Instance;
let env: Record<string, string>;
// 07:30 in Berlin (CEST, UTC+2) on Wednesday 10 June 2026.
const clock = new FakeClock('2026-06-10T05:30:00Z');

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  data = tempDataDir();
  env = { DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: fake.apiUrl, DATA_DIR: data.dir };
  bot = await startInstance(env, clock);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  data?.remove();
});

/** Resolves with the first call matching, or fails the test after `ms` (never hangs). */
async function callWithin(match: (c: RecordedCall) => boolean, after: number, what: string, ms = 5000): Promise<RecordedCall> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([fake.waitForCall(match, after), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `/sinorussia digest <action>` by a member with these permissions (in a thread of `threadOf`); the edit that answers. */
async function digest(action: string, options: Record<string, string>, permissions: string, threadOf?: string) {
  const interaction = digestInteraction(fake, action, options, { permissions, threadOf });
  const start = fake.calls.length;
  fake.dispatch('INTERACTION_CREATE', interaction);
  const callback = await callWithin(
    (c) => c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`,
    start,
    `the callback of digest ${action}`,
  );
  const edit = await callWithin(
    (c) => c.method === 'PATCH' && c.path === `/api/v10/webhooks/${IDS.app}/${interaction.token}/messages/@original`,
    start,
    `the answer to digest ${action}`,
  );
  // Only the asker sees it: a deferred ephemeral reply, then its edit; nothing else.
  expect(callback.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
  expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  return edit.body.embeds[0] as { title: string; description?: string; fields?: { name: string; value: string }[] };
}

const embedText = (embed: { title: string; description?: string; fields?: { value: string }[] }) =>
  [embed.title, embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)].join('\n');
/** Every message the bot created in the channel (digest posts and anything else). */
const channelPosts = () => fake.calls.filter((c) => c.method === 'POST' && c.path === `/api/v10/channels/${IDS.channel}/messages`);

/** The facts a digest shows: its numbered items and variant sides, without numbers, dates and citations. */
function itemTexts(embed: { description?: string }): string[] {
  // Sources that agree in their own words are one item: its numbered line, then a "> " line each.
  const lines: string[] = [];
  let agreeing = false;
  for (const line of (embed.description ?? '').split('\n')) {
    if (/^\*\*\d+\.\*\* /.test(line)) agreeing = / sources agree`$/.test(line);
    if (agreeing && line.startsWith('> ')) lines[lines.length - 1] += ` ${line}`;
    else lines.push(line);
  }
  return lines
    .filter((line) => /^\*\*\d+\.\*\* /.test(line) || line.startsWith('> '))
    .map((line) =>
      line
        .replace(/^\*\*\d+\.\*\* (`[^`]*` )?/, '')
        .replace(/^> (`[^`]*` )?/, '')
        .replace(/\s*(\[\d+\])+$/, '')
        .trim(),
    )
    .filter((line) => line && line !== 'Sources differ:');
}

/** Each cited number is listed under Sources. */
function expectSourced(embed: { description?: string; fields?: { name: string; value: string }[] }): void {
  const cited = new Set([...(embed.description ?? '').matchAll(/\[(\d+)\](?!\*)/g)].map((m) => m[1]));
  const listed = new Set((embed.fields ?? []).flatMap((f) => [...f.value.matchAll(/^\*\*\[(\d+)\]\*\* /gm)].map((m) => m[1])));
  expect(embed.fields?.[0]?.name).toBe('Sources');
  expect(cited.size).toBeGreaterThan(0);
  expect([...cited].sort()).toEqual([...listed].sort());
}

function expectDigestPost(call: RecordedCall, date: string) {
  expect(call.authorization).toBe(`Bot ${FAKE_DISCORD_TOKEN}`);
  expect(typeof call.body.nonce).toBe('string');
  expect(call.body.nonce.length).toBeGreaterThan(0);
  expect(call.body.nonce.length).toBeLessThanOrEqual(25);
  expect(call.body.enforce_nonce).toBe(true);
  expect(call.body.allowed_mentions).toEqual({ parse: [] });
  expect(call.body.embeds).toHaveLength(1);
  expect(call.body.embeds[0].title).toBe(`Daily digest, ${date}: Trade`);
  expectSourced(call.body.embeds[0]);
}

async function tickAt(iso: string) {
  clock.set(iso);
  return bot.scheduler.tick();
}

let firstDayItems: string[] = [];

describe('the daily digest on Discord, end to end', () => {
  it('a member without Manage Channels is refused, and nothing is subscribed', async () => {
    const embed = await digest('subscribe', { time: '09:00', zone: 'Europe/Berlin', topics: 'trade' }, MEMBER_WITHOUT_MANAGE);
    expect(embed.title).toBe('Not allowed');
    expect(await bot.store.getSubscription('discord', IDS.channel)).toBeUndefined();
  });

  it('a member with Manage Channels subscribes: confirmed privately, stored with who did', async () => {
    const embed = await digest('subscribe', { time: '09:00', zone: 'Europe/Berlin', topics: 'trade' }, MEMBER_WITH_MANAGE);
    expect(embed.title).toBe('Daily digest subscribed');
    expect(embedText(embed)).toContain('Every day at 09:00 Europe/Berlin in #general, on trade; next post Wed 10 Jun 2026, 09:00');
    expect(await bot.store.getSubscription('discord', IDS.channel)).toMatchObject({
      time: '09:00',
      timeZone: 'Europe/Berlin',
      topics: ['trade'],
      subscribedBy: IDS.user,
    });
    expect(channelPosts()).toEqual([]);
  });

  it('status (asked by anyone) shows the setting and the next due time, privately', async () => {
    const embed = await digest('status', {}, MEMBER_WITHOUT_MANAGE);
    expect(embed.title).toBe('Daily digest: active');
    const text = embedText(embed);
    expect(text).toContain('09:00 Europe/Berlin');
    expect(text).toMatch(/next post.*Wed 10 Jun 2026, 09:00/);
  });

  it("status from a thread of the channel is the channel's, and says so; the thread has no digest of its own", async () => {
    const embed = await digest('status', {}, MEMBER_WITHOUT_MANAGE, IDS.channel);
    expect(embed.title).toBe('Daily digest: active');
    expect(embedText(embed)).toContain('Every day at 09:00 Europe/Berlin in #general, on trade');
    expect(await bot.store.getSubscription('discord', IDS.thread)).toBeUndefined();
  });

  it("preview shows tomorrow's post privately and posts nothing in the channel", async () => {
    const embed = await digest('preview', {}, MEMBER_WITHOUT_MANAGE);
    expect(embed.title).toBe('Daily digest, 11 Jun 2026: Trade');
    expect(itemTexts(embed).length).toBeGreaterThanOrEqual(3);
    expectSourced(embed);
    expect(channelPosts()).toEqual([]);
  });

  it('at 08:59 Berlin time a tick posts nothing; at 09:01 exactly one post with a nonce', async () => {
    expect((await tickAt('2026-06-10T06:59:00Z')).sent).toBe(0);
    expect(channelPosts()).toEqual([]);

    expect((await tickAt('2026-06-10T07:01:00Z')).sent).toBe(1);
    const posts = channelPosts();
    expect(posts).toHaveLength(1);
    expectDigestPost(posts[0], '10 Jun 2026');
    firstDayItems = itemTexts(posts[0].body.embeds[0]);
    // 3–5 facts of the day, and the figures added beside them for the trend, marked, which come only with the chart they make.
    const trend = (posts[0].body.embeds[0].description ?? '').split('\n').filter((l) => l.includes(`\`${TREND_MARK}`)).length;
    expect(firstDayItems.length - trend).toBeGreaterThanOrEqual(3);
    expect(firstDayItems.length - trend).toBeLessThanOrEqual(5);
    expect(trend).toBeGreaterThan(0);
    // The chart as a PNG the embed shows, its description naming every point.
    const [file] = posts[0].files ?? [];
    expect(file?.field).toBe('files[0]');
    expect(file?.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(file?.size).toBeGreaterThan(1000);
    expect(file?.size).toBeLessThan(1_000_000);
    expect(posts[0].body.embeds[0].image?.url).toBe('attachment://chart.png');
    expect(posts[0].body.attachments[0].description).toMatch(
      /^Bilateral trade, USD billion\. 2018: more than 100 \[\d[^\]]*\]; 2022: 190 \[\d+\]; 2024 target: 200 \[\d+\]\./,
    );
    // 👍 / 👎 naming the post's day (its channel comes with the click).
    expect(posts[0].body.components[0].components.map((c) => c.custom_id)).toEqual(['sr-fbd:up:2026-06-10', 'sr-fbd:down:2026-06-10']);

    for (const at of ['2026-06-10T07:02:00Z', '2026-06-10T07:15:00Z', '2026-06-10T07:25:00Z']) expect((await tickAt(at)).sent).toBe(0);
    expect(channelPosts()).toHaveLength(1);
  });

  it('after a restart at 09:30 on the same SQLite file: nothing more that day; the subscription survived', async () => {
    await bot.stop();
    clock.set('2026-06-10T07:30:00Z');
    bot = await startInstance(env, clock);
    expect((await bot.scheduler.tick()).sent).toBe(0);

    // A member without Manage Channels cannot stop it either.
    expect((await digest('unsubscribe', {}, MEMBER_WITHOUT_MANAGE)).title).toBe('Not allowed');
    const status = await digest('status', {}, MEMBER_WITHOUT_MANAGE);
    expect(status.title).toBe('Daily digest: active');
    expect(embedText(status)).toMatch(/next post.*Thu 11 Jun 2026, 09:00/);

    for (let at = Date.parse('2026-06-10T07:45:00Z'); at <= Date.parse('2026-06-11T06:59:00Z'); at += 20 * 60_000) {
      clock.set(new Date(at).toISOString());
      expect((await bot.scheduler.tick()).sent).toBe(0);
    }
    expect(channelPosts()).toHaveLength(1);
  });

  it('the next day after 09:00: one more post, with its own nonce and no fact of the first', async () => {
    expect((await tickAt('2026-06-11T07:05:00Z')).sent).toBe(1);
    expect((await tickAt('2026-06-11T07:40:00Z')).sent).toBe(0);
    const posts = channelPosts();
    expect(posts).toHaveLength(2);
    expectDigestPost(posts[1], '11 Jun 2026');
    expect(posts[1].body.nonce).not.toBe(posts[0].body.nonce);
    const secondDayItems = itemTexts(posts[1].body.embeds[0]);
    expect(secondDayItems.length).toBeGreaterThanOrEqual(3);
    expect(secondDayItems.filter((t) => firstDayItems.includes(t))).toEqual([]);
    const [first, second] = await bot.store.sentDigests('discord', IDS.channel);
    expect(second.factIds.filter((id) => first.factIds.includes(id))).toEqual([]);
  });
});
