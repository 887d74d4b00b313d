/**
 * Issue 5, "Done when", on Slack, as a new user would: the bot started as `npm start` starts
 * it (real Bolt app in HTTP mode, real SQLite file under DATA_DIR, real Web API client against
 * the fake Slack), a channel subscribed by a signed slash command, status and preview seen,
 * the fake clock moved past 09:00 in the channel's zone: exactly one post; a restart on the
 * same database: none more; the next day: one more, repeating nothing.
 *
 * The steps share one bot and one clock and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../../adapters/slack/app.ts';
import { TREND_MARK } from '../../src/digest/select.ts';
import { decodeTarget } from '../../src/feedback/target.ts';
import { type ApiCall, type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, FORM, post, SIGNING_SECRET } from '../slack/signed-requests.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from './support.ts';

const CHANNEL = 'C0E2EDIGEST';
const USER = 'U0E2ESUB';

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
}

let fake: FakeSlack;
let data: ReturnType<typeof tempDataDir>;
let bot: Instance;
let env: Record<string, string>;
// 07:30 in Berlin (CEST, UTC+2) on Wednesday 10 June 2026.
const clock = new FakeClock('2026-06-10T05:30:00Z');
let responseCount = 0;

beforeAll(async () => {
  fake = await startFakeSlack();
  data = tempDataDir();
  env = { SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', SLACK_API_URL: fake.apiUrl, DATA_DIR: data.dir };
  bot = await startInstance(env, clock);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  data?.remove();
});

const endpoint = () => `http://127.0.0.1:${(bot.adapters[0].running as RunningSlack).port}/slack/events`;

/** Types `/sinorussia <text>` in the channel; resolves with what came back on the response_url. */
async function slash(text: string, user = USER): Promise<Record<string, unknown>> {
  const id = `e2e-${++responseCount}`;
  const res = await post(endpoint(), commandBody(text, fake.responseUrl(id), { channel_id: CHANNEL, user_id: user }), FORM);
  expect(res.status).toBe(200);
  await fake.until(() => fake.responses.some((r) => r.id === id), `the answer to /sinorussia ${text}`);
  const answers = fake.responses.filter((r) => r.id === id);
  expect(answers).toHaveLength(1);
  return answers[0].body;
}

const channelPosts = (): ApiCall[] => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === CHANNEL);
const anyPostInChannel = () =>
  fake.calls.filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral') && c.params.channel === CHANNEL);
const header = (blocks: unknown) => (blocks as Block[]).find((b) => b.type === 'header')?.text?.text;
const allText = (blocks: unknown) =>
  (blocks as Block[])
    .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text)])
    .join('\n');

/** The facts a digest shows, as item texts: section lines and variant fields, without the date and citation marks. */
function itemTexts(blocks: unknown): string[] {
  const lines = (blocks as Block[])
    .filter((b) => b.type === 'section')
    .flatMap((b) => (b.fields?.length ? b.fields.map((f) => f.text) : (b.text?.text ?? '').split('\n')));
  // Sources that agree in their own words are one item: a label line, then a "• " line each.
  const items: string[] = [];
  for (const line of lines) {
    if (line.startsWith('• ') && items.length > 0) items[items.length - 1] += ` ${line}`;
    else items.push(line);
  }
  return items
    .map((line) =>
      line
        .replace(/^\*[^*]*\*\s*/, '')
        .replace(/\s*(\[\d+\])+$/, '')
        .trim(),
    )
    .filter((line) => line && line !== 'Sources differ:');
}

// biome-ignore lint/suspicious/noExplicitAny: block JSON, read loosely
type Loose = Record<string, any>;

/** Items marked as added for the trend (their label starts the line). */
const trendItems = (blocks: unknown) =>
  (blocks as Block[])
    .filter((b) => b.type === 'section')
    .flatMap((b) => (b.text?.text ?? '').split('\n'))
    .filter((line) => line.startsWith(`*${TREND_MARK}`)).length;

/** Each item cites a source that the post lists: `[n]` in the items, `[n] …` in a context block. */
function expectSourced(blocks: unknown): void {
  const sections = (blocks as Block[]).filter((b) => b.type === 'section');
  const cited = new Set([...JSON.stringify(sections).matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
  const listed = new Set(
    (blocks as Block[])
      .filter((b) => b.type === 'context')
      .flatMap((b) => (b.elements ?? []).map((e) => /^\[(\d+)\] /.exec(e.text)?.[1]).filter(Boolean) as string[]),
  );
  expect(cited.size).toBeGreaterThan(0);
  expect([...cited].sort()).toEqual([...listed].sort());
}

async function tickAt(iso: string) {
  clock.set(iso);
  return bot.scheduler.tick();
}

let previewItems: string[] = [];
let firstDayItems: string[] = [];

describe('the daily digest on Slack, end to end', () => {
  it('a signed /sinorussia digest subscribe 09:00 Europe/Berlin trade is confirmed to the asker only', async () => {
    const body = await slash('digest subscribe 09:00 Europe/Berlin trade');
    expect(body.response_type).toBe('ephemeral');
    expect(header(body.blocks)).toBe('Daily digest subscribed');
    expect(allText(body.blocks)).toContain('Every day at 09:00 Europe/Berlin, on trade; next post Wed 10 Jun 2026, 09:00');
    // Recorded in the SQLite file under DATA_DIR, with who subscribed.
    expect(await bot.store.getSubscription('slack', CHANNEL)).toMatchObject({
      time: '09:00',
      timeZone: 'Europe/Berlin',
      topics: ['trade'],
      subscribedBy: USER,
    });
    expect(anyPostInChannel()).toEqual([]);
  });

  it('digest status shows the setting and when the next post is due', async () => {
    const body = await slash('digest status', 'U0E2EOTHER');
    expect(body.response_type).toBe('ephemeral');
    expect(header(body.blocks)).toBe('Daily digest: active');
    const text = allText(body.blocks);
    expect(text).toContain('09:00 Europe/Berlin');
    expect(text).toContain('trade');
    expect(text).toContain(USER);
    expect(text).toMatch(/next post.*Wed 10 Jun 2026, 09:00/);
  });

  it("digest preview shows tomorrow's post to the asker only and posts nothing in the channel", async () => {
    const body = await slash('digest preview');
    expect(body.response_type).toBe('ephemeral');
    expect(header(body.blocks)).toBe('Daily digest, 11 Jun 2026: Trade');
    expect(allText(body.blocks)).toContain('only you see this');
    previewItems = itemTexts(body.blocks);
    expect(previewItems.length).toBeGreaterThanOrEqual(3);
    expectSourced(body.blocks);
    expect(anyPostInChannel()).toEqual([]);
  });

  it('at 08:59 Berlin time a tick posts nothing', async () => {
    const report = await tickAt('2026-06-10T06:59:00Z');
    expect(report.sent).toBe(0);
    expect(channelPosts()).toEqual([]);
  });

  it('at 09:01 Berlin time a tick posts the digest in the channel, once, with sourced items', async () => {
    const report = await tickAt('2026-06-10T07:01:00Z');
    expect(report.sent).toBe(1);
    const posts = channelPosts();
    expect(posts).toHaveLength(1);
    const { blocks, text } = posts[0].params;
    expect(header(blocks)).toBe('Daily digest, 10 Jun 2026: Trade');
    expect(String(text)).toMatch(/^Daily digest, 10 Jun 2026: Trade\n/);
    firstDayItems = itemTexts(blocks);
    // 3–5 facts of the day, and the figures added beside them for the trend, marked, which come only with the chart they make.
    const trend = trendItems(blocks);
    expect(firstDayItems.length - trend).toBeGreaterThanOrEqual(3);
    expect(firstDayItems.length - trend).toBeLessThanOrEqual(5);
    expect(trend).toBeGreaterThan(0);
    const chart = (blocks as Loose[]).filter((b) => b.type === 'data_visualization');
    expect(chart).toHaveLength(1);
    expect(chart[0].title.length).toBeLessThanOrEqual(50);
    // Every number the chart draws is in the text too, for screen readers and clients that cannot draw it.
    for (const point of chart[0].chart.series[0].data) expect(allText(blocks)).toContain(`$${point.value} billion`);
    // 👍 / 👎 about this very post, its channel and its facts.
    const votes = (blocks as Loose[]).find((b) => b.type === 'context_actions');
    expect(votes?.elements[0].type).toBe('feedback_buttons');
    expect(decodeTarget(String(votes?.elements[0].positive_button.value).replace(/^up:/, ''))).toMatchObject({
      kind: 'digest',
      query: 'digest 2026-06-10',
      channel: CHANNEL,
      factIds: (await bot.store.sentDigests('slack', CHANNEL))[0].factIds,
    });
    expectSourced(blocks);
    // Every item is a fact of the base, on the channel's topic.
    expect(allText(blocks)).toContain('Topic of the day: trade');
    // A post to the channel, not a reply to anyone.
    expect(posts[0].params.thread_ts).toBeUndefined();
    expect(fake.calls.filter((c) => c.method === 'chat.postEphemeral')).toEqual([]);
  });

  it('more ticks the same morning post nothing more', async () => {
    for (const at of ['2026-06-10T07:01:00Z', '2026-06-10T07:02:00Z', '2026-06-10T07:10:00Z', '2026-06-10T07:20:00Z']) {
      expect((await tickAt(at)).sent).toBe(0);
    }
    expect(channelPosts()).toHaveLength(1);
  });

  it('after a restart at 09:30 on the same SQLite file: no second post that day, and status says tomorrow', async () => {
    await bot.stop();
    clock.set('2026-06-10T07:30:00Z');
    bot = await startInstance(env, clock);
    expect((await bot.scheduler.tick()).sent).toBe(0);
    expect(channelPosts()).toHaveLength(1);

    const status = await slash('digest status');
    expect(header(status.blocks)).toBe('Daily digest: active');
    expect(allText(status.blocks)).toMatch(/next post.*Thu 11 Jun 2026, 09:00/);

    // The rest of the day, and the next morning until 08:59 Berlin time: nothing.
    for (let at = Date.parse('2026-06-10T07:45:00Z'); at <= Date.parse('2026-06-11T06:59:00Z'); at += 20 * 60_000) {
      clock.set(new Date(at).toISOString());
      expect((await bot.scheduler.tick()).sent).toBe(0);
    }
    expect(channelPosts()).toHaveLength(1);
  });

  it('the next day after 09:00: one more post, repeating no fact of the first, and the one the preview showed', async () => {
    const report = await tickAt('2026-06-11T07:05:00Z');
    expect(report.sent).toBe(1);
    await tickAt('2026-06-11T07:30:00Z');
    const posts = channelPosts();
    expect(posts).toHaveLength(2);
    const { blocks } = posts[1].params;
    expect(header(blocks)).toBe('Daily digest, 11 Jun 2026: Trade');
    expectSourced(blocks);
    const secondDayItems = itemTexts(blocks);
    expect(secondDayItems.length).toBeGreaterThanOrEqual(3);
    expect(secondDayItems.filter((t) => firstDayItems.includes(t))).toEqual([]);
    // The same holds for the facts behind the items, as the store recorded them.
    const [first, second] = await bot.store.sentDigests('slack', CHANNEL);
    expect([first.localDate, second.localDate]).toEqual(['2026-06-10', '2026-06-11']);
    expect(second.factIds.filter((id) => first.factIds.includes(id))).toEqual([]);
    // Yesterday's preview of "tomorrow" was this very post.
    expect(secondDayItems).toEqual(previewItems);
  });
});
