/**
 * The daily digest's commands on Discord, end to end: the real discord.js client against the
 * fake Discord. `/sinorussia digest …` reaches the digest service with its options read by
 * the option they were given in, the channel, the user and whether they may manage the
 * channel; answers go only to the asker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APOLOGY } from '../../adapters/discord/handlers.ts';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/index.ts';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { createCore } from '../../src/core.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { recordingDigest } from '../helpers/fake-digest.ts';
import { digestInteraction, FakeDiscord, IDS, messageCreate, type RecordedCall, zoneAutocomplete } from './fake-discord.ts';

const EPHEMERAL = 64;
const DEFERRED = 5;
/** View Channel and Send Messages, but not Manage Channels (16) or Administrator (8). */
const MEMBER_WITHOUT_MANAGE = String(1024 + 2048);

const { calls, service: digest } = recordingDigest();

const logger = memoryLogger();
let fake: FakeDiscord;
let bot: RunningDiscord;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  bot = await startDiscord(
    { token: FAKE_DISCORD_TOKEN, apiUrl: fake.apiUrl },
    {
      answerer: createCore(loadKnowledge(KNOWLEDGE_DIR), { digest }),
      logger,
      // One user sends every command here: more than a person's burst.
      limiter: new RateLimiter({ burst: 100, perMinute: 100 }),
    },
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const callbackFor = (interaction: { id: string; token: string }) => (c: RecordedCall) =>
  c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;
const originalFor = (interaction: { token: string }) => (c: RecordedCall) =>
  c.method === 'PATCH' && c.path === `/api/v10/webhooks/${IDS.app}/${interaction.token}/messages/@original`;

/** Dispatches a digest command; returns the (deferred) callback and the edit that carries the answer. */
async function digestCommand(interaction: { id: string; token: string }) {
  const start = fake.calls.length;
  const before = calls.length;
  fake.dispatch('INTERACTION_CREATE', interaction);
  const callback = await fake.waitForCall(callbackFor(interaction), start);
  const edit = await fake.waitForCall(originalFor(interaction), start);
  return { callback, edit, handled: calls.slice(before) };
}

describe('/sinorussia digest', () => {
  it('subscribe with Manage Channels: the typed options, canManage true, answered privately without Share', async () => {
    const interaction = digestInteraction(fake, 'subscribe', { time: '09:00', zone: 'Europe/Berlin', topics: 'trade energy' });
    const { callback, edit, handled } = await digestCommand(interaction);
    expect(handled).toEqual([
      {
        args: 'subscribe 09:00 Europe/Berlin trade energy',
        // The fake member holds every permission, Manage Server among them: a curator too.
        context: { platform: 'discord', channelId: IDS.channel, channelName: 'general', userId: IDS.user, canManage: true, curator: true },
      },
    ]);
    expect(callback.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    expect(edit.body.embeds[0].title).toBe('digest said: subscribe 09:00 Europe/Berlin trade energy');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(edit.body.components ?? []).toEqual([]);
  });

  it('subscribe without Manage Channels is refused by the core before the store is touched', async () => {
    const { handled, edit } = await digestCommand(digestInteraction(fake, 'subscribe', {}, { permissions: MEMBER_WITHOUT_MANAGE }));
    expect(handled).toEqual([]);
    expect(edit.body.embeds[0].title).toBe('Not allowed');
  });

  it('a city given as the zone gets "did you mean", naming the option; nothing reaches the store', async () => {
    const { handled, callback, edit } = await digestCommand(digestInteraction(fake, 'subscribe', { time: '09:00', zone: 'Berlin' }));
    expect(handled).toEqual([]);
    expect(callback.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    expect(edit.body.embeds[0].title).toBe('Digest: not understood');
    expect(edit.body.embeds[0].description).toContain('zone: "Berlin" is not a time zone: did you mean Europe/Berlin?');
  });

  it('a time given as the topics is an error naming the option, not taken as the post time', async () => {
    const { handled, edit } = await digestCommand(digestInteraction(fake, 'subscribe', { topics: '9:30' }));
    expect(handled).toEqual([]);
    expect(edit.body.embeds[0].title).toBe('Digest: not understood');
    expect(edit.body.embeds[0].description).toContain('topics: "9:30" is not a topic: topics are trade, energy');
  });

  it('a topic given as the time is an error naming the time option', async () => {
    const { handled, edit } = await digestCommand(digestInteraction(fake, 'subscribe', { time: 'trade' }));
    expect(handled).toEqual([]);
    expect(edit.body.embeds[0].description).toContain('time: "trade" is not a time: use a 24-hour time HH:MM');
  });

  it('in a DM with the bot the asker may manage it', async () => {
    const { handled, callback } = await digestCommand(digestInteraction(fake, 'subscribe', { time: '07:15' }, { dm: true }));
    expect(handled).toEqual([
      { args: 'subscribe 07:15', context: { platform: 'discord', channelId: IDS.dmChannel, userId: IDS.user, canManage: true } },
    ]);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
  });

  it('status, preview and unsubscribe go through as one word each, privately', async () => {
    for (const action of ['status', 'preview', 'unsubscribe']) {
      const { handled, callback, edit } = await digestCommand(digestInteraction(fake, action));
      expect(handled.map((h) => [h.args, h.context.canManage])).toEqual([[action, true]]);
      expect(callback.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
      expect(edit.body.embeds[0].title).toBe(`digest said: ${action}`);
    }
  });

  it('status and preview need no Manage Channels; unsubscribe does', async () => {
    for (const action of ['status', 'preview']) {
      const { handled } = await digestCommand(digestInteraction(fake, action, {}, { permissions: MEMBER_WITHOUT_MANAGE }));
      expect(handled.map((h) => [h.args, h.context.canManage])).toEqual([[action, false]]);
    }
    const { handled, edit } = await digestCommand(digestInteraction(fake, 'unsubscribe', {}, { permissions: MEMBER_WITHOUT_MANAGE }));
    expect(handled).toEqual([]);
    expect(edit.body.embeds[0].title).toBe('Not allowed');
  });

  it('a failing digest service replaces the deferred reply with an apology and logs the cause', async () => {
    const interaction = digestInteraction(fake, 'subscribe', { time: '23:59' });
    const start = fake.calls.length;
    fake.dispatch('INTERACTION_CREATE', interaction);
    const apology = await fake.waitForCall((c) => originalFor(interaction)(c) && c.body.content === APOLOGY, start);
    expect(apology.body.embeds).toEqual([]);
    expect(logger.entries.find((e) => e.msg === 'discord: interaction failed')).toMatchObject({ error: { message: 'store on fire' } });
  });

  it('zone autocomplete offers IANA zones, at most 25', async () => {
    const interaction = zoneAutocomplete(fake, 'berl');
    const start = fake.calls.length;
    fake.dispatch('INTERACTION_CREATE', interaction);
    const call = await fake.waitForCall(callbackFor(interaction), start);
    expect(call.body.type).toBe(8);
    expect(call.body.data.choices[0]).toEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
    expect(call.body.data.choices.length).toBeLessThanOrEqual(25);
  });

  it('a mention carrying digest status in a thread reaches the service with the parent channel and the author', async () => {
    const start = fake.calls.length;
    const before = calls.length;
    fake.dispatch('MESSAGE_CREATE', messageCreate(fake, `<@${IDS.bot}> digest status`, 'thread'));
    const answer = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/channels/${IDS.thread}/messages`, start);
    // The fake guild's owner is the author, so they may manage the channel.
    expect(calls.slice(before)).toEqual([
      {
        args: 'status',
        context: { platform: 'discord', channelId: IDS.channel, channelName: 'general', userId: IDS.user, canManage: true },
      },
    ]);
    // The answer itself stays in the thread it was asked in.
    expect(answer.body.embeds[0].title).toBe('digest said: status');
  });

  it('a command in a thread acts on its parent channel, with the permissions there', async () => {
    // The thread's own bits lack Manage Channels; on the parent the asker (the guild's owner) has it.
    const interaction = digestInteraction(
      fake,
      'subscribe',
      { time: '08:00' },
      { threadOf: IDS.channel, permissions: MEMBER_WITHOUT_MANAGE },
    );
    expect(interaction.channel_id).toBe(IDS.thread);
    const { handled, callback } = await digestCommand(interaction);
    expect(handled).toEqual([
      {
        args: 'subscribe 08:00',
        context: { platform: 'discord', channelId: IDS.channel, channelName: 'general', userId: IDS.user, canManage: true },
      },
    ]);
    expect(callback.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    for (const action of ['status', 'preview', 'unsubscribe']) {
      const { handled: asked } = await digestCommand(digestInteraction(fake, action, {}, { threadOf: IDS.channel }));
      expect(asked.map((h) => [h.args, h.context.channelId])).toEqual([[action, IDS.channel]]);
    }
  });

  it("in a thread of a channel the bot has not seen, it still acts on the parent, and no one may change that channel's digest", async () => {
    const parent = '900000000000000250';
    const { handled, edit } = await digestCommand(digestInteraction(fake, 'subscribe', {}, { threadOf: parent }));
    expect(handled).toEqual([]);
    expect(edit.body.embeds[0].title).toBe('Not allowed');
    const { handled: status } = await digestCommand(digestInteraction(fake, 'status', {}, { threadOf: parent }));
    expect(status).toEqual([
      { args: 'status', context: { platform: 'discord', channelId: parent, userId: IDS.user, canManage: false, curator: true } },
    ]);
  });

  it('startDiscord hands out a digest poster', () => {
    expect(bot.poster.platform).toBe('discord');
  });
});
