/**
 * The fake Slack refuses what Slack would not show, so a broken chart fails a test: it
 * answers `invalid_blocks` to a data_visualization block out of its limits (a third one, a
 * title over 50 characters, a value that is no number, a chart type Slack does not draw).
 * What the bot really sends passes.
 */
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartBlocks } from '../../adapters/slack/chart-block.ts';
import type { Answer } from '../../src/answer/types.ts';
import type { Chart } from '../../src/chart/types.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';

let slackFake: FakeSlack;
let trade: Answer;

beforeAll(async () => {
  slackFake = await startFakeSlack();
  trade = answerText(realAnswerer(), 'trade');
});

afterAll(async () => {
  await slackFake?.close();
});

describe('the fake Slack and data_visualization blocks', () => {
  const client = () => new webApi.WebClient('xoxb-test', { slackApiUrl: slackFake.apiUrl, retryConfig: { retries: 0 } });
  const postBlocks = (blocks: unknown[]) => client().chat.postMessage({ channel: 'C0CHAN', text: 'chart', blocks: blocks as never });
  const refusal = async (blocks: unknown[]) => {
    const error = await postBlocks(blocks).then(
      () => undefined,
      (e: unknown) => e,
    );
    return (error as { data?: { error?: string } } | undefined)?.data?.error;
  };

  it('takes the block the bot draws for the trade answer, and two of them', async () => {
    const [block] = chartBlocks([trade.chart as Chart]);
    expect(block).toBeDefined();
    await expect(postBlocks([block])).resolves.toMatchObject({ ok: true });
    await expect(postBlocks([block, { ...block, block_id: 'again' }])).resolves.toMatchObject({ ok: true });
  });

  it('refuses a third block, a title over 50 characters, a value that is no number, a chart type Slack does not draw', async () => {
    const [block] = chartBlocks([trade.chart as Chart]);
    expect(await refusal([block, block, block])).toBe('invalid_blocks');
    expect(await refusal([{ ...block, title: 'x'.repeat(51) }])).toBe('invalid_blocks');
    const series = block.chart.series.map((s) => ({ ...s, data: s.data.map((d) => ({ ...d, value: String(d.value) })) }));
    expect(await refusal([{ ...block, chart: { ...block.chart, series } }])).toBe('invalid_blocks');
    expect(await refusal([{ ...block, chart: { ...block.chart, type: 'radar' } }])).toBe('invalid_blocks');
    expect(slackFake.calls.filter((c) => c.refused === 'invalid_blocks').map((c) => c.problem)).toEqual([
      '3 data_visualization blocks, over 2',
      'data_visualization: title must be 1 to 50 characters',
      "data_visualization: a point's value must be a number, not 100",
      'data_visualization: chart.type radar is not one Slack draws',
    ]);
  });

  it('refuses a chart block at a response_url too (HTTP 400)', async () => {
    const [block] = chartBlocks([trade.chart as Chart]);
    const res = await fetch(slackFake.responseUrl('too-many'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'chart', blocks: [block, block, block] }),
    });
    expect(res.status).toBe(400);
    expect(slackFake.responses.some((r) => r.id === 'too-many')).toBe(false);
  });
});
