/**
 * A workspace whose Slack refuses the `data_visualization` block (`invalid_blocks`, nothing
 * posted) still gets every answer, without the chart: the slash answer at its response_url,
 * a mention's reply and a Share by chat.postMessage, a digest post. Through the real Bolt app
 * against the fake Web API, which refuses the block as such a workspace does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackDigestPoster, type RunningSlack, startSlack } from '../../adapters/slack/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { actionBody, commandBody, eventBody, FORM, post, SIGNING_SECRET, shareActionPayload } from '../slack/signed-requests.ts';

type Block = { type: string; text?: { text: string } };
let fake: FakeSlack;
let slack: RunningSlack;
let endpoint: string;
const logger = memoryLogger();

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.refuseBlock('data_visualization');
  slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
    { answerer: realAnswerer(), logger },
  );
  endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const hasChart = (blocks: unknown) => (blocks as Block[]).some((b) => b.type === 'data_visualization');
/** The figures stay in the text the chart drew. */
const statesTheFigures = (blocks: unknown) => expect(JSON.stringify(blocks)).toMatch(/190/);

describe('Slack refusing the chart block', () => {
  it('the slash answer goes again to its response_url without the chart, and is cached that way', async () => {
    expect((await post(endpoint, commandBody('trade', fake.responseUrl('refused-slash')), FORM)).status).toBe(200);
    await fake.until(() => fake.responses.some((r) => r.id === 'refused-slash'), 'the answer');
    const tries = fake.attempts.filter((a) => a.id === 'refused-slash');
    expect(tries.map((t) => [Boolean(t.problem), hasChart(t.body.blocks)])).toEqual([
      [true, true],
      [false, false],
    ]);
    statesTheFigures(tries[1].body.blocks);
    // Asked again: the answer that got through, at once.
    expect((await post(endpoint, commandBody('trade', fake.responseUrl('refused-slash-again')), FORM)).status).toBe(200);
    await fake.until(() => fake.responses.some((r) => r.id === 'refused-slash-again'), 'the second answer');
    expect(fake.attempts.filter((a) => a.id === 'refused-slash-again')).toHaveLength(1);
  });

  it('a mention is answered in its thread without the chart', async () => {
    const body = eventBody('EvRefusedChart', {
      type: 'app_mention',
      channel: 'C0CHART',
      user: 'U0ASKER',
      text: '<@UBOT> trade',
      ts: '1700000000.000700',
    });
    expect((await post(endpoint, body, 'application/json')).status).toBe(200);
    const posts = () => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === 'C0CHART');
    await fake.until(() => posts().some((c) => !c.refused), 'the answer');
    expect(posts().map((c) => [c.refused, hasChart(c.params.blocks)])).toEqual([
      ['invalid_blocks', true],
      [undefined, false],
    ]);
    expect(posts()[1].params.thread_ts).toBe('1700000000.000700');
    statesTheFigures(posts()[1].params.blocks);
  });

  it('a Share is posted without the chart', async () => {
    const start = fake.calls.length;
    const res = await post(endpoint, actionBody(shareActionPayload('trade', fake.responseUrl('refused-share'))), FORM);
    expect(res.status).toBe(200);
    const posts = () => fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage');
    await fake.until(() => posts().some((c) => !c.refused), 'the shared post');
    expect(posts().map((c) => [c.refused, hasChart(c.params.blocks)])).toEqual([
      ['invalid_blocks', true],
      [undefined, false],
    ]);
    statesTheFigures(posts()[1].params.blocks);
  });

  it('a digest is posted without the chart', async () => {
    const start = fake.calls.length;
    const poster = createSlackDigestPoster({ botToken: 'xoxb-test', apiUrl: fake.apiUrl }, logger);
    const digest = answerText(realAnswerer(), 'trade');
    const result = await poster.post('C0DIGEST', digest, { deliveryId: 'refused-chart-1', localDate: '2026-06-10', factIds: [] });
    expect(result.ok).toBe(true);
    const posts = fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => [c.refused, hasChart(c.params.blocks)])).toEqual([
      ['invalid_blocks', true],
      [undefined, false],
    ]);
    statesTheFigures(posts[1].params.blocks);
    expect(logger.entries.some((e) => String(e.msg).includes("refused the digest's chart block"))).toBe(true);
  });
});
