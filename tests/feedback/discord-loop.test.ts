/**
 * Discord's share of the loop through startBot's wiring (real discord.js, the fake Discord):
 * a command's answer carries 👍 / 👎 beside Share, the 👎 opens the reason form, its
 * submission and an off-topic question reach `sinorussia report`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCli } from '../../app/cli-report.ts';
import type { FeedbackReport } from '../../src/feedback/report.ts';
import { buttonInteraction, commandInteraction, FakeDiscord, modalSubmitInteraction, type RecordedCall } from '../discord/fake-discord.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { sink } from '../helpers/cli.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';

const OFF_TOPIC = 'best borscht recipe';

describe('feedback from a Discord answer to the curators’ report', () => {
  let fake: FakeDiscord;
  let bot: Instance;
  let env: Record<string, string>;
  const data = tempDataDir();
  const clock = new FakeClock('2026-12-01T10:00:00Z');

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    env = { DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: fake.apiUrl, DATA_DIR: data.dir };
    bot = await startInstance(env, clock);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    data.remove();
  });

  /** Dispatches an interaction and resolves with the bot's callback to it. */
  async function interact(interaction: { id: string; token: string }): Promise<RecordedCall> {
    const start = fake.calls.length;
    fake.dispatch('INTERACTION_CREATE', interaction);
    return fake.waitForCall(
      (c) => c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`,
      start,
    );
  }

  async function report(): Promise<FeedbackReport> {
    const [out, err] = [sink(), sink()];
    expect(await runReportCli(['--json'], out.stream, err.stream, env, clock)).toBe(0);
    return JSON.parse(out.text());
  }

  it('records the 👎 with its reason and the unanswered question', async () => {
    const answer = await interact(commandInteraction(fake, 'ask', { question: 'how big is the gas deal' }));
    const buttons = (answer.body.data.components as { components: { custom_id: string; label: string }[] }[]).flatMap((r) => r.components);
    expect(buttons.map((b) => b.label)).toEqual(['Share', 'Useful', 'Fell short']);
    const down = buttons.find((b) => b.label === 'Fell short')!.custom_id;

    const click = await interact(buttonInteraction(fake, down));
    expect(click.body).toMatchObject({ type: 9, data: { title: 'What fell short?' } });
    const sent = await interact(
      modalSubmitInteraction(fake, (click.body.data as unknown as { custom_id: string }).custom_id, {
        select: { reason: ['wrong-figure'] },
        text: { note: 'check the total' },
      }),
    );
    expect(sent.body).toMatchObject({ type: 4, data: { flags: 64 } });
    await interact(commandInteraction(fake, 'ask', { question: OFF_TOPIC }));

    let reported = await report();
    for (let tries = 0; tries < 50 && !(reported.unanswered.length === 1 && reported.answers[0]?.comments.length === 1); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      reported = await report();
    }
    expect(reported.unanswered).toMatchObject([{ question: OFF_TOPIC, count: 1, platforms: ['discord'] }]);
    expect(reported.answers).toMatchObject([{ query: 'how big is the gas deal', down: 1, comments: ['check the total'] }]);
    expect(reported.answers[0].factIds.length).toBeGreaterThan(0);
  });
});
