/**
 * End to end: the real discord.js client, started by startDiscord, against the fake Discord.
 * Each test dispatches gateway events and asserts the exact REST calls that come out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APOLOGY, EXPIRED } from '../../adapters/discord/handlers.ts';
import { startDiscord } from '../../adapters/discord/index.ts';
import type { Core } from '../../src/core.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter, SLOW_DOWN } from '../../src/rate-limit.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { heldAnswerer } from '../helpers/held-answerer.ts';
import { realAnswerer as real } from '../helpers/real.ts';
import { until } from '../helpers/until.ts';
import {
  autocompleteInteraction,
  BOT_USER,
  buttonInteraction,
  commandInteraction,
  FakeDiscord,
  HUMAN,
  IDS,
  messageCreate,
  type RecordedCall,
} from './fake-discord.ts';

const EPHEMERAL = 64;
const FAILING_TEXT = 'please fail now';

const realAnswerer = real();
// The real answerer, except that one question makes it throw, to test the failure path.
const answerer: Core = {
  ...realAnswerer,
  answer: async (request, where) => {
    if (request.query.includes(FAILING_TEXT)) throw new Error('index exploded');
    return realAnswerer.answer(request, where);
  },
};
const logger = memoryLogger();
let fake: FakeDiscord;
let bot: { stop(): Promise<void> };

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  // Every test here asks as the same person: a bucket large enough that none is refused.
  bot = await startDiscord(
    { token: FAKE_DISCORD_TOKEN, apiUrl: fake.apiUrl },
    { answerer, logger, limiter: new RateLimiter({ burst: 1000, perMinute: 1000 }) },
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const callbackFor = (interaction: { id: string; token: string }) => (c: RecordedCall) =>
  c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;

/** Dispatches an interaction and waits for its callback. */
async function interact(interaction: { id: string; token: string }): Promise<RecordedCall> {
  const start = fake.calls.length;
  fake.dispatch('INTERACTION_CREATE', interaction);
  return fake.waitForCall(callbackFor(interaction), start);
}

describe('gateway', () => {
  it('identifies with Guilds, GuildMessages and DirectMessages only (no privileged Message Content)', () => {
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0].intents).toBe(1 | 512 | 4096);
    expect(fake.calls[0]).toMatchObject({ method: 'GET', path: '/api/v10/gateway/bot', authorization: `Bot ${FAKE_DISCORD_TOKEN}` });
  });
});

describe('/sinorussia', () => {
  it('answers /sinorussia trade at once, to the asker only, with a sourced embed and a Share button', async () => {
    const call = await interact(commandInteraction(fake, 'trade'));
    expect(call.authorization).toBeUndefined();
    expect(call.body.type).toBe(4);
    const { data } = call.body;
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(data.embeds).toHaveLength(1);
    const [embed] = data.embeds;
    expect(embed.title).toMatch(/^Trade/);
    expect(embed.description).toMatch(/\*\*1\.\*\* `2018[^`]*`[\s\S]*?\[1\]/);
    expect(embed.fields[0].name).toBe('Sources');
    expect(embed.fields[0].value).toMatch(/^\*\*\[1\]\*\* /);
    expect(data.components).toEqual([{ type: 1, components: [{ type: 2, style: 2, label: 'Share', custom_id: 'share:trade' }] }]);
  });

  it('maps ask and timeline options to the core vocabulary', async () => {
    const ask = await interact(commandInteraction(fake, 'ask', { question: 'what about gas pipelines?' }));
    expect(ask.body.data.embeds[0].title).toBe('what about gas pipelines?');
    expect(ask.body.data.components[0].components[0].custom_id).toBe('share:ask what about gas pipelines?');

    const timeline = await interact(commandInteraction(fake, 'timeline', { topic: 'trade' }));
    expect(timeline.body.data.embeds[0].title).toBe('Timeline: trade');
    // 48 items do not fit: cut at an item boundary, with a note.
    expect(timeline.body.data.embeds[0].description).toMatch(/\n\*… \d+ more items left out to fit Discord's limits\.\*$/);
  });

  it('Share posts the answer in the channel naming the sharer, without pinging anyone', async () => {
    const call = await interact(buttonInteraction(fake, 'share:trade'));
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags ?? 0).toBe(0);
    expect(call.body.data.content).toBe(`Shared by <@${IDS.user}>`);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(call.body.data.embeds[0].title).toMatch(/^Trade/);
    expect(call.body.data.components ?? []).toEqual([]);
  });

  it('shares a question too long for a custom_id through a short key', async () => {
    const question = `how did ${'energy and trade and finance '.repeat(5)}develop?`;
    const asked = await interact(commandInteraction(fake, 'ask', { question }));
    const customId: string = asked.body.data.components[0].components[0].custom_id;
    expect(customId.length).toBeLessThanOrEqual(100);
    expect(customId).toMatch(/^sharekey:/);
    const shared = await interact(buttonInteraction(fake, customId));
    expect(shared.body.data.content).toBe(`Shared by <@${IDS.user}>`);
    expect(shared.body.data.embeds).toEqual(asked.body.data.embeds);
  });

  it('says so when a shared key is unknown or expired', async () => {
    const call = await interact(buttonInteraction(fake, 'sharekey:gone'));
    expect(call.body.data).toMatchObject({ content: EXPIRED, flags: EPHEMERAL });
  });

  it('autocomplete suggests topics and facts, at most 25', async () => {
    const call = await interact(autocompleteInteraction(fake, 'tra'));
    expect(call.body.type).toBe(8);
    const choices: { name: string; value: string }[] = call.body.data.choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('trade');

    const facts = await interact(autocompleteInteraction(fake, 'gas pipeline'));
    expect(facts.body.data.choices.length).toBeGreaterThan(0);
    for (const c of facts.body.data.choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('a question with @everyone pings nobody', async () => {
    const call = await interact(commandInteraction(fake, 'ask', { question: '@everyone <@&123456789012345678> trade in 2022?' }));
    expect(call.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(JSON.stringify(call.body.data.embeds)).not.toContain('@everyone');
  });

  it('a failing answerer gives a logged error and an ephemeral apology', async () => {
    const call = await interact(commandInteraction(fake, 'ask', { question: FAILING_TEXT }));
    expect(call.body).toEqual({ type: 4, data: expect.objectContaining({ content: APOLOGY, flags: EPHEMERAL }) });
    const entry = logger.entries.find((e) => e.msg === 'discord: interaction failed');
    expect(entry).toMatchObject({ level: 'error', error: { message: 'index exploded' } });
  });

  it('a REST error on the reply is logged, the user still gets an apology, and the client keeps running', async () => {
    const interaction = commandInteraction(fake, 'help');
    fake.failNext(callbackFor(interaction), 400);
    const start = fake.calls.length;
    fake.dispatch('INTERACTION_CREATE', interaction);
    const retry = await fake.waitForCall((c) => callbackFor(interaction)(c) && c.body.data.content === APOLOGY, start);
    expect(retry.body.data.flags).toBe(EPHEMERAL);
    expect(logger.entries.some((e) => e.msg === 'discord: interaction failed' && (e.error as { code?: number }).code === 50013)).toBe(true);
    // Still answering afterwards.
    expect((await interact(commandInteraction(fake, 'topics'))).body.type).toBe(4);
  });
});

describe('mentions', () => {
  const messagePosts = (channelId: string) => (c: RecordedCall) =>
    c.method === 'POST' && c.path === `/api/v10/channels/${channelId}/messages`;

  it('a mention in a channel starts a thread on that message, named after the question, and answers in it', async () => {
    const start = fake.calls.length;
    const message = messageCreate(fake, `<@${IDS.bot}> how much trade in 2018?`, 'channel');
    fake.dispatch('MESSAGE_CREATE', message);
    const answer = await fake.waitForCall(messagePosts(message.id), start);
    const calls = fake.callsFrom(start);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST /api/v10/channels/${IDS.channel}/messages/${message.id}/threads`,
      `POST /api/v10/channels/${message.id}/messages`,
    ]);
    expect(calls[0].body).toMatchObject({ name: 'how much trade in 2018?', auto_archive_duration: 1440 });
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(answer.body.embeds[0].description).toContain('[1]');
  });

  it('a DM gets a plain reply', async () => {
    const start = fake.calls.length;
    const message = messageCreate(fake, 'sanctions', 'dm', false);
    fake.dispatch('MESSAGE_CREATE', message);
    const answer = await fake.waitForCall(messagePosts(IDS.dmChannel), start);
    expect(answer.body.message_reference).toMatchObject({ message_id: message.id });
    expect(answer.body.embeds[0].title).toMatch(/^Sanctions/);
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('ignores its own messages, other bots and messages that do not mention it', async () => {
    const start = fake.calls.length;
    fake.dispatch('MESSAGE_CREATE', messageCreate(fake, `<@${IDS.bot}> trade`, 'thread', true, BOT_USER));
    fake.dispatch(
      'MESSAGE_CREATE',
      messageCreate(fake, `<@${IDS.bot}> trade`, 'thread', true, { ...BOT_USER, id: '900000000000000999', username: 'other' }),
    );
    fake.dispatch('MESSAGE_CREATE', messageCreate(fake, '@everyone trade', 'thread', false));
    // Events are handled in order: once this answer is out, the three above were dropped.
    fake.dispatch('MESSAGE_CREATE', messageCreate(fake, `<@${IDS.bot}> leaders`, 'thread'));
    const answer = await fake.waitForCall(messagePosts(IDS.thread), start);
    expect(answer.body.embeds[0].title).toMatch(/^Leaders/);
    expect(fake.callsFrom(start)).toHaveLength(1);
  });

  it("answers a mention of the bot's own role, which Discord's @-autocomplete offers under the bot's name", async () => {
    const start = fake.calls.length;
    // Another role the bot holds is not a mention of the bot: nothing comes of the first message.
    fake.dispatch('MESSAGE_CREATE', messageCreate(fake, `<@&${IDS.staffRole}> trade`, 'thread', false, HUMAN, [IDS.staffRole]));
    fake.dispatch('MESSAGE_CREATE', messageCreate(fake, `<@&${IDS.botRole}> energy`, 'thread', false, HUMAN, [IDS.botRole]));
    const answer = await fake.waitForCall(messagePosts(IDS.thread), start);
    expect(answer.body.embeds[0].title).toMatch(/^Energy/);
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(fake.callsFrom(start)).toHaveLength(1);
  });

  it('falls back to a reply when the thread cannot be created, and logs why', async () => {
    const start = fake.calls.length;
    const message = messageCreate(fake, `<@${IDS.bot}> finance`, 'channel');
    fake.failNext((c) => c.path.endsWith(`/messages/${message.id}/threads`), 403);
    fake.dispatch('MESSAGE_CREATE', message);
    const answer = await fake.waitForCall(messagePosts(IDS.channel), start);
    expect(answer.body.message_reference).toMatchObject({ message_id: message.id });
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(logger.entries.some((e) => e.msg === 'discord: could not answer in a thread; replying in the channel')).toBe(true);
  });

  it('a failing answerer gives a logged error and an apology in place', async () => {
    const start = fake.calls.length;
    const message = messageCreate(fake, `<@${IDS.bot}> ${FAILING_TEXT}`, 'thread');
    fake.dispatch('MESSAGE_CREATE', message);
    const apology = await fake.waitForCall(messagePosts(IDS.thread), start);
    expect(apology.body).toMatchObject({ content: APOLOGY, allowed_mentions: { parse: [], replied_user: false } });
    expect(logger.entries.find((e) => e.msg === 'discord: message failed')).toMatchObject({ error: { message: 'index exploded' } });
  });
});

describe('stopping with answers in flight', () => {
  it('sends the answer to a mention already being answered before stop() resolves', async () => {
    const ownFake = await new FakeDiscord().start();
    // Answers are held until release().
    const held = heldAnswerer();
    const stoppingLogger = memoryLogger();
    const stopping = await startDiscord(
      { token: FAKE_DISCORD_TOKEN, apiUrl: ownFake.apiUrl },
      { answerer: held.answerer, logger: stoppingLogger },
    );
    try {
      ownFake.dispatch('MESSAGE_CREATE', messageCreate(ownFake, 'sanctions', 'dm', false));
      await until(() => held.started() === 1, 'the answer to start');
      const stopped = stopping.stop();
      setTimeout(held.release, 50);
      await stopped;
      const replies = ownFake.calls.filter((c) => c.method === 'POST' && c.path === `/api/v10/channels/${IDS.dmChannel}/messages`);
      expect(replies).toHaveLength(1);
      expect(replies[0].body.embeds[0].title).toMatch(/^Sanctions/);
      expect(stoppingLogger.entries.filter((e) => e.level === 'error')).toEqual([]);
    } finally {
      held.release();
      await ownFake.close();
    }
  });

  it('with an answer stuck on a REST call that hangs, stop() ends by its deadline', async () => {
    const ownFake = await new FakeDiscord().start();
    const stoppingLogger = memoryLogger();
    const stopping = await startDiscord(
      { token: FAKE_DISCORD_TOKEN, apiUrl: ownFake.apiUrl },
      { answerer: realAnswerer, logger: stoppingLogger },
    );
    try {
      ownFake.hang((c) => c.method === 'POST' && c.path === `/api/v10/channels/${IDS.dmChannel}/messages`);
      ownFake.dispatch('MESSAGE_CREATE', messageCreate(ownFake, 'sanctions', 'dm', false));
      await ownFake.waitForCall((c) => c.path === `/api/v10/channels/${IDS.dmChannel}/messages`);
      const started = Date.now();
      await stopping.stop(Date.now() + 1000);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(stoppingLogger.entries.some((e) => e.msg === 'discord: stopped with answers unsent')).toBe(true);
    } finally {
      await ownFake.close();
    }
  });

  it("a mention answer carries the question's id as an enforced nonce, so a retried post is not posted twice", async () => {
    const start = fake.calls.length;
    const message = messageCreate(fake, 'trade', 'dm', false);
    fake.dispatch('MESSAGE_CREATE', message);
    const reply = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/channels/${IDS.dmChannel}/messages`, start);
    expect(reply.body).toMatchObject({ nonce: message.id, enforce_nonce: true });
  });
});

describe('one user asking too fast', () => {
  it('mentions past the burst are told "slow down" once, then dropped; a command is told privately every time', async () => {
    const ownFake = await new FakeDiscord().start();
    const limited = await startDiscord(
      { token: FAKE_DISCORD_TOKEN, apiUrl: ownFake.apiUrl },
      { answerer: realAnswerer, logger: memoryLogger(), limiter: new RateLimiter({ burst: 1, perMinute: 1 }) },
    );
    const dmPosts = () => ownFake.calls.filter((c) => c.method === 'POST' && c.path === `/api/v10/channels/${IDS.dmChannel}/messages`);
    try {
      for (let i = 0; i < 3; i += 1) ownFake.dispatch('MESSAGE_CREATE', messageCreate(ownFake, 'trade', 'dm', false));
      await until(() => dmPosts().length === 2, 'the answer and the slow down');
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The answer (an embed) and the slow down, in whichever order they were sent.
      expect(dmPosts().filter((c) => c.body.content === SLOW_DOWN)).toHaveLength(1);
      expect(dmPosts().filter((c) => c.body.embeds?.length === 1)).toHaveLength(1);
      for (let i = 0; i < 2; i += 1) {
        const interaction = commandInteraction(ownFake, 'trade');
        const start = ownFake.calls.length;
        ownFake.dispatch('INTERACTION_CREATE', interaction);
        const reply = await ownFake.waitForCall(callbackFor(interaction), start);
        expect(reply.body.data).toMatchObject({ content: SLOW_DOWN, flags: EPHEMERAL });
      }
    } finally {
      await limited.stop();
      await ownFake.close();
    }
  });
});
