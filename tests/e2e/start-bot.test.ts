/**
 * `npm start` and the tests share one composition root (app/start-bot.ts). Started with a test's
 * overrides, startBot serves a signed Slack slash command, ticks a digest into the channel,
 * counts both surfaces on the operator's port, and starts a platform of the test's own through
 * the adapter contract alone. With no platform, startBot runs the console (no store opened),
 * and so does `npm start` itself.
 */
import { readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_BANNER } from '../../adapters/console/repl.ts';
import type { AdapterDeps, ChatAdapter } from '../../adapters/contract.ts';
import type { RunningSlack } from '../../adapters/slack/app.ts';
import { configuredPlatforms } from '../../app/platforms.ts';
import { type ChatBot, startBot } from '../../app/start-bot.ts';
import { memoryLogger } from '../../src/log.ts';
import { realKnowledge } from '../digest/support.ts';
import { startBot as startBotProcess } from '../helpers/bot-process.ts';
import { until } from '../helpers/until.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, FORM, post, SIGNING_SECRET } from '../slack/signed-requests.ts';
import { FakeClock, tempDataDir } from './support.ts';

const TRADE_TITLE = 'Trade: bilateral trade volumes, balance, what is traded, trading partners';
const CHANNEL = 'C0STARTBOT';

/** A platform of the test's own: it keeps what the bot handed it, and is ready only when told. */
function loopbackAdapter() {
  const seen = { deps: undefined as AdapterDeps | undefined, stoppedWith: [] as (number | undefined)[], ready: false };
  const adapter: ChatAdapter = {
    name: 'loopback',
    start: async (deps) => {
      seen.deps = deps;
      return { ready: () => seen.ready, stop: async (deadline) => void seen.stoppedWith.push(deadline) };
    },
  };
  return { adapter, seen };
}

describe('startBot with a test’s overrides: Slack, the digest, the operator’s port and a platform of its own', () => {
  let fake: FakeSlack;
  let data: ReturnType<typeof tempDataDir>;
  let bot: ChatBot;
  const loopback = loopbackAdapter();
  const clock = new FakeClock('2026-06-10T06:00:00Z');
  let responses = 0;

  beforeAll(async () => {
    fake = await startFakeSlack();
    data = tempDataDir();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: data.dir,
    };
    const started = await startBot(env, {
      logger: memoryLogger(),
      knowledge: realKnowledge(),
      platforms: [...configuredPlatforms(env), loopback.adapter],
      clock,
      sleep: clock.sleep,
      startScheduler: false,
      opsPort: 0,
    });
    if (started.mode !== 'chat') throw new Error(`startBot ran the ${started.mode}`);
    bot = started;
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    data?.remove();
  });

  async function slash(text: string): Promise<Record<string, unknown>> {
    const id = `start-bot-${++responses}`;
    const port = (bot.adapters[0].running as RunningSlack).port;
    const res = await post(
      `http://127.0.0.1:${port}/slack/events`,
      commandBody(text, fake.responseUrl(id), { channel_id: CHANNEL, user_id: 'U0STARTBOT' }),
      FORM,
    );
    expect(res.status).toBe(200);
    await fake.until(() => fake.responses.some((r) => r.id === id), `the answer to /sinorussia ${text}`);
    return fake.responses.find((r) => r.id === id)!.body;
  }
  const ops = (path: string) => fetch(`http://127.0.0.1:${bot.ops.port}${path}`);

  it('starts the configured platform and the test’s own, in that order, each by its name', () => {
    expect(bot.adapters.map((a) => a.name)).toEqual(['slack', 'loopback']);
  });

  it('answers a signed /sinorussia trade privately', async () => {
    const body = await slash('trade');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(TRADE_TITLE);
  });

  it('ticks a digest subscribed by slash command into the channel, once', async () => {
    expect(JSON.stringify(await slash('digest subscribe 09:00 UTC'))).toContain('Daily digest subscribed');
    clock.set('2026-06-10T09:01:00Z');
    expect((await bot.scheduler.tick()).sent).toBe(1);
    expect((await bot.scheduler.tick()).sent).toBe(0);
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === CHANNEL);
    expect(posts).toHaveLength(1);
  });

  it('hands the test’s platform the answerer, the shared limiter and the outbox, and counts its answers apart', async () => {
    const deps = loopback.seen.deps!;
    expect(deps.limiter).toBeDefined();
    expect(deps.outbox).toBeDefined();
    expect(
      (await deps.answerer.answer(deps.answerer.parseText('trade'), { platform: 'slack', channelId: 'L1', userId: 'U1', canManage: false }))
        .title,
    ).toBe(TRADE_TITLE);
    const metrics = await (await ops('/metrics')).text();
    expect(metrics).toContain('sinorussia_requests_total{surface="slack"} 2');
    expect(metrics).toContain('sinorussia_requests_total{surface="loopback"} 1');
  });

  it('waits on each platform’s ready() for /readyz', async () => {
    const notYet = await ops('/readyz');
    expect(notYet.status).toBe(503);
    expect(await notYet.json()).toMatchObject({ checks: { slack: 'ok', store: 'ok', loopback: 'not ready' } });
    loopback.seen.ready = true;
    expect((await ops('/readyz')).status).toBe(200);
  });

  it('stops every platform with the deadline it was given, once however often stop() is called', async () => {
    const deadline = Date.now() + 5_000;
    await Promise.all([bot.stop(deadline), bot.stop()]);
    expect(loopback.seen.stoppedWith).toEqual([deadline]);
    await expect(bot.store.ping()).rejects.toThrow();
  });
});

describe('with no chat platform configured', () => {
  it('startBot runs the console through the adapter contract, without opening a store, until its user quits', async () => {
    const data = tempDataDir();
    try {
      const input = new PassThrough();
      const output = new PassThrough();
      let screen = '';
      output.on('data', (chunk) => (screen += chunk.toString()));
      const bot = await startBot(
        { DATA_DIR: data.dir },
        { logger: memoryLogger(), knowledge: realKnowledge(), console: { input, output } },
      );
      expect(bot.mode).toBe('console');
      expect(bot.adapters.map((a) => a.name)).toEqual(['console']);
      input.write('trade\n');
      await until(() => screen.includes(TRADE_TITLE), 'the console to answer');
      input.end();
      await bot.ended;
      await bot.stop();
      expect(screen.split('\n')[0]).toBe(CONSOLE_BANNER);
      expect(screen).toContain('Bye.');
      expect(readdirSync(data.dir)).toEqual([]);
    } finally {
      data.remove();
    }
  });

  it('npm start runs the console: banner, an answer to what was typed, and exit 0 at end of input, with no database file', async () => {
    const data = tempDataDir();
    try {
      const bot = startBotProcess({ DATA_DIR: data.dir }, data.dir, { stdin: 'pipe' });
      bot.child.stdin!.end('/sinorussia trade\n');
      const { code } = await bot.exited;
      expect(code).toBe(0);
      expect(bot.output().split('\n')[0]).toBe(CONSOLE_BANNER);
      expect(bot.output()).toContain(TRADE_TITLE);
      expect(bot.output()).toContain('Bye.');
      expect(readdirSync(data.dir)).toEqual([]);
    } finally {
      data.remove();
    }
  });
});
