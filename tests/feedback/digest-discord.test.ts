/**
 * 👍 / 👎 on a daily digest post on Discord, through startBot's wiring (real discord.js
 * client and REST against the fake Discord), on SQLite and on PostgreSQL when
 * TEST_DATABASE_URL is set: the post's row names its day; a 👍 is thanked privately; a 👎
 * by the same member shows the same reason form and its submission replaces the 👍; the
 * vote keeps kind `digest`, the post's facts (from the digest's record, so a restart loses
 * nothing) and its channel; a click in a direct message keeps no channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THANKS_DOWN, THANKS_UP } from '../../adapters/discord/feedback.ts';
import type { Subscription } from '../../src/digest/types.ts';
import { DIRECT_CHANNEL } from '../../src/feedback/types.ts';
import { createSqlFeedbackStore } from '../../stores/sql/feedback-store.ts';
import { MULTI_INSTANCE_BACKENDS } from '../digest/support.ts';
import { buttonInteraction, FakeDiscord, HUMAN, IDS, modalSubmitInteraction, type RecordedCall } from '../discord/fake-discord.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';

const KEY = 'digest-votes-test-key-0123456789';
const EPHEMERAL = 64;

const subscription = (channelId: string): Subscription => ({
  platform: 'discord',
  channelId,
  time: '09:00',
  timeZone: 'UTC',
  topics: ['trade'],
  subscribedBy: IDS.user,
  subscribedAt: '2026-06-01T00:00:00.000Z',
});

describe.each(MULTI_INSTANCE_BACKENDS)('votes on a Discord digest post, store on %s', (_name, makeBackend) => {
  let fake: FakeDiscord;
  let bot: Instance;
  let env: Record<string, string>;
  const backend = makeBackend();
  const data = tempDataDir();
  const clock = new FakeClock('2026-06-10T08:00:00Z');
  const start = () => startInstance(env, clock, { openStore: () => backend.open() });

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    env = { DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: fake.apiUrl, DATA_DIR: data.dir, FEEDBACK_KEY: KEY };
    bot = await start();
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await backend.cleanup();
    data.remove();
  });

  /** Dispatches an interaction and resolves with the bot's callback to it. */
  async function interact(interaction: { id: string; token: string }): Promise<RecordedCall> {
    const before = fake.calls.length;
    fake.dispatch('INTERACTION_CREATE', interaction);
    return fake.waitForCall(
      (c) => c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`,
      before,
    );
  }

  const votes = () => createSqlFeedbackStore(bot.store.db).votes();
  const postsIn = (channel: string) => fake.calls.filter((c) => c.method === 'POST' && c.path === `/api/v10/channels/${channel}/messages`);

  it('a 👍 is thanked privately; a 👎 shows the reason form, and its submission replaces the 👍 with the post’s facts and channel', async () => {
    await bot.store.saveSubscription(subscription(IDS.channel));
    clock.set('2026-06-10T09:01:00Z');
    expect((await bot.scheduler.tick()).sent).toBe(1);
    const [posted] = postsIn(IDS.channel);
    const [up, down] = posted.body.components[0].components.map((c) => c.custom_id);
    expect([up, down]).toEqual(['sr-fbd:up:2026-06-10', 'sr-fbd:down:2026-06-10']);

    const thanks = await interact(buttonInteraction(fake, up));
    expect(thanks.body).toMatchObject({ type: 4, data: { content: THANKS_UP, flags: EPHEMERAL } });

    const form = await interact(buttonInteraction(fake, down));
    expect(form.body).toMatchObject({ type: 9, data: { title: 'What fell short?', custom_id: 'sr-fbd-why:2026-06-10' } });
    const sent = await interact(
      modalSubmitInteraction(fake, 'sr-fbd-why:2026-06-10', {
        select: { reason: ['outdated'] },
        text: { note: 'newer trade totals exist' },
      }),
    );
    expect(sent.body).toMatchObject({ type: 4, data: { content: THANKS_DOWN, flags: EPHEMERAL } });

    const [delivered] = await bot.store.sentDigests('discord', IDS.channel);
    const recorded = await votes();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      kind: 'digest',
      query: 'digest 2026-06-10',
      channel: IDS.channel,
      platform: 'discord',
      direction: 'down',
      reason: { code: 'outdated', text: 'newer trade totals exist' },
      factIds: delivered.factIds,
    });
    expect(delivered.factIds.length).toBeGreaterThan(0);
    expect(JSON.stringify(recorded)).not.toContain(HUMAN.id);
  });

  it('after a restart a click on the same post still names its facts, and still replaces the earlier vote', async () => {
    await bot.stop();
    bot = await start();
    const thanks = await interact(buttonInteraction(fake, 'sr-fbd:up:2026-06-10'));
    expect(thanks.body).toMatchObject({ type: 4, data: { content: THANKS_UP } });
    const [delivered] = await bot.store.sentDigests('discord', IDS.channel);
    expect(await votes()).toMatchObject([{ direction: 'up', factIds: delivered.factIds, channel: IDS.channel }]);
  });

  it('a click in a direct message keeps no channel', async () => {
    const click = buttonInteraction(fake, 'sr-fbd:up:2026-06-10');
    const { guild_id: _guild, member: _member, ...inDm } = click;
    const dm = {
      ...inDm,
      channel_id: IDS.dmChannel,
      channel: { id: IDS.dmChannel, type: 1, recipients: [HUMAN] },
      user: HUMAN,
      context: 1,
    };
    expect((await interact(dm)).body).toMatchObject({ type: 4, data: { content: THANKS_UP } });
    const mine = (await votes()).filter((v) => v.channel === DIRECT_CHANNEL);
    expect(mine).toMatchObject([{ kind: 'digest', direction: 'up', factIds: [] }]);
    expect(JSON.stringify(await votes())).not.toContain(IDS.dmChannel);
  });
});
