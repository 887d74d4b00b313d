/**
 * A vote on an answer shown before a restart keeps the answer's query, kind and fact ids,
 * through startBot's wiring against the fake platforms, on SQLite and PostgreSQL. Discord's
 * buttons carry only the answer's id: the bot finds the rest in the store it saved it to when
 * the answer was shown. Slack's buttons and reason form carry it themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../../adapters/slack/app.ts';
import type { Vote } from '../../src/feedback/types.ts';
import { buttonInteraction, commandInteraction, FakeDiscord, modalSubmitInteraction, type RecordedCall } from '../discord/fake-discord.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { type ScenarioStore, STORES } from '../scenarios/stores.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import {
  actionBody,
  commandBody,
  FORM,
  feedbackClickPayload,
  nextTriggerId,
  post,
  reasonSubmissionPayload,
  SIGNING_SECRET,
} from '../slack/signed-requests.ts';

/** With DATABASE_URL every instance needs the same key; set it on SQLite too, so both runs are alike. */
const FEEDBACK_KEY = 'restart-test-key-0123456789abcdef';
const QUESTION = 'how big is the gas deal';

// biome-ignore lint/suspicious/noExplicitAny: platform JSON, read loosely
type Loose = Record<string, any>;

/** Reads the store until `done` holds (writes go beside the answers, not before them). */
async function votesUntil(bot: Instance, done: (votes: Vote[]) => boolean): Promise<Vote[]> {
  let votes = await bot.feedback.store!.votes();
  for (let i = 0; i < 100 && !done(votes); i++) {
    await new Promise((r) => setTimeout(r, 20));
    votes = await bot.feedback.store!.votes();
  }
  return votes;
}

describe.each(STORES)('a vote after a restart, on $name', ({ create }) => {
  let store: ScenarioStore;
  let storeEnv: Record<string, string>;
  const data = tempDataDir();
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  beforeAll(async () => {
    store = create();
    storeEnv = { DATA_DIR: data.dir, FEEDBACK_KEY, ...(await store.env()) };
  }, 60_000);
  afterAll(async () => {
    await store?.cleanup();
    data.remove();
  });

  describe('Discord', () => {
    let fake: FakeDiscord;
    let bot: Instance | undefined;
    beforeAll(async () => {
      fake = await new FakeDiscord().start();
    });
    afterAll(async () => {
      await bot?.stop();
      await fake?.close();
    });

    async function interact(interaction: { id: string; token: string }): Promise<RecordedCall> {
      const start = fake.calls.length;
      fake.dispatch('INTERACTION_CREATE', interaction);
      return fake.waitForCall(
        (c) => c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`,
        start,
      );
    }

    it('keeps the query, kind and fact ids of a 👎 and its reason clicked after the restart', async () => {
      const env = { DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: fake.apiUrl, ...storeEnv };
      bot = await startInstance(env, clock);
      const answer = await interact(commandInteraction(fake, 'ask', { question: QUESTION }));
      const buttons = (answer.body.data.components as { components: { custom_id: string; label: string }[] }[]).flatMap(
        (r) => r.components,
      );
      const down = buttons.find((b) => b.label === 'Fell short')!.custom_id;
      expect(down.length).toBeLessThanOrEqual(100);
      const answerId = down.split(':')[2];
      // Saved when shown; the restart waits for it.
      for (let i = 0; i < 100 && !(await bot.feedback.store!.shown(answerId)); i++) await new Promise((r) => setTimeout(r, 20));
      const shown = await bot.feedback.store!.shown(answerId);
      expect(shown).toMatchObject({ answerId, kind: 'search', query: QUESTION });

      await bot.stop();
      bot = await startInstance(env, clock);
      const click = await interact(buttonInteraction(fake, down));
      expect(click.body).toMatchObject({ type: 9 });
      const sent = await interact(
        modalSubmitInteraction(fake, (click.body.data as unknown as { custom_id: string }).custom_id, {
          select: { reason: ['outdated'] },
        }),
      );
      expect(sent.body).toMatchObject({ type: 4, data: { flags: 64 } });
      const votes = await votesUntil(bot, (v) => v.some((x) => x.answerId === answerId && x.reason !== undefined));
      expect(votes.filter((v) => v.answerId === answerId)).toEqual([
        expect.objectContaining({
          kind: 'search',
          query: QUESTION,
          factIds: shown!.factIds,
          direction: 'down',
          reason: { code: 'outdated' },
        }),
      ]);
      expect(shown!.factIds.length).toBeGreaterThan(0);
    });
  });

  describe('Slack', () => {
    let fake: FakeSlack;
    let bot: Instance | undefined;
    beforeAll(async () => {
      fake = await startFakeSlack();
    });
    afterAll(async () => {
      await bot?.stop();
      await fake?.close();
    });

    it('keeps them for a click and a reason form sent after the restart', async () => {
      const env = {
        SLACK_BOT_TOKEN: 'xoxb-restart',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '0',
        SLACK_API_URL: fake.apiUrl,
        ...storeEnv,
      };
      const endpoint = (b: Instance) => `http://127.0.0.1:${(b.adapters[0].running as RunningSlack).port}/slack/events`;
      bot = await startInstance(env, clock);
      expect((await post(endpoint(bot), commandBody(QUESTION, fake.responseUrl('before'), { user_id: 'U0READER' }), FORM)).status).toBe(
        200,
      );
      await fake.until(() => fake.responses.some((r) => r.id === 'before'), 'the answer');
      const answer = fake.responses.find((r) => r.id === 'before')!.body as Loose;
      const block = (answer.blocks as Loose[]).find((b) => b.type === 'context_actions')!;

      await bot.stop();
      bot = await startInstance(env, clock);
      const triggerId = nextTriggerId();
      const click = feedbackClickPayload({
        user: 'U0READER',
        value: block.elements[0].negative_button.value,
        blockId: block.block_id,
        responseUrl: fake.responseUrl('after'),
        triggerId,
      });
      expect((await post(endpoint(bot), actionBody(click), FORM)).status).toBe(200);
      await fake.until(() => fake.views.some((v) => v.triggerId === triggerId), 'the reason form');
      const form = fake.views.find((v) => v.triggerId === triggerId)!;
      const submission = reasonSubmissionPayload({
        user: 'U0READER',
        privateMetadata: form.view.private_metadata,
        reason: 'wrong-figure',
      });
      expect((await post(endpoint(bot), actionBody(submission), FORM)).status).toBe(200);
      const votes = await votesUntil(bot, (v) => v.some((x) => x.platform === 'slack' && x.reason !== undefined));
      const [vote] = votes.filter((v) => v.platform === 'slack');
      expect(vote).toMatchObject({ kind: 'search', query: QUESTION, direction: 'down', reason: { code: 'wrong-figure' } });
      expect(vote.factIds.length).toBeGreaterThan(0);
    });
  });
});
