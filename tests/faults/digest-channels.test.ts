/**
 * One bad channel delays only itself: a hung post times out while the other channels are
 * posted by the other workers; a channel's 429 holds that channel, a platform-wide 429
 * (Discord's global limit) holds that platform. Real Slack and discord.js clients against
 * the loopback fakes, real SQLite file.
 */
import { describe, expect, it } from 'vitest';
import type { DigestSchedulerSettings } from '../../src/digest/scheduler.ts';
import type { DigestPoster } from '../../src/digest/types.ts';
import { FakeClock } from '../digest/support.ts';
import { digestRig, dueAtNine as subscription } from './digest-rig.ts';

const rig = digestRig();
const scheduler = (clock: FakeClock, posters: DigestPoster[], settings: Partial<DigestSchedulerSettings> = {}) =>
  rig.scheduler(clock, posters, settings).instance;
const slackPoster = () => rig.slackPoster();
const posted = () => [...rig.slack.digest.history.keys()].sort();

describe('one bad channel', () => {
  it('a hung post times out; every other channel is posted meanwhile', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    for (const id of ['C0A', 'C0B', 'C0HUNG', 'C0C', 'C0D', 'C0E']) await rig.store.saveSubscription(subscription('slack', id));
    rig.slack.digest.hangChannel('C0HUNG');
    const started = Date.now();
    const report = await scheduler(clock, [slackPoster()], { postTimeoutMs: 1_000 }).tick();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(report).toMatchObject({ sent: 5, retried: 1 });
    expect(posted()).toEqual(['C0A', 'C0B', 'C0C', 'C0D', 'C0E']);
  });

  it("a channel's 429 holds that channel only, until its Retry-After", async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    for (const id of ['C0A', 'C0B', 'C0C']) await rig.store.saveSubscription(subscription('slack', id));
    // One worker, so the first channel (C0A) is the one that meets the 429.
    const s = scheduler(clock, [slackPoster()], { concurrency: 1 });
    rig.slack.failNextHttp('chat.postMessage', 429, { 'retry-after': '120' });
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
    for (const id of ids) await rig.store.saveSubscription(subscription('discord', id));
    await rig.store.saveSubscription(subscription('slack', 'C0SLACK'));
    rig.discord.failNext((c) => c.method === 'POST' && c.path.endsWith(`/channels/${ids[0]}/messages`), 429, {
      body: { message: 'You are being rate limited.', retry_after: 1, global: true },
      headers: { 'retry-after': '1', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
    });
    const s = scheduler(clock, [rig.discordPoster(), slackPoster()], { concurrency: 1 });
    const first = await s.tick();
    expect(first).toMatchObject({ sent: 1, retried: 1 });
    expect(posted()).toEqual(['C0SLACK']);
    const discordPosts = () => rig.discord.calls.filter((c) => c.method === 'POST' && c.path.includes('/channels/')).length;
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
