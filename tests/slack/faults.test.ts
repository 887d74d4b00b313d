/**
 * What production throws at the Slack adapter in HTTP mode, against the real Bolt receiver
 * with real signing and the fake Slack on loopback: hostile or malformed signed bodies,
 * replays, clock skew, a failing or hanging response_url, a hanging Web API, a half-open
 * socket and stuck answers at stop.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackDeps, startSlack } from '../../adapters/slack/index.ts';
import { APOLOGY } from '../../adapters/slack/render.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter, SLOW_DOWN } from '../../src/rate-limit.ts';
import { heldAnswerer } from '../helpers/held-answerer.ts';
import { realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack-api.ts';
import { actionBody, commandBody, eventBody, FORM, post, SIGNING_SECRET, shareActionPayload } from './signed-requests.ts';

const answerer = realAnswerer();
const FAST = { webApiTimeoutMs: 300, responseUrlTimeoutMs: 300, responseUrlRetryBaseMs: 20 };

async function startApp(fake: FakeSlack, deps: Partial<SlackDeps> = {}) {
  const logger = memoryLogger();
  const slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
    { answerer, logger, timing: FAST, ...deps },
  );
  return { slack, logger, endpoint: `http://127.0.0.1:${slack.port}/slack/events` };
}

let fake: FakeSlack;
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  fake = await startFakeSlack();
  app = await startApp(fake);
});

afterAll(async () => {
  await app?.slack.stop();
  await fake?.close();
});

const responsesTo = (id: string) => fake.responses.filter((r) => r.id === id);
const attemptsTo = (id: string) => fake.attempts.filter((r) => r.id === id);
const posts = (channel: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts and times the answer. */
async function timed(body: string, contentType: string, options?: Parameters<typeof post>[3]) {
  const started = Date.now();
  const res = await post(app.endpoint, body, contentType, options);
  return { status: res.status, ms: Date.now() - started };
}

async function stillAnswers(id: string) {
  expect((await post(app.endpoint, commandBody('trade', fake.responseUrl(id)), FORM)).status).toBe(200);
  await fake.until(() => responsesTo(id).length === 1, `the answer ${id}`);
}

describe('malformed signed bodies', () => {
  it('a signed JSON null, form payload=null and other non-objects get 400 at once, and the app keeps answering', async () => {
    for (const [body, type] of [
      ['null', 'application/json'],
      ['payload=null', FORM],
      ['[]', 'application/json'],
      ['"x"', 'application/json'],
      ['payload=7', FORM],
    ]) {
      const { status, ms } = await timed(body, type);
      expect({ body, status }).toEqual({ body, status: 400 });
      expect(ms).toBeLessThan(1000);
    }
    await stillAnswers('after-null');
  });

  it('signed bodies of no kind Slack sends get 400 at once, not a 404 after 3 s', async () => {
    const bodies = [
      ['{}', 'application/json'],
      ['{"type":"mystery"}', 'application/json'],
      ['{"type":"event_callback","event_id":"Ev0"}', 'application/json'],
      ['{"type":"event_callback","event":null}', 'application/json'],
      [actionBody({ type: 'block_actions', actions: [] }), FORM],
    ];
    for (const [body, type] of bodies) {
      const { status, ms } = await timed(body, type);
      expect({ body, status }).toEqual({ body, status: 400 });
      expect(ms).toBeLessThan(1000);
    }
    expect(app.logger.entries.filter((e) => e.msg === 'slack: refused a request').length).toBeGreaterThanOrEqual(bodies.length);
  });

  it('an unsigned ssl_check gets 200, and a payload smuggled in beside it is never processed', async () => {
    const smuggled = new URLSearchParams({
      ssl_check: '1',
      payload: JSON.stringify(shareActionPayload('trade', fake.responseUrl('smuggled'), 'U0EVIL', 'C0SMUGGLED')),
    }).toString();
    const res = await fetch(app.endpoint, { method: 'POST', body: smuggled, headers: { 'content-type': FORM } });
    expect(res.status).toBe(200);
    await stillAnswers('after-ssl-check');
    expect(posts('C0SMUGGLED')).toHaveLength(0);
    expect(attemptsTo('smuggled')).toHaveLength(0);
  });

  it("spellings of the endpoint's path that Bolt reads as the endpoint are checked too", async () => {
    // node:http sends the path as written (fetch would normalise it first).
    const rawPost = (path: string, body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: Number(new URL(app.endpoint).port), path, method: 'POST', headers: { 'content-type': FORM } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    for (const path of ['/slack/./events', '/slack/x/../events', '/slack/events#x', '/slack/events?x=1']) {
      const status = await rawPost(path, commandBody('trade', fake.responseUrl(`spelling-${path.length}`)));
      expect({ path, status }).toEqual({ path, status: 401 });
    }
    await stillAnswers('after-spellings');
    expect(fake.attempts.filter((a) => a.id.startsWith('spelling-'))).toHaveLength(0);
  });

  it('other paths and methods get 404 at once; the health check still answers', async () => {
    const base = app.endpoint.replace('/slack/events', '');
    for (const [path, method] of [
      ['/nope', 'GET'],
      ['/slack/events', 'GET'],
      ['/slack/events/x', 'POST'],
    ]) {
      const started = Date.now();
      const res = await fetch(`${base}${path}`, { method });
      expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
      expect(Date.now() - started).toBeLessThan(1000);
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("a response_url off Slack's hooks host is refused (400) and nothing is posted anywhere", async () => {
    const before = fake.attempts.length;
    const { status } = await timed(commandBody('trade', 'https://evil.example/steal'), FORM);
    expect(status).toBe(400);
    const share = await timed(actionBody(shareActionPayload('trade', 'http://169.254.169.254/latest')), FORM);
    expect(share.status).toBe(400);
    await stillAnswers('after-evil');
    expect(fake.attempts.length).toBe(before + 1);
  });
});

describe('replays and clock skew', () => {
  it('refuses a timestamp more than five minutes in the future with 401', async () => {
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    const { status } = await timed(commandBody('trade', fake.responseUrl('future')), FORM, { timestamp: future });
    expect(status).toBe(401);
    const slightlyAhead = await timed(commandBody('trade', fake.responseUrl('ahead')), FORM, {
      timestamp: Math.floor(Date.now() / 1000) + 60,
    });
    expect(slightlyAhead.status).toBe(200);
    await fake.until(() => responsesTo('ahead').length === 1, 'the answer a minute ahead');
    await sleep(50);
    expect(responsesTo('future')).toHaveLength(0);
  });

  it('answers an identical signed slash command once (same trigger_id), however often it is sent', async () => {
    const body = commandBody('trade', fake.responseUrl('replayed'));
    for (let i = 0; i < 3; i += 1) expect((await post(app.endpoint, body, FORM)).status).toBe(200);
    await stillAnswers('after-replay');
    expect(responsesTo('replayed')).toHaveLength(1);
  });

  it('posts a replayed Share click once', async () => {
    const body = actionBody(shareActionPayload('trade', fake.responseUrl('share-replayed'), 'U0SHARER', 'C0REPLAY'));
    for (let i = 0; i < 3; i += 1) expect((await post(app.endpoint, body, FORM)).status).toBe(200);
    await fake.until(() => posts('C0REPLAY').length >= 1, 'the shared post');
    await stillAnswers('after-share-replay');
    expect(posts('C0REPLAY')).toHaveLength(1);
  });
});

describe('a response_url that fails', () => {
  it('retries a 500, a 429 (after its Retry-After) and a reset, then delivers the answer once, with no apology', async () => {
    fake.failResponses('flaky', { status: 500 }, { status: 429, headers: { 'retry-after': '1' } }, 'reset');
    await post(app.endpoint, commandBody('trade', fake.responseUrl('flaky')), FORM);
    await fake.until(() => responsesTo('flaky').length === 1, 'the answer after the failures', 8000);
    const attempts = attemptsTo('flaky');
    expect(attempts).toHaveLength(4);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(950);
    expect(responsesTo('flaky')[0].body.response_type).toBe('ephemeral');
    expect(attempts.some((a) => a.body.text === APOLOGY)).toBe(false);
  });

  it('a hang gets no retry and no apology (the answer may have landed): one post in all', async () => {
    fake.failResponses('hangs', 'hang');
    await post(app.endpoint, commandBody('trade', fake.responseUrl('hangs'), { user_id: 'U0HANG' }), FORM);
    await fake.until(
      () => app.logger.entries.some((e) => e.msg === 'slack: could not deliver a slash answer' && e.user === 'U0HANG'),
      'the give-up',
      5000,
    );
    await sleep(200);
    expect(attemptsTo('hangs')).toHaveLength(1);
    expect(app.logger.entries.find((e) => e.msg === 'slack: could not deliver a slash answer' && e.user === 'U0HANG')?.failure).toBe(
      'unknown',
    );
  });

  it('an expired URL (404) is logged, not retried, and no apology goes to it', async () => {
    fake.failResponses('expired', { status: 404 });
    await post(app.endpoint, commandBody('trade', fake.responseUrl('expired'), { user_id: 'U0EXPIRED' }), FORM);
    await fake.until(
      () => app.logger.entries.some((e) => e.msg === 'slack: could not deliver a slash answer' && e.user === 'U0EXPIRED'),
      'the give-up',
    );
    await sleep(100);
    expect(attemptsTo('expired')).toHaveLength(1);
  });
});

describe('a Web API call that hangs', () => {
  it('a mention answer gives up after the client timeout, with no apology that could contradict it', async () => {
    const own = await startFakeSlack();
    const hung = await startApp(own);
    try {
      own.hang('chat.postMessage');
      const started = Date.now();
      await post(
        hung.endpoint,
        eventBody('EvHang1', { type: 'app_mention', channel: 'C0HANG', user: 'U0ASKER', text: '<@UBOT> trade', ts: '1700000000.003000' }),
        'application/json',
      );
      await own.until(() => hung.logger.entries.some((e) => e.msg === 'slack: mention failed'), 'the timeout', 3000);
      expect(Date.now() - started).toBeLessThan(2000);
      await sleep(100);
      expect(own.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    } finally {
      await hung.slack.stop(Date.now() + 500);
      await own.close();
    }
  });
});

describe('the default Web API retry policy', () => {
  it('retries a 500, but never a call that timed out (it may have posted)', async () => {
    const own = await startFakeSlack();
    const logger = memoryLogger();
    const slack = await startSlack(
      { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: own.apiUrl },
      { answerer, logger, timing: FAST },
    );
    const endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
    try {
      own.failNextHttp('chat.postMessage', 500);
      await post(
        endpoint,
        eventBody('EvRetry500', {
          type: 'message',
          channel_type: 'im',
          channel: 'D0RETRY',
          user: 'U0ASKER',
          text: 'trade',
          ts: '1700000000.006000',
        }),
        'application/json',
      );
      await own.until(() => own.calls.filter((c) => c.method === 'chat.postMessage').length === 2, 'the retry after the 500', 5000);
      own.hang('chat.postMessage');
      await post(
        endpoint,
        eventBody('EvTimeout', {
          type: 'message',
          channel_type: 'im',
          channel: 'D0TIMEOUT',
          user: 'U0ASKER',
          text: 'trade',
          ts: '1700000000.006100',
        }),
        'application/json',
      );
      await own.until(() => logger.entries.some((e) => e.msg === 'slack: direct message failed'), 'the timeout', 5000);
      await sleep(2500); // longer than every retry wait of the policy
      expect(own.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === 'D0TIMEOUT')).toHaveLength(1);
    } finally {
      await slack.stop(Date.now() + 500);
      await own.close();
    }
  });
});

describe('stopping', () => {
  it('a half-open socket (half a request line, then silence) does not hold stop()', async () => {
    const own = await startApp(fake);
    const socket: Socket = connect(own.slack.port!, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\n');
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await sleep(50);
    const started = Date.now();
    await own.slack.stop(Date.now() + 8000);
    expect(Date.now() - started).toBeLessThan(1000);
    await closed;
  });

  it('with answers stuck on a hanging response_url, stop() ends by its deadline, apologies included', async () => {
    const held = heldAnswerer((request) => request.command === 'digest status');
    const own = await startApp(fake, { answerer: held.answerer });
    fake.failResponses('stuck-1', 'hang');
    await post(own.endpoint, commandBody('trade', fake.responseUrl('stuck-1')), FORM);
    await post(own.endpoint, commandBody('digest status', fake.responseUrl('stuck-2')), FORM); // held in answer()
    await fake.until(() => attemptsTo('stuck-1').length === 1 && held.started() === 1, 'both answers under way');
    const started = Date.now();
    await own.slack.stop(Date.now() + 1000);
    const took = Date.now() - started;
    expect(took).toBeLessThan(1500);
    expect(own.logger.entries.some((e) => e.msg === 'slack: stopped with answers undelivered')).toBe(true);
    held.release();
  });
});

describe('one user asking too fast', () => {
  it('slash commands past the burst get one private "slow down", then nothing, while others are answered', async () => {
    const own = await startApp(fake, { limiter: new RateLimiter({ burst: 2, perMinute: 1 }) });
    try {
      for (let i = 1; i <= 4; i += 1)
        await post(own.endpoint, commandBody('trade', fake.responseUrl(`fast-${i}`), { user_id: 'U0FAST' }), FORM);
      await post(own.endpoint, commandBody('trade', fake.responseUrl('calm'), { user_id: 'U0CALM' }), FORM);
      await fake.until(() => ['fast-1', 'fast-2', 'fast-3', 'calm'].every((id) => responsesTo(id).length === 1), 'the answers');
      await sleep(100);
      expect([1, 2].map((i) => responsesTo(`fast-${i}`)[0]?.body.response_type)).toEqual(['ephemeral', 'ephemeral']);
      expect(responsesTo('fast-3')[0].body).toEqual({ response_type: 'ephemeral', text: SLOW_DOWN });
      expect(attemptsTo('fast-4')).toHaveLength(0);
    } finally {
      await own.slack.stop();
    }
  });

  it('mentions past the burst get one ephemeral "slow down" to the asker, then nothing', async () => {
    const own = await startFakeSlack();
    const limited = await startApp(own, { limiter: new RateLimiter({ burst: 1, perMinute: 1 }) });
    try {
      for (let i = 1; i <= 3; i += 1) {
        await post(
          limited.endpoint,
          eventBody(`EvFast${i}`, {
            type: 'app_mention',
            channel: 'C0FAST',
            user: 'U0FAST',
            text: '<@UBOT> trade',
            ts: `1700000000.00400${i}`,
          }),
          'application/json',
        );
      }
      await own.until(() => own.calls.some((c) => c.method === 'chat.postEphemeral'), 'the slow down');
      await sleep(100);
      expect(own.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
      expect(own.calls.filter((c) => c.method === 'chat.postEphemeral').map((c) => c.params)).toEqual([
        expect.objectContaining({ channel: 'C0FAST', user: 'U0FAST', text: SLOW_DOWN }),
      ]);
    } finally {
      await limited.slack.stop();
      await own.close();
    }
  });
});
