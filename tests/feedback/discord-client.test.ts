/**
 * The Discord feedback handlers under the real discord.js client against the fake Discord:
 * a 👎 click answers with the reason modal, the modal's submission records the reason and
 * thanks privately, a 👍 thanks privately; each exactly as Discord receives it.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackRow, handleFeedbackButton, handleReasonModal, THANKS_DOWN, THANKS_UP } from '../../adapters/discord/feedback.ts';
import { createFeedbackRecorder, feedbackTarget, MemoryFeedbackStore, userHasher } from '../../src/feedback/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock } from '../digest/support.ts';
import { buttonInteraction, FakeDiscord, HUMAN, modalSubmitInteraction, type RecordedCall } from '../discord/fake-discord.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const EPHEMERAL = 64;
const target = feedbackTarget(answerText(realAnswerer(), 'gas deal'));
const store = new MemoryFeedbackStore();
const logger = memoryLogger();
const feedback = createFeedbackRecorder({
  store,
  hashUser: userHasher('discord-client-key-0123456789'),
  clock: new FakeClock('2026-12-01T12:00:00Z'),
  logger,
});
let fake: FakeDiscord;
let client: Client;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  client = new Client({ intents: [GatewayIntentBits.Guilds], allowedMentions: { parse: [] }, rest: { api: fake.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isButton()) void handleFeedbackButton(interaction, { feedback, logger });
    else if (interaction.isModalSubmit()) void handleReasonModal(interaction, { feedback, logger });
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(FAKE_DISCORD_TOKEN);
  await ready;
  feedback.remember(target);
}, 30_000);

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

const callbackFor = (interaction: { id: string; token: string }) => (c: RecordedCall) =>
  c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;
async function interact(interaction: { id: string; token: string }): Promise<RecordedCall> {
  const start = fake.calls.length;
  fake.dispatch('INTERACTION_CREATE', interaction);
  return fake.waitForCall(callbackFor(interaction), start);
}

describe('Discord feedback on the real client', () => {
  it('👍 records and thanks privately, pinging no one', async () => {
    const [up] = feedbackRow(target).toJSON().components as { custom_id: string }[];
    const call = await interact(buttonInteraction(fake, up.custom_id));
    expect(call.body).toMatchObject({ type: 4, data: { content: THANKS_UP, flags: EPHEMERAL, allowed_mentions: { parse: [] } } });
    expect(await store.votes()).toMatchObject([{ direction: 'up', platform: 'discord', factIds: target.factIds }]);
  });

  it('👎 answers with the reason modal; its submission replaces the vote with the reason and thanks privately', async () => {
    const [, down] = feedbackRow(target).toJSON().components as { custom_id: string }[];
    const click = await interact(buttonInteraction(fake, down.custom_id));
    expect(click.body).toMatchObject({ type: 9, data: { custom_id: `sr-fb-why:${target.answerId}`, title: 'What fell short?' } });
    expect((await store.votes()).map((v) => `${v.direction}/${v.reason?.code ?? '-'}`)).toEqual(['down/-']);

    const sent = await interact(
      modalSubmitInteraction(fake, `sr-fb-why:${target.answerId}`, {
        select: { reason: ['wrong-figure'] },
        text: { note: 'the 2014 deal was $400bn <@&1>' },
      }),
    );
    expect(sent.body).toMatchObject({ type: 4, data: { content: THANKS_DOWN, flags: EPHEMERAL } });
    const votes = await store.votes();
    expect(votes).toMatchObject([
      { direction: 'down', reason: { code: 'wrong-figure', text: 'the 2014 deal was $400bn @&1' }, query: 'gas deal' },
    ]);
    expect(JSON.stringify(votes)).not.toContain(HUMAN.id);
  });
});
