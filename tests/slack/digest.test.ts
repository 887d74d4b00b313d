/**
 * The daily digest on Slack: `digest …` commands reach the digest service with the channel
 * and user from Slack's payload (real Bolt, signed requests), and the poster maps the Web
 * API's answers (fake Web API on loopback) to the scheduler's results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackDigestPoster, type RunningSlack, startSlack } from '../../adapters/slack/index.ts';
import { renderAnswer } from '../../adapters/slack/render.ts';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import type { Answer } from '../../src/answer/types.ts';
import { createAnswerer } from '../../src/commands/index.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { memoryLogger } from '../../src/log.ts';
import { recordingDigest } from '../helpers/fake-digest.ts';
import { answerText } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack-api.ts';
import { commandBody, eventBody, FORM, post, SIGNING_SECRET } from './signed-requests.ts';

const knowledge = loadKnowledge(KNOWLEDGE_DIR);

let fake: FakeSlack;
let slack: RunningSlack;
let endpoint: string;
const digest = recordingDigest();
const answerer = createAnswerer(knowledge, { digest: digest.service });

beforeAll(async () => {
  fake = await startFakeSlack();
  slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
    { answerer, logger: memoryLogger() },
  );
  endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const responsesTo = (id: string) => fake.responses.filter((r) => r.id === id);
const callsOf = (method: string, channel: string) => fake.calls.filter((c) => c.method === method && c.params.channel === channel);
const headerText = (blocks: unknown) => (blocks as { type: string; text?: { text: string } }[])[0].text?.text;

describe('digest commands on Slack', () => {
  it('/sinorussia digest status reaches the digest service with the channel and user, and answers only the asker', async () => {
    const before = digest.calls.length;
    const res = await post(
      endpoint,
      commandBody('digest status', fake.responseUrl('digest-status'), { channel_id: 'C0DIGEST', user_id: 'U0SUBSCRIBER' }),
      FORM,
    );
    expect(res.status).toBe(200);
    await fake.until(() => responsesTo('digest-status').length === 1, 'the status answer');
    expect(digest.calls.slice(before)).toEqual([
      { args: 'status', context: { platform: 'slack', channelId: 'C0DIGEST', userId: 'U0SUBSCRIBER', canManage: true } },
    ]);
    const { body } = responsesTo('digest-status')[0];
    expect(body.response_type).toBe('ephemeral');
    expect(headerText(body.blocks)).toBe('digest said: status');
    // No Share button on a digest answer.
    expect((body.blocks as { type: string }[]).some((b) => b.type === 'actions')).toBe(false);
  });

  it('asking digest status again reaches the service again: digest answers are never cached', async () => {
    const before = digest.calls.length;
    for (const id of ['digest-again-1', 'digest-again-2']) {
      await post(endpoint, commandBody('digest status', fake.responseUrl(id), { channel_id: 'C0AGAIN' }), FORM);
      await fake.until(() => responsesTo(id).length === 1, id);
    }
    expect(digest.calls.slice(before).map((c) => c.context.channelId)).toEqual(['C0AGAIN', 'C0AGAIN']);
  });

  it('passes subscribe with its time, zone and topics as typed', async () => {
    const before = digest.calls.length;
    await post(endpoint, commandBody('digest subscribe 07:30 Europe/Berlin trade energy', fake.responseUrl('digest-sub')), FORM);
    await fake.until(() => responsesTo('digest-sub').length === 1, 'the subscribe answer');
    expect(digest.calls.slice(before).map((c) => c.args)).toEqual(['subscribe 07:30 Europe/Berlin trade energy']);
    expect(responsesTo('digest-sub')[0].body.response_type).toBe('ephemeral');
  });

  it('other commands do not reach the digest service and keep their Share button', async () => {
    const before = digest.calls.length;
    await post(endpoint, commandBody('trade', fake.responseUrl('not-digest')), FORM);
    await fake.until(() => responsesTo('not-digest').length === 1, 'the trade answer');
    expect(digest.calls.length).toBe(before);
    expect((responsesTo('not-digest')[0].body.blocks as { type: string }[]).some((b) => b.type === 'actions')).toBe(true);
  });

  it('a mention carrying digest preview is answered privately to the asker, in the thread', async () => {
    const before = digest.calls.length;
    await post(
      endpoint,
      eventBody('EvDigestMention', {
        type: 'app_mention',
        channel: 'C0MENTIONDIGEST',
        user: 'U0ASKER',
        text: '<@UBOT> digest preview',
        ts: '1700000000.000700',
      }),
      'application/json',
    );
    await fake.until(() => callsOf('chat.postEphemeral', 'C0MENTIONDIGEST').length === 1, 'the ephemeral preview');
    expect(digest.calls.slice(before)).toEqual([
      { args: 'preview', context: { platform: 'slack', channelId: 'C0MENTIONDIGEST', userId: 'U0ASKER', canManage: true } },
    ]);
    const [ephemeral] = callsOf('chat.postEphemeral', 'C0MENTIONDIGEST');
    expect(ephemeral.params).toMatchObject({ user: 'U0ASKER', thread_ts: '1700000000.000700' });
    expect(headerText(ephemeral.params.blocks)).toBe('digest said: preview');
    expect(callsOf('chat.postMessage', 'C0MENTIONDIGEST')).toHaveLength(0);
  });

  it('a direct message carrying digest status is answered in the DM with the DM as the channel', async () => {
    const before = digest.calls.length;
    await post(
      endpoint,
      eventBody('EvDigestDm', {
        type: 'message',
        channel_type: 'im',
        channel: 'D0DIGEST',
        user: 'U0ASKER',
        text: 'digest status',
        ts: '1700000000.000800',
      }),
      'application/json',
    );
    await fake.until(() => callsOf('chat.postMessage', 'D0DIGEST').length === 1, 'the DM answer');
    expect(digest.calls.slice(before)).toEqual([
      { args: 'status', context: { platform: 'slack', channelId: 'D0DIGEST', userId: 'U0ASKER', canManage: true } },
    ]);
  });

  it('startSlack hands out a digest poster for the same workspace', () => {
    expect(slack.poster.platform).toBe('slack');
  });
});

describe('Slack digest poster', () => {
  const digestAnswer: Answer = answerText(createAnswerer(knowledge), 'trade');
  const poster = () => createSlackDigestPoster({ botToken: 'xoxb-test', apiUrl: fake.apiUrl });

  it('posts the rendered digest with blocks, sources and a text fallback, and returns the message ts', async () => {
    const result = await poster().post('C0POST', digestAnswer, { deliveryId: 'C0POST-2025-03-30' });
    const calls = callsOf('chat.postMessage', 'C0POST');
    expect(calls).toHaveLength(1);
    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^1800000000\.\d{6}$/) });
    const expected = renderAnswer(digestAnswer);
    expect(calls[0].params.blocks).toEqual(expected.blocks);
    expect(calls[0].params.text).toBe(expected.text);
    expect(headerText(calls[0].params.blocks)).toBe(digestAnswer.title);
    expect(JSON.stringify(calls[0].params.blocks)).toMatch(/\[1\] /);
    expect(calls[0].params).toMatchObject({ channel: 'C0POST', unfurl_links: 'false', unfurl_media: 'false' });
  });

  it('a 429 with Retry-After comes back at once as retry with the wait in ms (the client does not retry)', async () => {
    fake.failNextHttp('chat.postMessage', 429, { 'retry-after': '30' });
    const result = await poster().post('C0LIMITED', digestAnswer, { deliveryId: 'n' });
    expect(result).toEqual({ ok: false, kind: 'retry', retryAfterMs: 30_000, error: 'ratelimited' });
    expect(callsOf('chat.postMessage', 'C0LIMITED')).toHaveLength(1);
  });

  it('a 5xx is a retry, sent once', async () => {
    fake.failNextHttp('chat.postMessage', 503);
    const result = await poster().post('C0DOWN', digestAnswer, { deliveryId: 'n' });
    expect(result).toMatchObject({ ok: false, kind: 'retry', error: 'HTTP 503' });
    expect(callsOf('chat.postMessage', 'C0DOWN')).toHaveLength(1);
  });

  it('channel_not_found, is_archived, not_in_channel and restricted_action are gone; a revoked token is retried', async () => {
    const outcomes: Record<string, unknown> = {};
    for (const error of ['channel_not_found', 'is_archived', 'not_in_channel', 'restricted_action', 'token_revoked', 'invalid_auth']) {
      const own = await startFakeSlack();
      try {
        own.fail('chat.postMessage', error);
        outcomes[error] = await createSlackDigestPoster({ botToken: 'xoxb-test', apiUrl: own.apiUrl }).post('C0X', digestAnswer, {
          deliveryId: 'n',
        });
      } finally {
        await own.close();
      }
    }
    expect(outcomes).toEqual({
      channel_not_found: { ok: false, kind: 'gone', error: 'channel_not_found' },
      is_archived: { ok: false, kind: 'gone', error: 'is_archived' },
      not_in_channel: { ok: false, kind: 'gone', error: 'not_in_channel' },
      restricted_action: { ok: false, kind: 'gone', error: 'restricted_action' },
      token_revoked: { ok: false, kind: 'retry', error: 'token_revoked' },
      invalid_auth: { ok: false, kind: 'retry', error: 'invalid_auth' },
    });
  });

  it('a network failure is a retry, never a throw', async () => {
    const unreachable = createSlackDigestPoster({ botToken: 'xoxb-test', apiUrl: 'http://127.0.0.1:1/api/' });
    const result = await unreachable.post('C0NET', digestAnswer, { deliveryId: 'n' });
    expect(result).toMatchObject({ ok: false, kind: 'retry' });
  });
});
