/**
 * One bad channel delays only itself: a hung post times out while the other channels are
 * posted by the other workers; a channel's 429 holds that channel, a platform-wide 429
 * (Discord's global limit) holds that platform. Real Slack and discord.js clients against
 * the loopback fakes, real SQLite file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordDigestPoster } from '../../adapters/discord/digest-poster.ts';
import { createSlackDigestPoster } from '../../adapters/slack/digest-poster.ts';
import type { KyselyDigestStore } from '../../src/digest/kysely-store.ts';
import { DigestScheduler, type DigestSchedulerSettings } from '../../src/digest/scheduler.ts';
import type { DigestPoster, Subscription } from '../../src/digest/types.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeDiscord } from '../discord/fake-discord.ts';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack-api.ts';
import { FakeClock, realKnowledge, sqliteBackend, UNPACED, type Backend } from '../digest/support.ts';

const subscription = (platform: 'slack' | 'discord', channelId: string): Subscription => ({
  platform,
  channelId,
  time: '09:00',
  timeZone: 'UTC',
  topics: [],
  subscribedBy: 'U1',
  subscribedAt: '2026-01-01T00:00:00.000Z',
});

let backend: Backend;
let store: KyselyDigestStore;
let slack: FakeSlack;
let discord: FakeDiscord;
beforeEach(async () => {
  backend = sqliteBackend();
  store = await backend.open();
  slack = await startFakeSlack();
  discord = await new FakeDiscord().start();
});
afterEach(async () => {
  await backend.cleanup();
  await slack.close();
  await discord.close();
});

function scheduler(clock: FakeClock, posters: DigestPoster[], settings: Partial<DigestSchedulerSettings> = {}) {
  return new DigestScheduler({ store, knowledge: realKnowledge(), posters, logger: memoryLogger(), clock, sleep: clock.sleep, settings: { ...UNPACED, ...settings } });
}
const slackPoster = () => createSlackDigestPoster({ botToken: 'xoxb-fault', apiUrl: slack.apiUrl });
const posted = () => [...slack.digest.history.keys()].sort();

describe('one bad channel', () => {
  it('a hung post times out; every other channel is posted meanwhile', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    for (const id of ['C0A', 'C0B', 'C0HUNG', 'C0C', 'C0D', 'C0E']) await store.saveSubscription(subscription('slack', id));
    slack.digest.hangChannel('C0HUNG');
    const started = Date.now();
    const report = await scheduler(clock, [slackPoster()], { postTimeoutMs: 1_000 }).tick();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(report).toMatchObject({ sent: 5, retried: 1 });
    expect(posted()).toEqual(['C0A', 'C0B', 'C0C', 'C0D', 'C0E']);
  });

  it("a channel's 429 holds that channel only, until its Retry-After", async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    for (const id of ['C0A', 'C0B', 'C0C']) await store.saveSubscription(subscription('slack', id));
    // One worker, so the first channel (C0A) is the one that meets the 429.
    const s = scheduler(clock, [slackPoster()], { concurrency: 1 });
    slack.failNextHttp('chat.postMessage', 429, { 'retry-after': '120' });
    expect(await s.tick()).toMatchObject({ sent: 2, retried: 1 });
    expect(posted()).toEqual(['C0B', 'C0C']);
    clock.advance(60_000);
    expect((await s.tick()).sent).toBe(0);
    clock.advance(61_000);
    expect((await s.tick()).sent).toBe(1);
    expect(posted()).toEqual(['C0A', 'C0B', 'C0C']);
  });

  it("Discord's global 429 holds every Discord channel, and Slack not at all", async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    const ids = ['910000000000000801', '910000000000000802', '910000000000000803'];
    for (const id of ids) await store.saveSubscription(subscription('discord', id));
    await store.saveSubscription(subscription('slack', 'C0SLACK'));
    discord.failNext((c) => c.method === 'POST' && c.path.endsWith(`/channels/${ids[0]}/messages`), 429, {
      body: { message: 'You are being rate limited.', retry_after: 1, global: true },
      headers: { 'retry-after': '1', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
    });
    const s = scheduler(clock, [createDiscordDigestPoster({ token: 'fault.token.discord', apiUrl: discord.apiUrl }), slackPoster()], { concurrency: 1 });
    const first = await s.tick();
    expect(first).toMatchObject({ sent: 1, retried: 1 });
    expect(posted()).toEqual(['C0SLACK']);
    const discordPosts = () => discord.calls.filter((c) => c.method === 'POST' && c.path.includes('/channels/')).length;
    expect(discordPosts()).toBe(1);
    clock.advance(500);
    expect((await s.tick()).sent).toBe(0);
    // discord.js keeps its own global timer on real time: wait that out too.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    clock.advance(1_100);
    expect((await s.tick()).sent).toBe(3);
    expect(discordPosts()).toBe(4);
  });
});
