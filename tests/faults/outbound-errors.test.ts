/**
 * Outbound errors on the interactive path, by platform and code, as an operator scrapes them
 * from /metrics: the real `npm start` against fakes that answer 500 and 429 (retried, then
 * delivered), and the in-process adapters against fakes that hang (timeouts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.ts';
import { startSlack } from '../../adapters/slack/app.ts';
import { createMetrics } from '../../app/ops/metrics.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { commandInteraction, FakeDiscord, messageCreate, type RecordedCall } from '../discord/fake-discord.ts';
import { tempDataDir } from '../e2e/support.ts';
import { type BotProcess, startBot } from '../helpers/bot-process.ts';
import { FAKE_DISCORD_TOKEN as DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { realAnswerer } from '../helpers/real.ts';
import { until } from '../helpers/until.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, eventBody, FORM, post, SIGNING_SECRET } from '../slack/signed-requests.ts';
import { outbound, scrape } from './prom-sample.ts';

let bot: BotProcess | undefined;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
let data: ReturnType<typeof tempDataDir> | undefined;
const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  bot?.kill();
  await bot?.exited;
  for (const stop of stops.splice(0)) await stop();
  await slack?.close();
  await discord?.close();
  data?.remove();
  bot = slack = discord = data = undefined;
});

const callbackFor = (interaction: { id: string; token: string }) => (c: RecordedCall) =>
  c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;
const mention = (eventId: string, ts: string) =>
  eventBody(eventId, { type: 'app_mention', user: 'U0ASKER', text: '<@UBOT> trade', ts, channel: 'C0CHAN', event_ts: ts });
const JSON_TYPE = 'application/json';

/** Polls the in-process registry until a counter reaches `count`. */
async function counted(metrics: ReturnType<typeof createMetrics>, platform: string, code: string, count: number, ms = 5000) {
  const deadline = Date.now() + ms;
  let last = 0;
  while ((last = outbound(await metrics.registry.metrics(), platform, code)) < count) {
    if (Date.now() > deadline) throw new Error(`${platform} ${code}: ${last}, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return last;
}

describe('Slack', () => {
  it('npm start: response_url 500 and 429, a mention 429 and channel_not_found, each counted by code', async () => {
    slack = await startFakeSlack();
    data = tempDataDir();
    bot = startBot(
      { SLACK_BOT_TOKEN: 'xoxb-ops', SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', SLACK_API_URL: slack.apiUrl, DATA_DIR: data.dir },
      data.dir,
    );
    const { port } = await bot.waitForLog((l) => l.msg === 'slack: started', 'Slack to start');
    const events = `http://127.0.0.1:${String(port)}/slack/events`;
    expect(outbound(await scrape(port), 'slack', 'server_error')).toBe(0);

    slack.failResponses('oe-1', { status: 500 }, { status: 429, headers: { 'retry-after': '1' } });
    expect((await post(events, commandBody('trade', slack.responseUrl('oe-1')), FORM)).status).toBe(200);
    await slack.until(() => slack!.responses.some((r) => r.id === 'oe-1'), 'the answer after two failures', 10_000);
    let text = await scrape(port);
    expect(outbound(text, 'slack', 'server_error')).toBe(1);
    expect(outbound(text, 'slack', 'rate_limited')).toBe(1);

    slack.failNextHttp('chat.postMessage', 429, { 'retry-after': '1' });
    expect((await post(events, mention('Ev0E1', '1800000000.000100'), JSON_TYPE)).status).toBe(200);
    await slack.until(
      () => slack!.calls.filter((c) => c.method === 'chat.postMessage').length === 2,
      'the mention answered on retry',
      10_000,
    );
    text = await scrape(port);
    expect(outbound(text, 'slack', 'rate_limited')).toBe(2);

    slack.fail('chat.postMessage', 'channel_not_found');
    expect((await post(events, mention('Ev0E2', '1800000000.000200'), JSON_TYPE)).status).toBe(200);
    await bot.waitForLog((l) => l.msg === 'slack: could not apologise', 'the failed apology');
    text = await scrape(port);
    // The answer and its apology, both refused.
    expect(outbound(text, 'slack', 'not_found')).toBe(2);
    expect(bot.child.exitCode).toBeNull();
  });

  it('in process: a response_url and a Web API call that hang are counted as timeouts', async () => {
    slack = await startFakeSlack();
    const metrics = createMetrics();
    const running = await startSlack(
      { mode: 'http', botToken: 'xoxb-ops', signingSecret: SIGNING_SECRET, port: 0, apiUrl: slack.apiUrl, webApiRetries: 0 },
      {
        answerer: realAnswerer(),
        logger: memoryLogger(),
        outboundError: metrics.outboundError,
        timing: { webApiTimeoutMs: 300, responseUrlTimeoutMs: 300 },
      },
    );
    stops.push(() => running.stop(Date.now() + 1000));
    const events = `http://127.0.0.1:${String(running.port)}/slack/events`;
    slack.failResponses('oe-hang', 'hang');
    await post(events, commandBody('trade', slack.responseUrl('oe-hang')), FORM);
    expect(await counted(metrics, 'slack', 'timeout', 1)).toBe(1);
    slack.hang('chat.postMessage');
    await post(events, mention('Ev0E3', '1800000000.000300'), JSON_TYPE);
    // A timed-out post may have landed: no apology follows, so exactly one more.
    expect(await counted(metrics, 'slack', 'timeout', 2)).toBe(2);
  });
});

describe('Discord', () => {
  it('npm start: an interaction callback 500 and a 429, retried by discord.js, each counted by code', async () => {
    discord = await new FakeDiscord().start();
    data = tempDataDir();
    bot = startBot({ DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl, DATA_DIR: data.dir, OPS_PORT: '0' }, data.dir);
    const { port } = await bot.waitForLog((l) => l.msg === 'ops: listening', 'the ops server');
    await bot.waitForLog((l) => l.msg === 'started', 'the bot to start');
    const first = commandInteraction(discord, 'trade');
    discord.failNext(callbackFor(first), 500, { body: { message: '500: Internal Server Error', code: 0 } });
    const start = discord.calls.length;
    discord.dispatch('INTERACTION_CREATE', first);
    await until(() => discord!.callsFrom(start).filter(callbackFor(first)).length === 2, 'the callback retried');
    const second = commandInteraction(discord, 'trade');
    discord.failNext(callbackFor(second), 429, {
      body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
      headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user' },
    });
    discord.dispatch('INTERACTION_CREATE', second);
    await until(() => discord!.callsFrom(start).filter(callbackFor(second)).length === 2, 'the rate-limited callback retried', 10_000);
    const text = await scrape(port);
    expect(outbound(text, 'discord', 'server_error')).toBe(1);
    expect(outbound(text, 'discord', 'rate_limited')).toBe(1);
    expect(bot.child.exitCode).toBeNull();
  });

  it('in process: a reply that hangs is counted as a timeout', async () => {
    discord = await new FakeDiscord().start();
    const metrics = createMetrics();
    const running = await startDiscord(
      { token: DISCORD_TOKEN, apiUrl: discord.apiUrl },
      {
        answerer: realAnswerer(),
        logger: memoryLogger(),
        outboundError: metrics.outboundError,
        restTimeoutMs: 200,
        limiter: new RateLimiter({ burst: 100, perMinute: 100 }),
      },
    );
    stops.push(() => running.stop(Date.now() + 1000));
    discord.hang((c) => c.method === 'POST' && c.path.includes('/messages'));
    discord.dispatch('MESSAGE_CREATE', messageCreate(discord, 'trade', 'dm'));
    expect(await counted(metrics, 'discord', 'timeout', 1, 10_000)).toBeGreaterThanOrEqual(1);
  });
});
