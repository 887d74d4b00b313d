/**
 * The real Bolt app with its real HTTP receiver, on an ephemeral loopback port, talking to a
 * fake Slack Web API; driven by correctly (and incorrectly) signed requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/index.ts';
import { APOLOGY } from '../../adapters/slack/render.ts';
import type { Answerer } from '../../src/commands/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { heldAnswerer } from '../helpers/held-answerer.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack-api.ts';
import { actionBody, commandBody, eventBody, FORM, post, SIGNING_SECRET, shareActionPayload } from './signed-requests.ts';

const answerer = realAnswerer();

async function startApp(fake: FakeSlack, withAnswerer: Answerer, logger = memoryLogger()) {
  const slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
    { answerer: withAnswerer, logger },
  );
  return { slack, logger, endpoint: `http://127.0.0.1:${slack.port}/slack/events`, base: `http://127.0.0.1:${slack.port}` };
}

let fake: FakeSlack;
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  fake = await startFakeSlack();
  app = await startApp(fake, answerer);
});

afterAll(async () => {
  await app?.slack.stop();
  await fake?.close();
});

const posts = (channel?: string) =>
  fake.calls.filter((c) => c.method === 'chat.postMessage' && (channel === undefined || c.params.channel === channel));
const responsesTo = (id: string) => fake.responses.filter((r) => r.id === id);
const json = (value: unknown) => JSON.stringify(value);

/** A DM answered after everything sent before it: proves earlier requests produced nothing more. */
async function barrier(name: string) {
  const channel = `DBARRIER${name}`;
  const res = await post(
    app.endpoint,
    eventBody(`EvBarrier${name}`, { type: 'message', channel_type: 'im', channel, user: 'U0ASKER', text: 'topics', ts: '1700000000.999' }),
    'application/json',
  );
  expect(res.status).toBe(200);
  await fake.until(() => posts(channel).length === 1, `barrier ${name}`);
}

describe('Slack adapter over HTTP', () => {
  it('answers GET /healthz with 200', async () => {
    const res = await fetch(`${app.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('acks /sinorussia trade, then responds ephemerally with blocks, sources and a Share button', async () => {
    const res = await post(app.endpoint, commandBody('trade', fake.responseUrl('slash-trade')), FORM);
    expect(res.status).toBe(200);
    await fake.until(() => responsesTo('slash-trade').length === 1, 'the slash answer');
    const { body } = responsesTo('slash-trade')[0];
    expect(body.response_type).toBe('ephemeral');
    const blocks = body.blocks as Record<string, any>[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: answerText(answerer, 'trade').title } });
    expect(json(blocks)).toMatch(/\[1\] /); // a cited source in a context block
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions?.elements).toEqual([
      { type: 'button', action_id: 'share_answer', text: { type: 'plain_text', text: 'Share to channel' }, value: 'trade' },
    ]);
    expect(typeof body.text).toBe('string');
    expect(posts()).toHaveLength(0);
  });

  it('empty slash text shows help', async () => {
    await post(app.endpoint, commandBody('', fake.responseUrl('slash-empty')), FORM);
    await fake.until(() => responsesTo('slash-empty').length === 1, 'the help answer');
    expect((responsesTo('slash-empty')[0].body.blocks as any[])[0].text.text).toBe(answerText(answerer, 'help').title);
  });

  it('Share posts the answer in the channel, naming the sharer from the payload, and removes the ephemeral copy', async () => {
    const res = await post(
      app.endpoint,
      actionBody(shareActionPayload('trade <@U0IMPOSTOR>', fake.responseUrl('share-1'), 'U0SHARER', 'C0SHARE')),
      FORM,
    );
    expect(res.status).toBe(200);
    await fake.until(() => posts('C0SHARE').length === 1 && responsesTo('share-1').length === 1, 'the shared post');
    const [shared] = posts('C0SHARE');
    expect(shared.params.thread_ts).toBeUndefined();
    expect(json(shared.params.blocks)).toContain('Shared by <@U0SHARER>');
    expect(json(shared.params.blocks)).not.toContain('U0IMPOSTOR');
    expect(shared.params.text).toContain('<@U0SHARER>');
    expect((shared.params.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
    expect(responsesTo('share-1')[0].body).toEqual({ delete_original: true });
  });

  it('answers a direct message, and ignores bot messages in DMs', async () => {
    await post(
      app.endpoint,
      eventBody('EvBotDm', {
        type: 'message',
        channel_type: 'im',
        channel: 'D0DM',
        bot_id: 'B0OTHER',
        text: 'trade',
        ts: '1700000000.000390',
      }),
      'application/json',
    );
    await post(
      app.endpoint,
      eventBody('EvDm1', {
        type: 'message',
        channel_type: 'im',
        channel: 'D0DM',
        user: 'U0ASKER',
        text: 'topics',
        ts: '1700000000.000400',
      }),
      'application/json',
    );
    await fake.until(() => posts('D0DM').length >= 1, 'the DM answer');
    await barrier('dm');
    expect(posts('D0DM')).toHaveLength(1);
    expect(posts('D0DM')[0].params.thread_ts).toBeUndefined();
    expect((posts('D0DM')[0].params.blocks as any[])[0].text.text).toBe(answerText(answerer, 'topics').title);
  });

  it('answers a retried event once (x-slack-retry-num, and the same event_id again)', async () => {
    const body = eventBody('EvRetry1', {
      type: 'app_mention',
      channel: 'C0RETRY',
      user: 'U0ASKER',
      text: '<@UBOT> trade',
      ts: '1700000000.000500',
    });
    expect((await post(app.endpoint, body, 'application/json')).status).toBe(200);
    await fake.until(() => posts('C0RETRY').length === 1, 'the first answer');
    const retried = await post(app.endpoint, body, 'application/json', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retried.status).toBe(200);
    expect((await post(app.endpoint, body, 'application/json')).status).toBe(200);
    await barrier('retry');
    expect(posts('C0RETRY')).toHaveLength(1);
  });

  it('refuses a bad signature and a timestamp older than five minutes with 401, answering nothing', async () => {
    const before = fake.responses.length + posts().length;
    const forged = await post(app.endpoint, commandBody('trade', fake.responseUrl('forged')), FORM, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await post(app.endpoint, commandBody('trade', fake.responseUrl('stale')), FORM, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    const forgedEvent = await post(
      app.endpoint,
      eventBody('EvForged', { type: 'app_mention', channel: 'C0FORGED', user: 'U0X', text: 'trade', ts: '1.1' }),
      'application/json',
      { secret: 'nope' },
    );
    expect(forgedEvent.status).toBe(401);
    await barrier('forged');
    expect(fake.responses.length + posts().length).toBe(before + 1); // the barrier's DM only
    expect(responsesTo('forged')).toHaveLength(0);
    expect(responsesTo('stale')).toHaveLength(0);
  });

  it('escapes user text: <!channel>, <@U123>, a fake link and & come back inert', async () => {
    const typed = 'who said <!channel> &amp; <@U123> <https://evil.example|click here> R&amp;D zzqx';
    await post(app.endpoint, commandBody(typed, fake.responseUrl('escape')), FORM);
    await fake.until(() => responsesTo('escape').length === 1, 'the escaped answer');
    const sent = json(responsesTo('escape')[0].body.blocks) + json(responsesTo('escape')[0].body.text);
    expect(sent).not.toContain('<!channel>');
    expect(sent).not.toContain('<@U123>');
    expect(sent).not.toContain('<https://evil');
    expect(sent).toContain('&lt;https://evil.example|click here&gt;');
    expect(sent).toContain('R&amp;D');
    expect(sent).not.toContain('&amp;amp;');
  });

  it('logs and drops an unknown action, answering nothing', async () => {
    const res = await post(
      app.endpoint,
      actionBody(shareActionPayload('trade', fake.responseUrl('unknown-action'), 'U0X', 'C0UNKNOWN', 'mystery_button')),
      FORM,
    );
    expect(res.status).toBe(200);
    await barrier('unknown');
    expect(posts('C0UNKNOWN')).toHaveLength(0);
    expect(responsesTo('unknown-action')).toHaveLength(0);
    expect(app.logger.entries.some((e) => e.msg === 'slack: dropped an unknown request' && e.reason === 'action mystery_button')).toBe(
      true,
    );
  });
});

describe('Slack slash answers, rendered once per text', () => {
  it('a repeated text gets the same message from one run of the core; another text runs it again', async () => {
    // One parse per slash command, none when the rendered answer is cached.
    const asked: unknown[] = [];
    const counting: Answerer = { ...answerer, parseText: (text, options) => (asked.push(text), answerer.parseText(text, options)) };
    const counted = await startApp(fake, counting);
    try {
      const texts = [
        ['cache-1', 'trade'],
        ['cache-2', 'trade'],
        ['cache-3', 'trade?'],
        ['cache-4', 'how big is the gas deal'],
        ['cache-5', 'digest status'],
        ['cache-6', 'digest status'],
      ];
      for (const [id, text] of texts) {
        await post(counted.endpoint, commandBody(text, fake.responseUrl(id)), FORM);
        await fake.until(() => responsesTo(id).length === 1, `answer ${id}`);
      }
      expect(responsesTo('cache-2')[0].body).toEqual(responsesTo('cache-1')[0].body);
      // A private answer (a channel's digest settings) is never cached: read and parsed each time.
      expect(asked).toEqual(['trade', 'trade?', 'how big is the gas deal', 'digest status', 'digest status']);
      const share = (id: string) => json(responsesTo(id)[0].body.blocks).match(/"value":"([^"]*)"/)?.[1];
      expect([share('cache-1'), share('cache-3')]).toEqual(['trade', 'trade?']);
    } finally {
      await counted.slack.stop();
    }
  });
});

describe('Slack adapter when answering fails', () => {
  let failing: Awaited<ReturnType<typeof startApp>>;
  const broken: Answerer = {
    ...answerer,
    answer: async () => {
      throw new Error('index on fire');
    },
  };

  beforeAll(async () => {
    failing = await startApp(fake, broken);
  });
  afterAll(async () => {
    await failing?.slack.stop();
  });

  it('apologises to the person who used the slash command and logs the cause', async () => {
    await post(failing.endpoint, commandBody('trade', fake.responseUrl('broken-slash')), FORM);
    await fake.until(() => responsesTo('broken-slash').length === 1, 'the apology');
    expect(responsesTo('broken-slash')[0].body).toEqual({ response_type: 'ephemeral', text: APOLOGY });
    const logged = failing.logger.entries.find((e) => e.msg === 'slack: slash command failed');
    expect((logged?.error as { message?: string })?.message).toBe('index on fire');
  });

  it('apologises in the thread of a mention', async () => {
    await post(
      failing.endpoint,
      eventBody('EvBroken1', { type: 'app_mention', channel: 'C0BROKEN', user: 'U0ASKER', text: '<@UBOT> trade', ts: '1700000000.000900' }),
      'application/json',
    );
    await fake.until(() => posts('C0BROKEN').length === 1, 'the apology');
    expect(posts('C0BROKEN')[0].params).toMatchObject({ channel: 'C0BROKEN', thread_ts: '1700000000.000900', text: APOLOGY });
    expect(failing.logger.entries.some((e) => e.msg === 'slack: mention failed' && e.level === 'error')).toBe(true);
  });

  it('tells the sharer when the bot cannot post in the channel', async () => {
    const fake2 = await startFakeSlack();
    const app2 = await startApp(fake2, answerer);
    try {
      fake2.fail('chat.postMessage', 'not_in_channel');
      await post(app2.endpoint, actionBody(shareActionPayload('trade', fake2.responseUrl('share-denied'))), FORM);
      await fake2.until(() => fake2.responses.length === 1, 'the share refusal');
      expect(fake2.responses[0].body.text).toContain('/invite @sinorussia');
      expect(app2.logger.entries.some((e) => e.msg === 'slack: share failed' && e.slackError === 'not_in_channel')).toBe(true);
    } finally {
      await app2.slack.stop();
      await fake2.close();
    }
  });
});

describe('Slack adapter stopping with answers in flight', () => {
  it('delivers the acked slash answer and mention answer before stop() resolves', async () => {
    // Answers (the digest command's and the mention's) are held until release().
    const held = heldAnswerer();
    const stopping = await startApp(fake, held.answerer);
    await post(stopping.endpoint, commandBody('digest status', fake.responseUrl('stop-slash')), FORM);
    await post(
      stopping.endpoint,
      eventBody('EvStop1', { type: 'app_mention', channel: 'C0STOP', user: 'U0ASKER', text: '<@UBOT> trade', ts: '1700000000.001000' }),
      'application/json',
    );
    await fake.until(() => held.started() === 2, 'both answers to start');

    const stopped = stopping.slack.stop();
    setTimeout(held.release, 50);
    await stopped;
    expect(responsesTo('stop-slash')).toHaveLength(1);
    expect(posts('C0STOP')).toHaveLength(1);
    expect(stopping.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});
