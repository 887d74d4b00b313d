/**
 * Socket Mode (SLACK_APP_TOKEN set): the real Bolt app with its real SocketModeClient asks the
 * fake Slack's apps.connections.open (at SLACK_API_URL) for a link, connects to it over a
 * WebSocket on loopback, and gets its envelopes there; every envelope must be acked on the link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack-api.ts';
import { eventBody, shareActionPayload } from './signed-requests.ts';

const APP_TOKEN = 'xapp-test';
const answerer = realAnswerer();
const logger = memoryLogger();
let fake: FakeSlack;
let slack: RunningSlack;

beforeAll(async () => {
  fake = await startFakeSlack();
  slack = await startSlack(
    { mode: 'socket', botToken: 'xoxb-test', appToken: APP_TOKEN, apiUrl: fake.apiUrl, webApiRetries: 0 },
    { answerer, logger },
  );
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

let envelopes = 0;
/** Sends one envelope down the link; resolves once the app has acked it. */
async function deliver(type: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const envelope_id = `env-${++envelopes}`;
  fake.sendEnvelope({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', ...extra });
  await fake.until(() => fake.acks.some((a) => a.envelope_id === envelope_id), `the ack of ${envelope_id}`);
}

const posts = (channel: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
const responsesTo = (id: string) => fake.responses.filter((r) => r.id === id);

describe('Slack adapter in Socket Mode', () => {
  it('opens its link with the app token, through SLACK_API_URL', () => {
    expect(fake.connectionTokens).toEqual([APP_TOKEN]);
    expect(fake.socketCount).toBe(1);
  });

  it('answers a mention in its thread, once, when a reconnect redelivers the same event', async () => {
    const event = JSON.parse(
      eventBody('EvSocket1', {
        type: 'app_mention',
        channel: 'C0SOCKET',
        user: 'U0ASKER',
        text: '<@UBOT> energy',
        ts: '1700000000.002000',
      }),
    );
    await deliver('events_api', event);
    await fake.until(() => posts('C0SOCKET').length === 1, 'the mention answer');
    expect(posts('C0SOCKET')[0].params).toMatchObject({ thread_ts: '1700000000.002000' });
    // Redelivered on a new envelope with no retry header, as after a reconnect; then a retry.
    await deliver('events_api', event);
    await deliver('events_api', event, { retry_attempt: 1, retry_reason: 'timeout' });
    const barrier = JSON.parse(
      eventBody('EvSocket2', {
        type: 'message',
        channel_type: 'im',
        channel: 'D0SOCKET',
        user: 'U0ASKER',
        text: 'topics',
        ts: '1700000000.002100',
      }),
    );
    await deliver('events_api', barrier);
    await fake.until(() => posts('D0SOCKET').length === 1, 'the DM answer after the repeats');
    expect(posts('C0SOCKET')).toHaveLength(1);
  });

  it('Share posts the answer in the channel, naming the sharer', async () => {
    await deliver('interactive', shareActionPayload('sanctions', fake.responseUrl('socket-share'), 'U0SHARER', 'C0SHARE'));
    await fake.until(() => posts('C0SHARE').length === 1 && responsesTo('socket-share').length === 1, 'the shared answer');
    expect(JSON.stringify(posts('C0SHARE')[0].params)).toContain('<@U0SHARER>');
    expect(responsesTo('socket-share')[0].body).toEqual({ delete_original: true });
  });

  it('stop() closes the link', async () => {
    const own = await startFakeSlack();
    const running = await startSlack(
      { mode: 'socket', botToken: 'xoxb-test', appToken: APP_TOKEN, apiUrl: own.apiUrl, webApiRetries: 0 },
      { answerer, logger: memoryLogger() },
    );
    try {
      expect(own.socketCount).toBe(1);
      await running.stop();
      await own.until(() => own.socketCount === 0, 'the link to close');
    } finally {
      await own.close();
    }
  });
});
