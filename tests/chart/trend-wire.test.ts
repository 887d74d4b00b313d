/**
 * "trade by year" as a new user asks it, on each surface: Slack (real Bolt, signed slash
 * command, the fake Web API) shows the data_visualization block, Discord (real discord.js,
 * the fake Discord) an embed with chart.png, the command line a text chart; every point is
 * the answer's own, whose figures and sources tests/chart/trend-question.test.ts checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.ts';
import { type RunningSlack, startSlack } from '../../adapters/slack/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { commandInteraction, FakeDiscord, type RecordedCall } from '../discord/fake-discord.ts';
import { cli } from '../helpers/cli.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, FORM, post, SIGNING_SECRET } from '../slack/signed-requests.ts';

const QUESTION = 'trade by year';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const chart = answerText(realAnswerer(), `ask ${QUESTION}`).chart;

let slackApi: FakeSlack;
let slack: RunningSlack;
let discordApi: FakeDiscord;
let discord: { stop(): Promise<void> };

beforeAll(async () => {
  slackApi = await startFakeSlack();
  slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: slackApi.apiUrl, webApiRetries: 0 },
    { answerer: realAnswerer(), logger: memoryLogger() },
  );
  discordApi = await new FakeDiscord().start();
  discord = await startDiscord(
    { token: FAKE_DISCORD_TOKEN, apiUrl: discordApi.apiUrl },
    { answerer: realAnswerer(), logger: memoryLogger(), limiter: new RateLimiter({ burst: 1000, perMinute: 1000 }) },
  );
});

afterAll(async () => {
  await slack?.stop();
  await slackApi?.close();
  await discord?.stop();
  await discordApi?.close();
});

describe(`"${QUESTION}" on every surface`, () => {
  it('has a chart of trade with its target to show', () => {
    expect(chart?.points.map((p) => [p.label, p.value, p.kind])).toEqual([
      ['2018', 100, 'actual'],
      ['2022', 190, 'actual'],
      ['2024', 200, 'target'],
    ]);
  });

  it('Slack: the answer carries the data_visualization block, and its text states every value', async () => {
    const res = await post(`http://127.0.0.1:${slack.port}/slack/events`, commandBody(QUESTION, slackApi.responseUrl('by-year')), FORM);
    expect(res.status).toBe(200);
    await slackApi.until(() => slackApi.responses.some((r) => r.id === 'by-year'), 'the answer');
    type Block = { type: string; title?: string; text?: { text: string }; chart?: { series: { data: { value: number }[] }[] } };
    const body = slackApi.responses.find((r) => r.id === 'by-year')?.body as { blocks: Block[] } | undefined;
    const blocks = body?.blocks ?? [];
    const drawn = blocks.filter((b) => b.type === 'data_visualization');
    expect(drawn).toHaveLength(1);
    expect(drawn[0].title).toBe(chart?.title);
    expect(drawn[0].chart?.series[0].data.map((d) => d.value)).toEqual([100, 190, 200]);
    const text = blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : [])).join('\n');
    for (const value of [100, 190, 200]) expect(text).toContain(`$${value} billion`);
  });

  it('Discord: the embed shows chart.png, a real PNG whose description names every point', async () => {
    const interaction = commandInteraction(discordApi, 'ask', { question: QUESTION });
    const start = discordApi.calls.length;
    discordApi.dispatch('INTERACTION_CREATE', interaction);
    const call: RecordedCall = await discordApi.waitForCall(
      (c) => c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`,
      start,
    );
    const [file] = call.files ?? [];
    expect(file?.name).toBe('chart.png');
    expect(file?.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(call.body.data.embeds[0].image).toEqual({ url: 'attachment://chart.png' });
    expect(call.body.data.attachments[0].description).toMatch(
      /2018: more than 100 \[[\d, ]+\]; 2022: 190 \[\d+\]; 2024 target: 200 \[\d+\]/,
    );
  });

  it('the command line: a bar per point after the items, with its value and citations', async () => {
    const { code, out } = await cli('ask', QUESTION);
    expect(code).toBe(0);
    expect(out).toContain(`\n${chart?.title}\n`);
    const bars = out.split('\n').filter((line) => /^ {2}\S.*\|[█░#:]+ +>?\d+ (\[\d+\])+$/.test(line));
    expect(bars.map((line) => line.trim().split(/\s+/)[0])).toEqual(['2018', '2022', '2024']);
    expect(bars[2]).toContain('target');
  });
});
