/**
 * "Verify with sources", the Slack message shortcut, end to end: a signed `message_action`
 * to the real Bolt receiver, the real core over the real base, and what reached the fake
 * Slack. The answer is private (the response_url, ephemeral; chat.postEphemeral or the DM
 * when that is refused), says what our sources say of each claim, and pings no one whatever
 * the message held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/index.ts';
import { renderAnswer } from '../../adapters/slack/render.ts';
import { textToVerify } from '../../adapters/slack/verify-shortcut.ts';
import { VERDICT_TEXT } from '../../src/answer/types.ts';
import { verifyRequest } from '../../src/commands/verify.ts';
import type { Core } from '../../src/core.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { realAnswerer } from '../helpers/real.ts';
import { type ApiCall, type FakeSlack, startFakeSlack } from './fake-slack-api.ts';
import { actionBody, FORM, messageShortcutPayload, post, type ShortcutMessage, SIGNING_SECRET } from './signed-requests.ts';

const AGREES = 'China and Russia traded $190 billion in 2022';
const DIFFERS = 'China and Russia traded $240 billion in 2022';
const UNKNOWN = 'China and Russia signed a new space treaty in 2022';
const NOTHING = 'Lunch at noon? The usual place.';
const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';
/** Slack markup that notifies: special mentions, user mentions, user groups. */
const PINGS = /<!(?:here|channel|everyone)(?:\|[^>]*)?>|<!subteam\^[^>]+>|<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;

let fake: FakeSlack;
const logger = memoryLogger();
let failingCore = false;

/** The real core, which fails on demand (the apology's path). */
function coreThatMayFail(): Core {
  const real = realAnswerer();
  return {
    ...real,
    answer: (request, where) => (failingCore ? Promise.reject(new Error('the base is on fire')) : real.answer(request, where)),
  };
}

async function startApp(): Promise<{ slack: RunningSlack; endpoint: string }> {
  const slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
    {
      answerer: coreThatMayFail(),
      logger,
      limiter: new RateLimiter({ burst: 1000, perMinute: 1000 }),
      timing: { responseUrlRetryBaseMs: 5 },
    },
  );
  return { slack, endpoint: `http://127.0.0.1:${slack.port}/slack/events` };
}

let slack: RunningSlack;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  ({ slack, endpoint } = await startApp());
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

type Block = { type: string; text?: { text: string }; elements?: { text?: string }[] };
interface Private {
  text: string;
  blocks?: Block[];
  response_type?: string;
  replace_original?: boolean;
}

/** Every visible text of a message: its fallback and every block's. */
function visible(message: Private): string {
  const texts: string[] = [message.text];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object')
      for (const [key, v] of Object.entries(value)) key === 'text' && typeof v === 'string' ? texts.push(v) : walk(v);
  };
  walk(message.blocks ?? []);
  return texts.join('\n');
}

/** The message the core's answer to a message renders as: what the user must see, wherever it is delivered. */
async function expected(message: ShortcutMessage): Promise<Private> {
  return renderAnswer(await realAnswerer().answer(verifyRequest(textToVerify(message)))) as Private;
}

const webPosts = (from: number, method?: string): ApiCall[] =>
  fake.calls.slice(from).filter((c) => c.method.startsWith('chat.') && (!method || c.method === method));

/** Uses the shortcut on a message; resolves with the response_url post once it arrives. */
async function verify(message: ShortcutMessage, id: string, extra: { channel?: string } = {}): Promise<Private> {
  const from = fake.calls.length;
  const res = await post(endpoint, actionBody(messageShortcutPayload(message, fake.responseUrl(id), extra)), FORM);
  expect(res.status).toBe(200);
  await fake.until(() => fake.responses.some((r) => r.id === id), `the verify answer ${id}`);
  expect(webPosts(from)).toEqual([]); // nothing posted by the Web API: not in the channel, not even ephemerally
  return fake.responses.find((r) => r.id === id)?.body as unknown as Private;
}

describe('Verify with sources on Slack', () => {
  it('answers privately at the response_url, without replacing the message it was used on', async () => {
    const answer = await verify({ text: NOTHING }, 'v-private');
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.blocks?.[0]).toMatchObject({ type: 'header' });
  });

  it('agrees with a claim our sources make, citing the WorldView excerpt', async () => {
    const text = visible(await verify({ text: AGREES }, 'v-agrees'));
    expect(text).toContain(VERDICT_TEXT.agrees);
    expect(text).not.toContain(VERDICT_TEXT.differs);
    expect(text).toMatch(/WorldView/);
    expect(text).toMatch(/190/);
  });

  it('differs on a figure our sources give otherwise, and shows ours', async () => {
    const text = visible(await verify({ text: DIFFERS }, 'v-differs'));
    expect(text).toContain(VERDICT_TEXT.differs);
    expect(text).toMatch(/190/);
    expect(text).toMatch(/240/);
  });

  it('says a claim our sources do not cover is not in them, and never that it is false', async () => {
    const text = visible(await verify({ text: UNKNOWN }, 'v-unknown'));
    expect(text).toContain(VERDICT_TEXT.unknown);
    expect(text).not.toMatch(/\bfalse\b|\bwrong\b|\buntrue\b/i);
  });

  it('says there is nothing to check in a message with no claim', async () => {
    const text = visible(await verify({ text: NOTHING }, 'v-nothing'));
    expect(text).toMatch(/Nothing to check/);
    expect(text).not.toContain(VERDICT_TEXT.agrees);
  });

  it('reads a message with no text from its blocks and attachments', async () => {
    const blocksOnly = {
      text: undefined,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*Fresh figure:* ${DIFFERS}` } }],
    };
    const fromBlocks = await verify(blocksOnly, 'v-blocks');
    expect(fromBlocks.blocks).toEqual((await expected({ text: `*Fresh figure:* ${DIFFERS}` })).blocks);
    expect(visible(fromBlocks)).toContain(VERDICT_TEXT.differs);
    const attachmentOnly = { text: '', attachments: [{ fallback: DIFFERS, title: 'Trade update', text: DIFFERS }] };
    const fromAttachment = await verify(attachmentOnly, 'v-attachment');
    expect(fromAttachment.blocks).toEqual((await expected({ text: `Trade update\n${DIFFERS}` })).blocks);
    expect(visible(fromAttachment)).toContain(VERDICT_TEXT.differs);
  });

  it('says there is nothing to check in a message that shows no words (only a file)', async () => {
    const fileOnly = { text: '', files: [{ id: 'F0CHART', name: 'chart.png' }] } as ShortcutMessage;
    const answer = await verify(fileOnly, 'v-file');
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    // The core's answer, worded for a message acted on: nothing about typing after `verify`.
    expect(visible(answer)).toContain('Nothing to check: that message has no text, only files or images.');
    expect(visible(answer)).not.toContain('after verify');
  });

  it('pings no one, whatever the message held', async () => {
    const loud = `<!channel> <@U0BOSS> ${DIFFERS} <!subteam^S0123|@analysts> <!here> &lt;!everyone&gt;`;
    const answer = await verify({ text: loud }, 'v-pings');
    expect(visible(answer).match(PINGS) ?? []).toEqual([]);
    expect(visible(answer)).toContain(VERDICT_TEXT.differs);
  });
});

describe('when Slack refuses the private answer', () => {
  it('an expired response_url: the answer goes by chat.postEphemeral to the user, in the channel', async () => {
    fake.failResponses('v-expired', { status: 404 });
    const from = fake.calls.length;
    const res = await post(endpoint, actionBody(messageShortcutPayload({ text: DIFFERS }, fake.responseUrl('v-expired'))), FORM);
    expect(res.status).toBe(200);
    await fake.until(() => webPosts(from).length > 0, 'the ephemeral fallback');
    const [ephemeral] = webPosts(from);
    expect(ephemeral).toMatchObject({ method: 'chat.postEphemeral', params: { channel: 'C0CHAN', user: 'U0ASKER' } });
    expect(ephemeral.refused).toBeUndefined();
    const want = await expected({ text: DIFFERS });
    expect(ephemeral.params).toMatchObject({ text: want.text, blocks: want.blocks });
    expect(fake.responses.some((r) => r.id === 'v-expired')).toBe(false);
    expect(JSON.stringify(logger.entries)).toMatch(/response_url refused a verify answer/);
  });

  it('and a channel the bot is not in: the answer goes to the user’s DM, saying where it was asked', async () => {
    fake.leaveChannel('C0PRIVATE', 'channel_not_found');
    fake.failResponses('v-dm', { status: 404 });
    const from = fake.calls.length;
    const payload = messageShortcutPayload({ text: DIFFERS }, fake.responseUrl('v-dm'), { channel: 'C0PRIVATE' });
    expect((await post(endpoint, actionBody(payload), FORM)).status).toBe(200);
    await fake.until(() => webPosts(from, 'chat.postMessage').length > 0, 'the DM fallback');
    const [ephemeral, dm] = webPosts(from);
    expect(ephemeral).toMatchObject({ method: 'chat.postEphemeral', refused: 'channel_not_found' });
    expect(dm).toMatchObject({ method: 'chat.postMessage', params: { channel: 'U0ASKER' } });
    expect(dm.refused).toBeUndefined();
    const text = visible(dm.params as unknown as Private);
    expect(text).toContain('<#C0PRIVATE>');
    const want = await expected({ text: DIFFERS });
    expect(dm.params).toMatchObject({ text: want.text, blocks: [{ type: 'context' }, ...(want.blocks ?? [])] });
    expect(text.match(PINGS) ?? []).toEqual([]);
  });

  it('refused everywhere: the loss is logged, and nothing is posted in the channel', async () => {
    fake.leaveChannel('C0GONE', 'not_in_channel');
    fake.leaveChannel('U0LOCKED', 'channel_not_found');
    fake.failResponses('v-lost', { status: 404 });
    const from = fake.calls.length;
    const payload = { ...messageShortcutPayload({ text: AGREES }, fake.responseUrl('v-lost'), { channel: 'C0GONE' }) };
    payload.user = { id: 'U0LOCKED', name: 'locked' };
    expect((await post(endpoint, actionBody(payload), FORM)).status).toBe(200);
    await fake.until(() => JSON.stringify(logger.entries).includes('could not deliver a verify answer anywhere'), 'the logged loss');
    expect(webPosts(from).map((c) => [c.method, c.params.channel, c.refused])).toEqual([
      ['chat.postEphemeral', 'C0GONE', 'not_in_channel'],
      ['chat.postMessage', 'U0LOCKED', 'channel_not_found'],
    ]);
  });

  it('a core that fails: the user is told privately, and the failure is logged', async () => {
    failingCore = true;
    try {
      const answer = await verify({ text: AGREES }, 'v-apology');
      expect(answer).toMatchObject({ response_type: 'ephemeral', text: APOLOGY });
      expect(JSON.stringify(logger.entries)).toMatch(/verify shortcut failed.*the base is on fire/);
    } finally {
      failingCore = false;
    }
  });
});

describe('what the receiver lets through', () => {
  it('a badly signed message_action is refused (401) and answered nowhere', async () => {
    const from = fake.attempts.length;
    const body = actionBody(messageShortcutPayload({ text: AGREES }, fake.responseUrl('v-forged')));
    const res = await post(endpoint, body, FORM, { secret: 'not-the-signing-secret' });
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.attempts.slice(from)).toEqual([]);
  });

  it('a replayed shortcut (the same trigger_id) is answered once', async () => {
    const body = actionBody(messageShortcutPayload({ text: AGREES }, fake.responseUrl('v-replay')));
    expect((await post(endpoint, body, FORM)).status).toBe(200);
    expect((await post(endpoint, body, FORM)).status).toBe(200);
    await fake.until(() => fake.responses.some((r) => r.id === 'v-replay'), 'the first answer');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.attempts.filter((r) => r.id === 'v-replay')).toHaveLength(1);
  });

  it('another app’s shortcut id is acked and dropped', async () => {
    const payload = messageShortcutPayload({ text: AGREES }, fake.responseUrl('v-other'), { callbackId: 'someone_else' });
    expect((await post(endpoint, actionBody(payload), FORM)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.attempts.some((r) => r.id === 'v-other')).toBe(false);
    expect(JSON.stringify(logger.entries)).toMatch(/dropped an unknown request.*shortcut someone_else/);
  });
});

describe('a person using the shortcut faster than the bot answers', () => {
  it('is told to slow down privately, once, then dropped quietly', async () => {
    const limited = await startSlack(
      { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
      { answerer: realAnswerer(), logger, limiter: new RateLimiter({ burst: 1, perMinute: 1 }) },
    );
    try {
      const url = `http://127.0.0.1:${limited.port}/slack/events`;
      for (const id of ['v-rate-1', 'v-rate-2', 'v-rate-3'])
        expect((await post(url, actionBody(messageShortcutPayload({ text: AGREES }, fake.responseUrl(id))), FORM)).status).toBe(200);
      // The answer (a check of the text) may come after the slow-down: wait for both, then for a third.
      await fake.until(
        () => ['v-rate-1', 'v-rate-2'].every((id) => fake.responses.some((r) => r.id === id)),
        'the answer and the slow-down',
      );
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(fake.responses.find((r) => r.id === 'v-rate-1')?.body.blocks).toBeDefined();
      expect(fake.responses.find((r) => r.id === 'v-rate-2')?.body).toEqual({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'You are asking faster than I can answer: please wait a few seconds, then ask again.',
      });
      expect(fake.attempts.some((r) => r.id === 'v-rate-3')).toBe(false);
    } finally {
      await limited.stop();
    }
  });
});
