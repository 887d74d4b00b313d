/**
 * "Verify with sources", the Discord message command, end to end: a message command
 * interaction (type 2, data.type 3, the message resolved in it) through the real discord.js
 * client against the fake Discord, the real core over the real base. The reply is deferred
 * privately, then replaced by the answer; nothing in it can ping anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textToVerify } from '../../adapters/discord/commands/verify-message.ts';
import { startDiscord } from '../../adapters/discord/index.ts';
import { renderEmbed } from '../../adapters/discord/render.ts';
import { VERDICT_TEXT } from '../../src/answer/types.ts';
import { verifyRequest } from '../../src/commands/verify.ts';
import type { Core } from '../../src/core.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { realAnswerer } from '../helpers/real.ts';
import { FakeDiscord, IDS, messageCommandInteraction, type RecordedCall, type TargetMessage } from './fake-discord.ts';

const AGREES = 'China and Russia traded $190 billion in 2022';
const DIFFERS = 'China and Russia traded $240 billion in 2022';
const UNKNOWN = 'China and Russia signed a new space treaty in 2022';
const NOTHING = 'Lunch at noon? The usual place.';
const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';
const EPHEMERAL = 64;
const DEFERRED = 5;
/** Discord markup that notifies, as Discord reads it: @everyone, @here, users and roles. */
const PINGS = /@(?:everyone|here)\b|<@[!&]?\d+>/g;

const logger = memoryLogger();
let fake: FakeDiscord;
let bot: { stop(): Promise<void> };
let failingCore = false;

/** The real core, which fails on demand (the apology's path). */
function coreThatMayFail(): Core {
  const real = realAnswerer();
  return {
    ...real,
    answer: (request, where) => (failingCore ? Promise.reject(new Error('the base is on fire')) : real.answer(request, where)),
  };
}

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  bot = await startDiscord(
    { token: FAKE_DISCORD_TOKEN, apiUrl: fake.apiUrl },
    { answerer: coreThatMayFail(), logger, limiter: new RateLimiter({ burst: 1000, perMinute: 1000 }) },
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const original = (interaction: { token: string }) => `/api/v10/webhooks/${IDS.app}/${interaction.token}/messages/@original`;

/** Uses the command on a message; resolves with the deferral and the edit that answered it. */
async function verify(target: TargetMessage): Promise<{ deferral: RecordedCall; answer: RecordedCall }> {
  const interaction = messageCommandInteraction(fake, target);
  const start = fake.calls.length;
  fake.dispatch('INTERACTION_CREATE', interaction);
  const answer = await fake.waitForCall((c) => c.method === 'PATCH' && c.path === original(interaction) && c.status === undefined, start);
  const [deferral, ...rest] = fake.responsesTo(interaction);
  expect(rest.at(-1)).toBe(answer);
  return { deferral, answer };
}

/** The embed the core's answer to a message renders as: what the user must see. */
async function expected(target: { content: string; embeds?: { title?: string; description?: string }[] }) {
  return renderEmbed(await realAnswerer().answer(verifyRequest(textToVerify({ embeds: [], ...target }))));
}

/** Every text of the answer's embeds, joined. */
function embedText(call: RecordedCall): string {
  return (call.body.embeds ?? [])
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text])
    .filter(Boolean)
    .join('\n');
}

describe('Verify with sources on Discord', () => {
  it('defers privately, then replaces the "thinking…" with the answer, with no pings allowed', async () => {
    const { deferral, answer } = await verify({ content: NOTHING });
    expect(deferral).toMatchObject({ method: 'POST', body: { type: DEFERRED, data: { flags: EPHEMERAL } } });
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(answer.body.embeds).toEqual([await expected({ content: NOTHING })]);
    // Nothing posted in the channel: the only calls are the interaction's own.
    expect(fake.calls.some((c) => c.method === 'POST' && c.path.startsWith('/api/v10/channels/'))).toBe(false);
  });

  it('agrees with a claim our sources make, citing the WorldView excerpt', async () => {
    const text = embedText((await verify({ content: AGREES })).answer);
    expect(text).toContain(VERDICT_TEXT.agrees);
    expect(text).toMatch(/WorldView/);
  });

  it('differs on a figure our sources give otherwise, and shows ours', async () => {
    const text = embedText((await verify({ content: DIFFERS })).answer);
    expect(text).toContain(VERDICT_TEXT.differs);
    expect(text).toMatch(/190/);
  });

  it('says a claim our sources do not cover is not in them, and never that it is false', async () => {
    const text = embedText((await verify({ content: UNKNOWN })).answer);
    expect(text).toContain(VERDICT_TEXT.unknown);
    expect(text).not.toMatch(/\bfalse\b|\bwrong\b|\buntrue\b/i);
  });

  it('says there is nothing to check in a message with no claim', async () => {
    const text = embedText((await verify({ content: NOTHING })).answer);
    expect(text).toMatch(/Nothing to check/);
  });

  it('reads a message with no content (embeds only) from its embeds', async () => {
    const embedsOnly = { content: '', embeds: [{ type: 'rich', title: 'Trade update', description: DIFFERS }] };
    const { answer } = await verify(embedsOnly);
    expect(answer.body.embeds).toEqual([await expected({ content: `Trade update\n${DIFFERS}` })]);
    expect(embedText(answer)).toContain(VERDICT_TEXT.differs);
  });

  it('says there is nothing to check in a message of files alone', async () => {
    const fileOnly = {
      content: '',
      attachments: [
        { id: '1', filename: 'chart.png', size: 100, url: 'https://cdn.example/chart.png', proxy_url: 'https://cdn.example/chart.png' },
      ],
    };
    const { answer } = await verify(fileOnly);
    // The core's answer, worded for a message acted on: nothing about typing after `verify`.
    expect(answer.body.embeds[0].description).toContain('Nothing to check: that message has no text, only files or images.');
    expect(embedText(answer)).not.toContain('after verify');
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('pings no one, whatever the message held', async () => {
    const loud = `@everyone <@${IDS.user}> <@&${IDS.staffRole}> ${DIFFERS} @here`;
    const { answer } = await verify({ content: loud, mention_everyone: true });
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(embedText(answer).match(PINGS) ?? []).toEqual([]);
    expect(answer.body.content ?? '').not.toMatch(PINGS);
    expect(embedText(answer)).toContain(VERDICT_TEXT.differs);
  });
});

describe('when answering fails', () => {
  it('Discord refuses the answer: the failure is logged and the user told in its place', async () => {
    const interaction = messageCommandInteraction(fake, { content: AGREES });
    const start = fake.calls.length;
    fake.failNext((c) => c.method === 'PATCH' && c.path === original(interaction), 404, {
      body: { message: 'Unknown Webhook', code: 10015 },
    });
    fake.dispatch('INTERACTION_CREATE', interaction);
    const apology = await fake.waitForCall(
      (c) => c.method === 'PATCH' && c.path === original(interaction) && c.status === undefined,
      start,
    );
    expect(apology.body.content).toBe(APOLOGY);
    expect(apology.body.embeds).toEqual([]);
    const [, refused] = fake.responsesTo(interaction);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(logger.entries)).toMatch(/discord: interaction failed.*Unknown Webhook/);
  });

  it('a core that fails: the user is told privately, and the failure is logged', async () => {
    failingCore = true;
    try {
      const { answer } = await verify({ content: AGREES });
      expect(answer.body.content).toBe(APOLOGY);
      expect(JSON.stringify(logger.entries)).toMatch(/the base is on fire/);
    } finally {
      failingCore = false;
    }
  });

  it('a message command of another name is not answered as a verification', async () => {
    const interaction = messageCommandInteraction(fake, { content: AGREES }, 'Translate');
    fake.dispatch('INTERACTION_CREATE', interaction);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.responsesTo(interaction)).toEqual([]);
  });
});
