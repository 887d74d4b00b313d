/**
 * 👍 / 👎 on a daily digest post on Slack, through startBot's wiring (real Bolt with signed
 * requests, the fake Slack Web API), on SQLite and on PostgreSQL when TEST_DATABASE_URL is
 * set: the post carries Slack's feedback_buttons; a 👍 is thanked privately; a 👎 by the same
 * reader opens the same reason form and replaces the 👍; the store keeps one vote of kind
 * `digest` with the post's facts and channel; the report lists it as that channel's digest.
 * A workspace that refuses the native element gets the post with plain buttons; a post in a
 * direct message keeps no channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../../adapters/slack/app.ts';
import { FEEDBACK_DOWN_ACTION_ID, REASON_CALLBACK_ID, THANKS_DOWN, THANKS_UP } from '../../adapters/slack/feedback-block.ts';
import { runReportCli } from '../../app/cli-report.ts';
import type { Subscription } from '../../src/digest/types.ts';
import { formatReport, reportFromStore } from '../../src/feedback/report.ts';
import { DIRECT_CHANNEL } from '../../src/feedback/types.ts';
import { createSqlFeedbackStore } from '../../stores/sql/feedback-store.ts';
import { MULTI_INSTANCE_BACKENDS, realKnowledge } from '../digest/support.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { sink } from '../helpers/cli.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import {
  actionBody,
  eventBody,
  type FeedbackClick,
  FORM,
  feedbackClickPayload,
  nextTriggerId,
  post,
  reasonSubmissionPayload,
  SIGNING_SECRET,
} from '../slack/signed-requests.ts';

// biome-ignore lint/suspicious/noExplicitAny: block and view JSON, read loosely
type Loose = Record<string, any>;
const CHANNEL = 'C0DIGESTVOTE';
const REFUSING = 'C0NONATIVE';
const DIRECT = 'D0READERDM';
const READER = 'U0DIGESTREADER';
const KEY = 'digest-votes-test-key-0123456789';
const CURATOR = 'U0DIGESTCURATOR';

const subscription = (channelId: string): Subscription => ({
  platform: 'slack',
  channelId,
  time: '09:00',
  timeZone: 'UTC',
  topics: ['trade'],
  subscribedBy: 'U0SUBSCRIBER',
  subscribedAt: '2026-06-01T00:00:00.000Z',
});

describe.each(MULTI_INSTANCE_BACKENDS)('votes on a Slack digest post, store on %s', (name, makeBackend) => {
  let fake: FakeSlack;
  let bot: Instance;
  let env: Record<string, string>;
  let endpoint: string;
  const backend = makeBackend();
  const data = tempDataDir();
  const clock = new FakeClock('2026-06-10T08:00:00Z');
  let clicks = 0;

  beforeAll(async () => {
    fake = await startFakeSlack();
    env = {
      SLACK_BOT_TOKEN: 'xoxb-digest-votes',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: data.dir,
      FEEDBACK_KEY: KEY,
      CURATORS: CURATOR,
    };
    // SQLite: the bot's own file under DATA_DIR, which `sinorussia report` reads too.
    bot = await startInstance(env, clock, name === 'sqlite' ? {} : { openStore: () => backend.open() });
    endpoint = `http://127.0.0.1:${(bot.adapters[0].running as RunningSlack).port}/slack/events`;
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await backend.cleanup();
    data.remove();
  });

  const postsIn = (channel: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
  const blocksOf = (call: { params: Record<string, unknown> }) => call.params.blocks as Loose[];

  /** A click on a button of the post in `channel`; resolves with its trigger id and the response_url id it answers on. */
  async function click(
    channel: string,
    button: Pick<FeedbackClick, 'value' | 'blockId' | 'elementType' | 'actionId'>,
  ): Promise<{ triggerId: string; responseId: string }> {
    const triggerId = nextTriggerId();
    const responseId = `digest-vote-${name}-${++clicks}`;
    const body = feedbackClickPayload({
      user: READER,
      channel,
      ephemeral: false,
      responseUrl: fake.responseUrl(responseId),
      triggerId,
      ...button,
    });
    expect((await post(endpoint, actionBody(body), FORM)).status).toBe(200);
    return { triggerId, responseId };
  }

  async function votes() {
    return createSqlFeedbackStore(bot.store.db).votes();
  }

  it('the post carries the native 👍 / 👎; a 👍 is thanked privately, a 👎 opens the reason form and replaces it', async () => {
    await bot.store.saveSubscription(subscription(CHANNEL));
    clock.set('2026-06-10T09:01:00Z');
    expect((await bot.scheduler.tick()).sent).toBe(1);
    const [posted] = postsIn(CHANNEL);
    const block = blocksOf(posted).find((b) => b.type === 'context_actions');
    expect(block?.elements[0].type).toBe('feedback_buttons');
    const element = block?.elements[0];

    const up = await click(CHANNEL, { blockId: block?.block_id, value: element.positive_button.value });
    await fake.until(() => fake.responses.some((r) => r.id === up.responseId), 'the thanks for the 👍');
    const thanks = fake.responses.find((r) => r.id === up.responseId)?.body;
    expect(thanks).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: THANKS_UP });

    const down = await click(CHANNEL, { blockId: block?.block_id, value: element.negative_button.value });
    await fake.until(() => fake.views.some((v) => v.triggerId === down.triggerId), 'the reason form');
    const form = fake.views.find((v) => v.triggerId === down.triggerId)?.view as Loose;
    expect(form.callback_id).toBe(REASON_CALLBACK_ID);
    const submission = reasonSubmissionPayload({
      user: READER,
      privateMetadata: form.private_metadata,
      reason: 'wrong-figure',
      note: 'the 2022 total differs elsewhere',
    });
    const res = await post(endpoint, actionBody(submission), FORM);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(THANKS_DOWN.slice(0, 20));

    const [sent] = await bot.store.sentDigests('slack', CHANNEL);
    // The reason is recorded once the form is acknowledged: read until it is in.
    let recorded = await votes();
    for (let tries = 0; tries < 50 && !recorded[0]?.reason; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      recorded = await votes();
    }
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      kind: 'digest',
      query: 'digest 2026-06-10',
      channel: CHANNEL,
      platform: 'slack',
      direction: 'down',
      reason: { code: 'wrong-figure', text: 'the 2022 total differs elsewhere' },
      factIds: sent.factIds,
    });
    expect(JSON.stringify(recorded)).not.toContain(READER);
  });

  it('the report lists the vote as that channel’s digest post, with its reason and facts, apart from answers', async () => {
    const report = await reportFromStore(createSqlFeedbackStore(bot.store.db), realKnowledge(), clock.now());
    expect(report.totals).toMatchObject({ votes: 1, down: 1, digestVotes: 1 });
    expect(report.answers).toEqual([]);
    expect(report.digests).toMatchObject([{ kind: 'digest', channel: CHANNEL, platform: 'slack', down: 1, up: 0 }]);
    // A vote on a post asked nothing: no topic counts it as asked.
    expect(report.topics.every((t) => t.asked === 0)).toBe(true);
    const text = formatReport(report);
    expect(text).toContain(`the digest of 2026-06-10 on slack in channel ${CHANNEL}`);
    expect(text).toContain('wrong figure ×1; "the 2022 total differs elsewhere"');
    expect(text).toContain((await bot.store.sentDigests('slack', CHANNEL))[0].factIds.join(', '));
    // The curator's App Home lists it the same way.
    const before = fake.views.length;
    const home = eventBody(`Ev-digest-home-${name}`, { type: 'app_home_opened', user: CURATOR, tab: 'home', channel: 'D0HOME' });
    expect((await post(endpoint, home, 'application/json')).status).toBe(200);
    await fake.until(() => fake.views.slice(before).some((v) => v.method === 'views.publish' && v.userId === CURATOR), 'the Home');
    const view = JSON.stringify(fake.views.slice(before).find((v) => v.userId === CURATOR)?.view);
    expect(view).toContain('Digest posts voted on');
    expect(view).toContain(`the digest of 2026-06-10 on slack in channel ${CHANNEL}`);
    if (name === 'sqlite') {
      // The command line reads the same SQLite file under DATA_DIR.
      const [out, err] = [sink(), sink()];
      expect(await runReportCli([], out.stream, err.stream, env, clock)).toBe(0);
      expect(out.text()).toContain(`the digest of 2026-06-10 on slack in channel ${CHANNEL}`);
    }
  });

  it('a workspace refusing the native element gets the post with plain buttons, which vote the same way', async () => {
    await bot.store.saveSubscription(subscription(REFUSING));
    fake.refuseBlock('context_actions');
    try {
      expect((await bot.scheduler.tick()).sent).toBe(1);
    } finally {
      fake.acceptBlock('context_actions');
    }
    // One rule for optional blocks: the chart goes first, then the native 👍 / 👎.
    const tries = postsIn(REFUSING);
    expect(tries.map((t) => [t.refused, blocksOf(t).some((b) => b.type === 'data_visualization')])).toEqual([
      ['invalid_blocks', true],
      ['invalid_blocks', false],
      [undefined, false],
    ]);
    const again = tries[2];
    expect(blocksOf(tries[1]).map((b) => b.type)).toContain('context_actions');
    expect(blocksOf(again).map((b) => b.type)).not.toContain('context_actions');
    const down = blocksOf(again)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .find((e: Loose) => e.action_id === FEEDBACK_DOWN_ACTION_ID);
    const { triggerId } = await click(REFUSING, {
      elementType: 'button',
      actionId: FEEDBACK_DOWN_ACTION_ID,
      blockId: 'x',
      value: down.value,
    });
    await fake.until(() => fake.views.some((v) => v.triggerId === triggerId), 'the reason form');
    expect((await votes()).filter((v) => v.channel === REFUSING)).toMatchObject([{ kind: 'digest', direction: 'down' }]);
  });

  it('a post in a direct message keeps no channel with its vote', async () => {
    await bot.store.saveSubscription(subscription(DIRECT));
    expect((await bot.scheduler.tick()).sent).toBe(1);
    const [posted] = postsIn(DIRECT);
    const element = blocksOf(posted).find((b) => b.type === 'context_actions')?.elements[0];
    expect(JSON.stringify(element)).not.toContain(DIRECT);
    await click(DIRECT, { blockId: 'x', value: element.positive_button.value });
    let mine: Awaited<ReturnType<typeof votes>> = [];
    for (let tries = 0; tries < 50 && mine.length === 0; tries++) {
      mine = (await votes()).filter((v) => v.channel === DIRECT_CHANNEL);
      if (mine.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(mine).toMatchObject([{ kind: 'digest', direction: 'up', channel: DIRECT_CHANNEL }]);
    expect(JSON.stringify(await votes())).not.toContain(DIRECT);
  });
});
