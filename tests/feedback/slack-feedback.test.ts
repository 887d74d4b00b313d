/**
 * 👍 / 👎 on Slack: the block builders, and the clicks and the reason form on a real Bolt app
 * (signed requests) against the fake Web API, recording into a store.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FEEDBACK_ACTION_ID,
  FEEDBACK_DOWN_ACTION_ID,
  fallbackFeedbackBlock,
  feedbackBlock,
  REASON_CALLBACK_ID,
  reasonModal,
  registerFeedback,
  THANKS_UP,
  withFallbackFeedback,
  withFeedback,
} from '../../adapters/slack/feedback-block.ts';
import { createFeedbackRecorder, feedbackOff, feedbackTarget, MemoryFeedbackStore, userHasher } from '../../src/feedback/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock } from '../digest/support.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import {
  actionBody,
  type FeedbackClick,
  FORM,
  feedbackClickPayload,
  nextTriggerId,
  post,
  reasonSubmissionPayload,
  SIGNING_SECRET,
} from '../slack/signed-requests.ts';

// biome-ignore lint/suspicious/noExplicitAny: block and component JSON, read loosely
type Loose = any;

const target = feedbackTarget(answerText(realAnswerer(), 'gas deal'));

/** Polls an async condition until it holds; fails the test after five seconds rather than hanging. */
async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the feedback blocks', () => {
  it('builds a context_actions block with feedback_buttons carrying the answer, and a two-button fallback', () => {
    const block = feedbackBlock(target) as Loose;
    expect(block).toMatchObject({
      type: 'context_actions',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: FEEDBACK_ACTION_ID,
          positive_button: { text: { text: '👍' } },
          negative_button: { text: { text: '👎' } },
        },
      ],
    });
    expect(block.elements[0].positive_button.value).toMatch(/^up:fb1:/);
    expect(block.elements[0].negative_button.value.length).toBeLessThanOrEqual(2000);
    const [swapped] = withFallbackFeedback([block]);
    expect(swapped).toEqual(fallbackFeedbackBlock(target));
    expect((swapped as Loose).elements.map((e: Loose) => e.action_id)).toEqual(['sinorussia_feedback_up', 'sinorussia_feedback_down']);
  });

  it('adds the block at the end only when feedback is on and the message has room', () => {
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'x' } } as Loose;
    expect(withFeedback([section], target, { enabled: true }).map((b) => b.type)).toEqual(['section', 'context_actions']);
    expect(withFeedback([section], target, feedbackOff)).toEqual([section]);
    expect(withFeedback([section], target, undefined)).toEqual([section]);
    expect(withFeedback(Array(50).fill(section), target, { enabled: true })).toHaveLength(50);
  });

  it('builds a reason form within Slack’s limits: fixed reasons, a 500-character note, the answer in private_metadata', () => {
    const view = reasonModal({ ...target, query: 'q'.repeat(5000) });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.private_metadata!.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(view.blocks)).toContain('"wrong figure"');
    expect(JSON.stringify(view.blocks)).toContain('"max_length":500');
  });
});

describe('clicks and the reason form on a real Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let endpoint: string;
  const store = new MemoryFeedbackStore();
  const clock = new FakeClock('2026-12-01T12:00:00Z');
  const logger = memoryLogger();
  const recorder = createFeedbackRecorder({ store, hashUser: userHasher('slack-feedback-key-0123456789'), clock, logger });

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      token: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    registerFeedback(app, { feedback: recorder, logger });
    const server = (await app.start(0)) as Server;
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  /** A click on the answer's 👍 / 👎: the native element's unless `button` says otherwise. */
  const click = (
    user: string,
    button: Pick<FeedbackClick, 'value' | 'elementType' | 'actionId'>,
    responseId: string,
    triggerId = nextTriggerId(),
  ) =>
    post(
      endpoint,
      actionBody(
        feedbackClickPayload({
          user,
          blockId: `feedback:${target.answerId}`,
          responseUrl: fake.responseUrl(responseId),
          triggerId,
          ...button,
        }),
      ),
      FORM,
    );
  const native = (direction: 'up' | 'down') => {
    const element = (feedbackBlock(target) as Loose).elements[0];
    return { value: element[direction === 'up' ? 'positive_button' : 'negative_button'].value as string };
  };

  it('👍 on the native element records the vote and thanks the clicker privately', async () => {
    expect((await click('U0VOTER', native('up'), 'fb-up')).status).toBe(200);
    await fake.until(() => fake.responses.some((r) => r.id === 'fb-up'), 'the thanks');
    expect(fake.responses.find((r) => r.id === 'fb-up')!.body).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: THANKS_UP,
    });
    expect(await store.votes()).toMatchObject([
      { answerId: target.answerId, direction: 'up', query: 'gas deal', factIds: target.factIds, platform: 'slack' },
    ]);
  });

  it('👎 replaces the vote, opens the reason form; sending it records the reason and thanks in the form', async () => {
    const triggerId = nextTriggerId();
    await click('U0VOTER', native('down'), 'fb-down', triggerId);
    await fake.until(() => fake.views.some((v) => v.triggerId === triggerId), 'the reason form');
    const form = fake.views.find((v) => v.triggerId === triggerId)!;
    expect(form).toMatchObject({ method: 'views.open', view: { type: 'modal', callback_id: REASON_CALLBACK_ID } });
    expect((await store.votes()).map((v) => `${v.direction}/${v.reason?.code ?? '-'}`)).toEqual(['down/-']);

    const submission = reasonSubmissionPayload({
      user: 'U0VOTER',
      privateMetadata: form.view.private_metadata,
      reason: 'wrong-figure',
      note: 'the 2019 volume is <@U0X> off',
    });
    const res = await post(endpoint, actionBody(submission), FORM);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_action: 'update', view: { title: { text: 'Thank you' } } });
    await eventually(async () => (await store.votes())[0]?.reason !== undefined, 'the reason recorded');
    expect(await store.votes()).toMatchObject([
      { direction: 'down', reason: { code: 'wrong-figure', text: 'the 2019 volume is @U0X off' } },
    ]);
    expect(JSON.stringify(await store.votes())).not.toContain('U0VOTER');
  });

  it('the fallback 👎 button works the same way; a forged value records nothing', async () => {
    const button = fallbackFeedbackBlock(target).elements[1] as Loose;
    await click('U0OTHER', { elementType: 'button', actionId: FEEDBACK_DOWN_ACTION_ID, value: button.value }, 'fb-fallback');
    await fake.until(() => fake.views.length === 2, 'the second reason form');
    await click('U0FORGER', { elementType: 'button', actionId: FEEDBACK_DOWN_ACTION_ID, value: 'down:fb1:{"nope":1}' }, 'fb-forged');
    // A barrier: a valid click sent after the forged one, answered.
    await click('U0BARRIER', native('up'), 'fb-barrier');
    await fake.until(() => fake.responses.some((r) => r.id === 'fb-barrier'), 'the barrier’s thanks');
    expect((await store.votes()).map((v) => v.direction)).toEqual(['down', 'down', 'up']);
    expect(fake.responses.some((r) => r.id === 'fb-forged')).toBe(false);
    expect(fake.views).toHaveLength(2);
  });

  it('FEEDBACK=off records nothing and opens nothing', async () => {
    const quiet = new App({
      token: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    registerFeedback(quiet, { feedback: feedbackOff, logger });
    const server = (await quiet.start(0)) as Server;
    const before = { views: fake.views.length, votes: (await store.votes()).length };
    const body = actionBody(
      feedbackClickPayload({ user: 'U0QUIET', blockId: 'b', responseUrl: fake.responseUrl('fb-off'), ...native('down') }),
    );
    expect((await post(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, body, FORM)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    await quiet.stop();
    expect({ views: fake.views.length, votes: (await store.votes()).length }).toEqual(before);
    expect(fake.responses.some((r) => r.id === 'fb-off')).toBe(false);
  });
});
