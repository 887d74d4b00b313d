/**
 * Slack through startBot's wiring (real Bolt, signed requests, the fake Web API and
 * response_url): `/sinorussia report` answers a curator (CURATORS) privately and refuses a
 * reader; and 👍 / 👎 on an ephemeral slash answer work where the native element is refused
 * (the answer comes again with plain buttons) and where a click carries no response_url.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../../adapters/slack/app.ts';
import { FEEDBACK_DOWN_ACTION_ID, FEEDBACK_UP_ACTION_ID, REASON_CALLBACK_ID } from '../../adapters/slack/feedback-block.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { actionBody, commandBody, FORM, nextTriggerId, post, SIGNING_SECRET } from '../slack/signed-requests.ts';

// biome-ignore lint/suspicious/noExplicitAny: block JSON, read loosely
type Loose = Record<string, any>;
const CURATOR = 'U0CURATOR';
const READER = 'U0READER';
const OFF_TOPIC = 'best borscht recipe <!here> & more';

describe('Slack: the report for curators, and votes on ephemeral answers', () => {
  let fake: FakeSlack;
  let bot: Instance;
  let endpoint: string;
  let asked = 0;
  const data = tempDataDir();
  const clock = new FakeClock('2026-12-01T10:00:00Z');

  beforeAll(async () => {
    fake = await startFakeSlack();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-report',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: data.dir,
      CURATORS: `${CURATOR},900000000000000777`,
    };
    bot = await startInstance(env, clock);
    endpoint = `http://127.0.0.1:${(bot.adapters[0].running as RunningSlack).port}/slack/events`;
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    data.remove();
  });

  async function slash(text: string, user: string): Promise<{ id: string; body: Loose }> {
    const id = `report-${++asked}`;
    const res = await post(endpoint, commandBody(text, fake.responseUrl(id), { user_id: user }), FORM);
    expect(res.status).toBe(200);
    await fake.until(() => fake.responses.some((r) => r.id === id), `the answer to /sinorussia ${text}`);
    return { id, body: fake.responses.find((r) => r.id === id)!.body };
  }

  const blockTypes = (message: Loose) => (message.blocks as Loose[]).map((b) => b.type);

  it('answers a curator’s /sinorussia report privately, with neither Share nor 👍/👎; a reader gets the refusal only', async () => {
    await slash(OFF_TOPIC, READER);
    const store = bot.feedback.store!;
    for (let i = 0; i < 50 && (await store.unanswered()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));

    const { body: report } = await slash('report', CURATOR);
    expect(report.response_type).toBe('ephemeral');
    expect(report.blocks[0].text.text).toBe('Feedback report');
    const shown = JSON.stringify(report.blocks);
    expect(shown).toContain('best borscht recipe');
    // The reader's words cannot ping: the mention is gone, the ampersand escaped.
    expect(shown).not.toContain('<!here>');
    expect(shown).toContain('&amp; more');
    expect(blockTypes(report)).not.toContain('actions');
    expect(blockTypes(report)).not.toContain('context_actions');

    const { body: refused } = await slash('report', READER);
    expect(refused.response_type).toBe('ephemeral');
    expect(refused.blocks[0].text.text).toBe('Only curators can see the report');
    expect(JSON.stringify(refused)).not.toContain('borscht');
    // Asked again by the curator: read afresh, not answered from a reader's refusal.
    expect((await slash('report', CURATOR)).body.blocks[0].text.text).toBe('Feedback report');
  });

  it('where the response_url refuses the native 👍/👎, the ephemeral answer comes with plain buttons that vote, with or without a response_url', async () => {
    fake.refuseBlock('context_actions');
    const { id, body: answer } = await slash('how big is the gas deal', READER);
    const tries = fake.attempts.filter((a) => a.id === id);
    expect(tries.map((t) => blockTypes(t.body).includes('context_actions'))).toEqual([true, false]);
    // Asked again: answered from the cache with the plain buttons at once.
    const again = await slash('how big is the gas deal', READER);
    expect(fake.attempts.filter((a) => a.id === again.id)).toHaveLength(1);
    const buttons = (answer.blocks as Loose[]).find((b) => b.type === 'actions' && String(b.block_id).startsWith('feedback:'));
    expect(buttons, 'plain 👍 / 👎 under the answer').toBeDefined();
    const [up, down] = buttons!.elements as Loose[];
    expect([up.action_id, down.action_id]).toEqual([FEEDBACK_UP_ACTION_ID, FEEDBACK_DOWN_ACTION_ID]);

    // A click on the ephemeral message: no message in the payload, as Slack sends it.
    const click = (action: Loose, extra: Loose) => ({
      type: 'block_actions',
      team: { id: 'T0FAKE' },
      user: { id: READER },
      api_app_id: 'A0APP',
      token: 'legacy',
      trigger_id: nextTriggerId(),
      container: { type: 'message', is_ephemeral: true, channel_id: 'C0CHAN' },
      channel: { id: 'C0CHAN' },
      actions: [{ type: 'button', action_id: action.action_id, block_id: buttons!.block_id, value: action.value, action_ts: '1.1' }],
      ...extra,
    });
    const downClick = click(down, { response_url: fake.responseUrl('vote-down') });
    expect((await post(endpoint, actionBody(downClick), FORM)).status).toBe(200);
    await fake.until(() => fake.views.some((v) => v.triggerId === downClick.trigger_id), 'the reason form');
    expect(fake.views.find((v) => v.triggerId === downClick.trigger_id)!.view.callback_id).toBe(REASON_CALLBACK_ID);

    // Without a response_url the 👍's thanks goes as an ephemeral message in the channel.
    const upClick = click(up, { user: { id: 'U0OTHER' } });
    expect((await post(endpoint, actionBody(upClick), FORM)).status).toBe(200);
    await fake.until(
      () =>
        fake.calls.some(
          (c) => c.method === 'chat.postEphemeral' && c.params.user === 'U0OTHER' && String(c.params.text).startsWith('Thanks'),
        ),
      'the private thanks',
    );

    const store = bot.feedback.store!;
    let votes = await store.votes();
    for (let i = 0; i < 50 && votes.filter((v) => v.query === 'how big is the gas deal').length < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      votes = await store.votes();
    }
    const onAnswer = votes.filter((v) => v.query === 'how big is the gas deal');
    expect(onAnswer.map((v) => v.direction).sort()).toEqual(['down', 'up']);
    for (const vote of onAnswer) expect(vote.factIds.length).toBeGreaterThan(0);
  });
});
