/**
 * The loop as a new user meets it, through startBot's wiring (real Bolt, signed requests, the
 * fake Slack Web API): ask, vote 👎 with a reason, ask an off-topic question twice; then the
 * curators' report lists both, on the command line and in a curator's App Home, not in anyone
 * else's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../../adapters/slack/app.ts';
import { REASON_CALLBACK_ID } from '../../adapters/slack/feedback-block.ts';
import { runReportCli } from '../../app/cli-report.ts';
import type { FeedbackReport } from '../../src/feedback/report.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { sink } from '../helpers/cli.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import {
  actionBody,
  commandBody,
  eventBody,
  FORM,
  feedbackClickPayload,
  nextTriggerId,
  post,
  reasonSubmissionPayload,
  SIGNING_SECRET,
} from '../slack/signed-requests.ts';

// biome-ignore lint/suspicious/noExplicitAny: block and view JSON, read loosely
type Loose = Record<string, any>;
const CURATOR = 'U0CURATOR';
const READER = 'U0READER';
const OFF_TOPIC = 'best borscht recipe';

describe('feedback from a Slack answer to the curators’ report', () => {
  let fake: FakeSlack;
  let bot: Instance;
  let env: Record<string, string>;
  const data = tempDataDir();
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  let endpoint: string;
  let asked = 0;

  beforeAll(async () => {
    fake = await startFakeSlack();
    env = {
      SLACK_BOT_TOKEN: 'xoxb-loop',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: data.dir,
      CURATORS: CURATOR,
    };
    bot = await startInstance(env, clock);
    endpoint = `http://127.0.0.1:${(bot.adapters[0].running as RunningSlack).port}/slack/events`;
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    data.remove();
  });

  async function slash(text: string): Promise<Loose> {
    const id = `loop-${++asked}`;
    const res = await post(endpoint, commandBody(text, fake.responseUrl(id), { user_id: READER }), FORM);
    expect(res.status).toBe(200);
    await fake.until(() => fake.responses.some((r) => r.id === id), `the answer to /sinorussia ${text}`);
    return fake.responses.find((r) => r.id === id)!.body;
  }

  async function report(): Promise<FeedbackReport> {
    const [out, err] = [sink(), sink()];
    const code = await runReportCli(['--json'], out.stream, err.stream, env, clock);
    expect({ code, err: err.text() }).toEqual({ code: 0, err: '' });
    return JSON.parse(out.text());
  }

  async function openHome(user: string): Promise<string> {
    const before = fake.views.length;
    const res = await post(
      endpoint,
      eventBody(`Ev-home-${user}`, { type: 'app_home_opened', user, tab: 'home', channel: 'D0HOME' }),
      'application/json',
    );
    expect(res.status).toBe(200);
    await fake.until(() => fake.views.slice(before).some((v) => v.method === 'views.publish' && v.userId === user), `${user}'s Home`);
    return JSON.stringify(fake.views.slice(before).find((v) => v.userId === user)!.view);
  }

  it('records a 👎 with its reason and an off-topic question asked twice; the report and the curator’s Home show both', async () => {
    const answer = await slash('how big is the gas deal');
    const block = (answer.blocks as Loose[]).find((b) => b.type === 'context_actions');
    expect(block, 'the answer carries 👍 / 👎').toBeDefined();
    const element = block!.elements[0];
    expect(element.type).toBe('feedback_buttons');

    const triggerId = nextTriggerId();
    const click = feedbackClickPayload({
      user: READER,
      value: element.negative_button.value,
      blockId: block!.block_id,
      responseUrl: fake.responseUrl('loop-vote'),
      triggerId,
    });
    expect((await post(endpoint, actionBody(click), FORM)).status).toBe(200);
    await fake.until(() => fake.views.some((v) => v.triggerId === triggerId), 'the reason form');
    const form = fake.views.find((v) => v.triggerId === triggerId)!;
    expect(form.view.callback_id).toBe(REASON_CALLBACK_ID);
    const submission = reasonSubmissionPayload({
      user: READER,
      privateMetadata: form.view.private_metadata,
      reason: 'outdated',
      note: 'needs the 2024 figure',
    });
    expect((await post(endpoint, actionBody(submission), FORM)).status).toBe(200);

    for (let i = 0; i < 2; i++) expect((await slash(OFF_TOPIC)).text).toBeDefined();

    // The records are written beside the answers, not before them: read until both are in.
    let reported = await report();
    for (let tries = 0; tries < 50 && !(reported.unanswered[0]?.count === 2 && reported.answers[0]?.comments.length === 1); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      reported = await report();
    }
    expect(reported.unanswered).toMatchObject([{ question: OFF_TOPIC, count: 2, platforms: ['slack'] }]);
    const [voted] = reported.answers;
    expect(voted).toMatchObject({ query: 'how big is the gas deal', down: 1, up: 0, comments: ['needs the 2024 figure'] });
    expect(voted.reasons).toEqual([{ reason: expect.stringContaining('outdated'), count: 1 }]);
    expect(voted.factIds.length).toBeGreaterThan(0);
    expect(reported.facts.map((f) => f.factId)).toEqual(expect.arrayContaining(voted.factIds));
    // Nobody's id is in the store's report.
    expect(JSON.stringify(reported)).not.toContain(READER);

    const curatorHome = await openHome(CURATOR);
    expect(curatorHome).toContain(OFF_TOPIC);
    expect(curatorHome).toContain(voted.factIds[0]);
    expect(curatorHome).toContain('needs the 2024 figure');
    const readerHome = await openHome(READER);
    expect(readerHome).not.toContain(OFF_TOPIC);
    expect(readerHome).not.toContain(voted.factIds[0]);
    expect(readerHome).not.toContain('needs the 2024 figure');
  });

  it('a workspace that refuses the native 👍/👎 element gets the answer again with plain buttons', async () => {
    const channel = 'C0REFUSES';
    fake.failNext('chat.postMessage', 'invalid_blocks');
    const event = {
      type: 'app_mention',
      channel,
      user: READER,
      text: '<@UBOT> gas deal',
      ts: '1800000000.000500',
      event_ts: '1800000000.000500',
    };
    expect((await post(endpoint, eventBody('Ev-refuses', event), 'application/json')).status).toBe(200);
    const posts = () => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
    await fake.until(() => posts().length === 2, 'the answer posted again');
    const [refused, again] = posts();
    const types = (call: { params: Record<string, unknown> }) => (call.params.blocks as Loose[]).map((b) => b.type);
    expect(refused.refused).toBe('invalid_blocks');
    expect(types(refused)).toContain('context_actions');
    expect(again.refused).toBeUndefined();
    expect(types(again)).not.toContain('context_actions');
    expect(JSON.stringify(again.params.blocks)).toContain('"type":"button"');
  });
});
