/**
 * Charts on Slack through the real Bolt app against the fake Web API: the answer to
 * `/sinorussia trade` carries one data_visualization block, intact as sent, whose points are
 * the figures its text states; an answer without a chart carries none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/index.ts';
import { renderAnswer } from '../../adapters/slack/render.ts';
import { memoryLogger } from '../../src/log.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { actionBody, commandBody, FORM, post, SIGNING_SECRET, shareActionPayload } from '../slack/signed-requests.ts';

let fake: FakeSlack;
let slack: RunningSlack;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
    { answerer: realAnswerer(), logger: memoryLogger() },
  );
  endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

type Block = { type: string; text?: { text: string }; chart?: { series: { data: { label: string; value: number }[] }[] } };

async function slash(text: string, id: string): Promise<{ text: string; blocks: Block[] }> {
  expect((await post(endpoint, commandBody(text, fake.responseUrl(id)), FORM)).status).toBe(200);
  await fake.until(() => fake.responses.some((r) => r.id === id), `the answer to ${text}`);
  const body = fake.responses.find((r) => r.id === id)?.body as { text: string; blocks: Block[] };
  return body;
}

/** Every amount in billions the message's sections state, as numbers. */
function statedBillions(blocks: Block[]): Set<number> {
  const text = blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : [])).join('\n');
  return new Set([...text.matchAll(/\$?(\d+(?:\.\d+)?)\s*(?:bn|billion)/gi)].map((m) => Number(m[1])));
}

describe('charts on Slack', () => {
  it('/sinorussia trade carries one data_visualization block whose points are the text’s figures', async () => {
    const { blocks } = await slash('trade', 'chart-trade');
    const charts = blocks.filter((b) => b.type === 'data_visualization');
    expect(charts).toHaveLength(1);
    expect(blocks.indexOf(charts[0])).toBeLessThan(blocks.findIndex((b) => b.type === 'section'));
    const chart = answerText(realAnswerer(), 'trade').chart;
    expect(charts[0]).toMatchObject({ title: chart?.title, chart: { type: 'bar' } });
    const values = charts[0].chart?.series.flatMap((s) => s.data.map((d) => d.value));
    expect(values).toEqual(chart?.points.map((p) => p.value));
    const stated = statedBillions(blocks);
    for (const value of values ?? []) expect(stated).toContain(value);
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('an answer without a chart carries no chart block', async () => {
    const { blocks } = await slash('help', 'chart-help');
    expect(blocks.some((b) => b.type === 'data_visualization')).toBe(false);
  });

  it('a shared post reaches chat.postMessage with the chart block intact', async () => {
    const { blocks } = await slash('trade', 'chart-before-share');
    const sent = blocks.find((b) => b.type === 'data_visualization');
    const res = await post(endpoint, actionBody(shareActionPayload('trade', fake.responseUrl('chart-share'))), FORM);
    expect(res.status).toBe(200);
    await fake.until(() => fake.calls.some((c) => c.method === 'chat.postMessage'), 'the shared post');
    const shared = fake.calls.find((c) => c.method === 'chat.postMessage')?.params.blocks as Block[];
    expect(shared.filter((b) => b.type === 'data_visualization')).toEqual([sent]);
  });

  it('a long answer with a chart keeps within 50 blocks, the chart right under the head', () => {
    const trade = answerText(realAnswerer(), 'trade');
    const timeline = answerText(realAnswerer(), 'timeline trade');
    // The summary's items (stating every charted figure) first, then a timeline's worth more.
    const long = { ...trade, items: [...trade.items, ...timeline.items] };
    const { blocks } = renderAnswer(long, { shareCommand: 'trade' });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks.filter((b) => b.type === ('data_visualization' as string))).toHaveLength(1);
    expect(blocks.findIndex((b) => b.type === ('data_visualization' as string))).toBeLessThan(3);
    expect(blocks.at(-1)?.type).toBe('actions');
  });

  it('leaves the chart out when the items shown do not state all it draws (an answer cut to fit)', () => {
    const answer = answerText(realAnswerer(), 'trade');
    const cut = renderAnswer(answer, { maxItems: 1 }).blocks;
    expect(cut.some((b) => b.type === ('data_visualization' as string))).toBe(false);
    expect(renderAnswer(answer).blocks.some((b) => b.type === ('data_visualization' as string))).toBe(true);
  });
});
