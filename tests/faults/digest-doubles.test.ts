/**
 * A digest is posted once even when an attempt's fate is unknown: its answer was lost after
 * the post landed (connection reset), it hung past the timeout, or its instance crashed
 * mid-post and another took the claim over after the lease. The real Slack Web API client
 * and the real discord.js REST post to the loopback fakes, on a real SQLite file; the next
 * attempt looks in the channel (conversations.history / channel messages) before posting.
 * Also: stop() ends a long tick promptly, leaving unclaimed what it did not start.
 */
import { describe, expect, it } from 'vitest';
import { Composer } from '../../src/answer/compose.ts';
import { DigestScheduler, digestDeliveryId } from '../../src/digest/scheduler.ts';
import { selectDigest } from '../../src/digest/select.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock, fakePoster, realBase, realKnowledge } from '../digest/support.ts';
import { digestRig, dueAtNine as subscription } from './digest-rig.ts';

const MINUTE = 60_000;
const DISCORD_CHANNEL = '910000000000000777';

const rig = digestRig();
const scheduler: typeof rig.scheduler = (...args) => rig.scheduler(...args);
const slackPoster = () => rig.slackPoster();
const discordPoster = () => rig.discordPoster();
const slackPosts = (channel: string) => rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
const discordPosts = (channel: string) =>
  rig.discord.calls.filter((c) => c.method === 'POST' && c.path === `/api/v10/channels/${channel}/messages`);
const KEY = { localDate: '2026-05-04' };

describe('Slack: an attempt whose fate is unknown is looked for before posting again', () => {
  it('the post landed but its answer was lost (reset): the retry finds it and posts nothing', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await rig.store.saveSubscription(subscription('slack', 'C0RESET'));
    rig.slack.digest.faultNextPost('land-then-reset');
    const s = scheduler(clock, [slackPoster()]);
    expect((await s.instance.tick()).retried).toBe(1);
    clock.advance(2 * MINUTE);
    const report = await s.instance.tick();
    expect(report).toMatchObject({ sent: 1, found: 1 });
    expect(slackPosts('C0RESET')).toHaveLength(1);
    expect(rig.slack.digest.history.get('C0RESET')).toHaveLength(1);
    const delivery = await rig.store.getDelivery({ platform: 'slack', channelId: 'C0RESET', ...KEY });
    expect(delivery).toMatchObject({ status: 'sent', messageId: rig.slack.digest.history.get('C0RESET')![0].ts });
    // The marker is the post's metadata, invisible in the channel.
    expect(slackPosts('C0RESET')[0].params.metadata).toEqual({
      event_type: 'sinorussia_digest',
      event_payload: { nonce: digestDeliveryId({ platform: 'slack', channelId: 'C0RESET', ...KEY }) },
    });
  });

  it('the post landed and hung past the timeout: the retry finds it', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await rig.store.saveSubscription(subscription('slack', 'C0HANG'));
    rig.slack.digest.faultNextPost('land-then-hang');
    const s = scheduler(clock, [slackPoster()], { postTimeoutMs: 300 });
    const first = await s.instance.tick();
    expect(first.retried).toBe(1);
    expect(s.logger.entries.find((e) => e.outcome === 'retry')?.error).toMatch(/timed out/);
    clock.advance(2 * MINUTE);
    expect(await s.instance.tick()).toMatchObject({ sent: 1, found: 1 });
    expect(slackPosts('C0HANG')).toHaveLength(1);
  });

  it('a crash mid-post: the instance taking over after the lease finds the post', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await rig.store.saveSubscription(subscription('slack', 'C0CRASH'));
    // The crashed instance claimed, posted, and died before recording it.
    const key = { platform: 'slack' as const, channelId: 'C0CRASH', ...KEY };
    expect(await rig.store.claimDelivery(key, clock.now().getTime(), 5 * MINUTE, 8)).toBeTruthy();
    const knowledge = realKnowledge();
    const selection = selectDigest({
      knowledge,
      composer: new Composer(knowledge),
      topics: [],
      localDate: KEY.localDate,
      history: [],
      firstSeen: new Map(),
    });
    expect((await slackPoster().post('C0CRASH', selection.answer, { deliveryId: digestDeliveryId(key) })).ok).toBe(true);

    const survivor = scheduler(clock, [slackPoster()], { leaseMs: 5 * MINUTE });
    expect((await survivor.instance.tick()).sent).toBe(0);
    clock.advance(5 * MINUTE);
    expect(await survivor.instance.tick()).toMatchObject({ sent: 1, found: 1 });
    expect(slackPosts('C0CRASH')).toHaveLength(1);
    expect(await rig.store.getDelivery(key)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a retry that finds nothing posts, once; a lookup that fails posts nothing yet', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await rig.store.saveSubscription(subscription('slack', 'C0NONE'));
    rig.slack.digest.faultNextPost('hang');
    const s = scheduler(clock, [slackPoster()], { postTimeoutMs: 300 });
    expect((await s.instance.tick()).retried).toBe(1);
    clock.advance(2 * MINUTE);
    rig.slack.failNextHttp('conversations.history', 500);
    expect((await s.instance.tick()).retried).toBe(1);
    expect(slackPosts('C0NONE')).toHaveLength(1);
    clock.advance(5 * MINUTE);
    expect(await s.instance.tick()).toMatchObject({ sent: 1, found: 0 });
    expect(rig.slack.digest.history.get('C0NONE')).toHaveLength(1);
  });
});

describe('Discord: the same with the channel’s latest messages', () => {
  it('the post landed but its answer was lost: the retry finds the bot’s post of that day', async () => {
    const clock = new FakeClock('2026-05-04T09:00:00Z');
    await rig.store.saveSubscription(subscription('discord', DISCORD_CHANNEL));
    rig.discord.resetAfterNext((c) => c.method === 'POST' && c.path.endsWith(`/channels/${DISCORD_CHANNEL}/messages`));
    const s = scheduler(clock, [discordPoster()]);
    expect((await s.instance.tick()).retried).toBe(1);
    // Past the nonce's few minutes: Discord itself would no longer dedupe.
    clock.advance(10 * MINUTE);
    expect(await s.instance.tick()).toMatchObject({ sent: 1, found: 1 });
    expect(discordPosts(DISCORD_CHANNEL)).toHaveLength(1);
    expect(await rig.store.getDelivery({ platform: 'discord', channelId: DISCORD_CHANNEL, ...KEY })).toMatchObject({
      status: 'sent',
      messageId: rig.discord.channelMessages.get(DISCORD_CHANNEL)![0].id,
    });
  });
});

describe('stop() during a long tick', () => {
  it('returns within its grace, finishing posts in flight and claiming no more', async () => {
    const clock = { now: () => new Date('2026-05-04T09:30:00Z') };
    for (let i = 0; i < 100; i++) await rig.store.saveSubscription(subscription('slack', `C${String(i).padStart(3, '0')}`));
    const slow = fakePoster('slack', clock, async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { ok: true };
    });
    const logger = memoryLogger();
    // Real time: 100 channels at 10 posts a second is a 10 s tick.
    const instance = new DigestScheduler({
      store: rig.store,
      ...realBase(),
      posters: [slow],
      logger,
      clock,
      settings: { postsPerSecond: 10, channelGapMs: 0 },
    });
    const tick = instance.tick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    await instance.stop(2_000);
    const took = Date.now() - started;
    expect(took).toBeLessThan(1_000);
    const report = await tick;
    expect(report.sent).toBe(slow.posts.length);
    expect(slow.posts.length).toBeGreaterThan(0);
    expect(slow.posts.length).toBeLessThan(20);
    // Everything posted is recorded sent; nothing else was claimed, so nothing waits for a lease.
    const deliveries = await rig.store.deliveriesOn([KEY.localDate]);
    expect(deliveries.filter((d) => d.status === 'sent')).toHaveLength(slow.posts.length);
    expect(deliveries.filter((d) => d.status === 'claimed')).toEqual([]);
  });
});
