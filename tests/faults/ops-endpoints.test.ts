/**
 * The operator's signals in every mode, from the real `npm start`: GET /healthz, /readyz and
 * /metrics on Slack's PORT in HTTP mode, on OPS_PORT in Socket Mode and with Discord; the
 * metrics count a real answer; /readyz says 503 naming the store when PostgreSQL is gone
 * (TEST_DATABASE_URL, through a proxy that refuses).
 */
import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../digest/support.ts';
import { FakeDiscord } from '../discord/fake-discord.ts';
import { tempDataDir } from '../e2e/support.ts';
import { type BotProcess, startBot } from '../helpers/bot-process.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, commandPayload, FORM, post, SIGNING_SECRET } from '../slack/signed-requests.ts';
import { sample } from './prom-sample.ts';
import { startTcpProxy, type TcpProxy, viaProxy } from './tcp-proxy.ts';

let bot: BotProcess | undefined;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
let proxy: TcpProxy | undefined;
let data: ReturnType<typeof tempDataDir> | undefined;
const cleanups: (() => Promise<unknown>)[] = [];
async function admin(statement: string) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
afterEach(async () => {
  bot?.kill();
  await bot?.exited;
  await slack?.close();
  await discord?.close();
  await proxy?.close();
  data?.remove();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  bot = slack = discord = proxy = data = undefined;
});

const get = async (port: unknown, path: string) => {
  const res = await fetch(`http://127.0.0.1:${String(port)}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

/** npm start in Socket Mode with OPS_PORT, its link up: the ops port, and the fake and process (also kept for afterEach). */
async function startSocketModeBot(): Promise<{ port: unknown; fake: FakeSlack; proc: BotProcess }> {
  slack = await startFakeSlack();
  data = tempDataDir();
  bot = startBot(
    { SLACK_BOT_TOKEN: 'xoxb-ops', SLACK_APP_TOKEN: 'xapp-ops', SLACK_API_URL: slack.apiUrl, DATA_DIR: data.dir, OPS_PORT: '0' },
    data.dir,
  );
  const { port } = await bot.waitForLog((l) => l.msg === 'ops: listening', 'the ops server');
  await bot.waitForLog((l) => l.msg === 'started', 'the bot to start');
  await slack.until(() => slack!.socketCount === 1, 'the Socket Mode link');
  return { port, fake: slack, proc: bot };
}

async function expectSignals(port: unknown) {
  expect(await get(port, '/healthz')).toMatchObject({ status: 200, text: '{"ok":true}' });
  const ready = await get(port, '/readyz');
  expect(ready.status).toBe(200);
  expect(JSON.parse(ready.text)).toMatchObject({ ok: true, checks: { running: 'ok', store: 'ok' } });
  const metrics = await get(port, '/metrics');
  expect(metrics.status).toBe(200);
  expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(sample(metrics.text, 'sinorussia_knowledge_facts')).toBeGreaterThan(100);
  expect(metrics.text).toContain('nodejs_eventloop_lag_seconds');
  return metrics.text;
}

describe('operator signals from npm start', () => {
  it('Slack HTTP mode: on PORT, and an answer is counted by surface and kind', async () => {
    slack = await startFakeSlack();
    data = tempDataDir();
    bot = startBot(
      { SLACK_BOT_TOKEN: 'xoxb-ops', SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', SLACK_API_URL: slack.apiUrl, DATA_DIR: data.dir },
      data.dir,
    );
    const { port } = await bot.waitForLog((l) => l.msg === 'slack: started', 'Slack to start');
    await expectSignals(port);
    const res = await post(`http://127.0.0.1:${String(port)}/slack/events`, commandBody('trade', slack.responseUrl('ops-1')), FORM);
    expect(res.status).toBe(200);
    await slack.until(() => slack!.responses.some((r) => r.id === 'ops-1'), 'the answer');
    const text = (await get(port, '/metrics')).text;
    expect(sample(text, 'sinorussia_answers_total', { surface: 'slack', kind: 'topic' })).toBe(1);
    expect(sample(text, 'sinorussia_requests_total', { surface: 'slack' })).toBe(1);
    expect(sample(text, 'sinorussia_answer_duration_seconds_count', { surface: 'slack' })).toBe(1);
  });

  it('Socket Mode: on OPS_PORT', async () => {
    const { port, fake: slack } = await startSocketModeBot();
    const before = await expectSignals(port);
    expect(sample(before, 'sinorussia_answers_total', { surface: 'slack' })).toBe(0);
    slack.sendEnvelope({
      envelope_id: 'ops-env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: commandPayload('recipe for pancakes please', slack.responseUrl('ops-2')),
    });
    await slack.until(() => slack!.responses.some((r) => r.id === 'ops-2'), 'the answer', 10_000);
    const after = (await get(port, '/metrics')).text;
    expect(sample(after, 'sinorussia_requests_total', { surface: 'slack' })).toBe(1);
    expect(sample(after, 'sinorussia_no_match_total', { surface: 'slack' })).toBe(1);
    expect((await get(port, '/nothing')).status).toBe(404);
  });

  it('Socket Mode: /readyz is 503 naming slack while the link is down, 200 once it is back', async () => {
    const { port, fake: slack, proc: bot } = await startSocketModeBot();
    expect((await get(port, '/readyz')).status).toBe(200);
    const opened = slack.connectionTokens.length;
    slack.dropLinks();
    await bot.waitForLog((l) => l.msg === 'slack: the Socket Mode link is down', 'the link to be seen down');
    const down = await get(port, '/readyz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text).checks).toMatchObject({ running: 'ok', store: 'ok', slack: 'not ready' });
    // The client reconnects by itself (after its ping timeout, 5 s), through apps.connections.open.
    await slack!.until(() => slack!.socketCount === 1 && slack!.connectionTokens.length > opened, 'the link back', 15_000);
    await bot.waitForLog(
      (l) =>
        l.msg === 'slack: the Socket Mode link is up' &&
        bot!.logLines().indexOf(l) > bot!.logLines().findIndex((d) => d.msg === 'slack: the Socket Mode link is down'),
      'the link seen up again',
    );
    expect((await get(port, '/readyz')).status).toBe(200);
    // And it answers on the new link.
    slack.sendEnvelope({
      envelope_id: 'ops-env-back',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: commandPayload('trade', slack.responseUrl('ops-back')),
    });
    await slack.until(() => slack!.responses.some((r) => r.id === 'ops-back'), 'the answer on the new link', 10_000);
  });

  it('SIGTERM with half a request on OPS_PORT and a slow Slack client: exits 0 within the stop deadline', async () => {
    slack = await startFakeSlack();
    data = tempDataDir();
    bot = startBot(
      {
        SLACK_BOT_TOKEN: 'xoxb-ops',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '0',
        SLACK_API_URL: slack.apiUrl,
        DATA_DIR: data.dir,
        OPS_PORT: '0',
      },
      data.dir,
    );
    const ops = (await bot.waitForLog((l) => l.msg === 'ops: listening', 'the ops server')).port;
    const { port } = await bot.waitForLog((l) => l.msg === 'slack: started', 'Slack to start');
    const open = (p: unknown, text: string) =>
      new Promise<Socket>((resolve) => {
        const socket = connect(Number(p), '127.0.0.1', () => {
          socket.write(text);
          resolve(socket);
        });
        socket.on('error', () => undefined);
      });
    // One holds Slack's server to the stop's deadline (a body that never ends); the other sends half a request to OPS_PORT.
    const sockets = [
      await open(port, 'POST /slack/events HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"a":'),
      await open(ops, 'GET /metrics HTTP/1.1\r\nHost: x\r\n'),
    ];
    cleanups.push(async () => sockets.forEach((s) => s.destroy()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    bot.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    expect(bot.logLines().some((l) => l.msg === 'stop: the deadline passed; exiting with work unfinished')).toBe(false);
  });

  it('Discord: on OPS_PORT, ready once the gateway is', async () => {
    discord = await new FakeDiscord().start();
    data = tempDataDir();
    bot = startBot(
      {
        DISCORD_TOKEN: FAKE_DISCORD_TOKEN,
        DISCORD_API_URL: discord.apiUrl,
        DATA_DIR: data.dir,
        OPS_PORT: '0',
      },
      data.dir,
    );
    const { port } = await bot.waitForLog((l) => l.msg === 'ops: listening', 'the ops server');
    await bot.waitForLog((l) => l.msg === 'started', 'the bot to start');
    const ready = JSON.parse((await get(port, '/readyz')).text);
    expect(ready).toEqual({ ok: true, checks: { running: 'ok', store: 'ok', discord: 'ok' } });
    await expectSignals(port);
  });

  it.runIf(TEST_DATABASE_URL)('PostgreSQL unreachable: /readyz is 503 naming the store, and the process lives on', async () => {
    const target = new URL(TEST_DATABASE_URL!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    // The bot's tables in a schema of this test's own, never the database's public one.
    const schema = `ops_ready_${process.pid}`;
    await admin(`create schema if not exists ${schema}`);
    cleanups.push(() => admin(`drop schema if exists ${schema} cascade`));
    const url = new URL(viaProxy(TEST_DATABASE_URL!, proxy));
    url.searchParams.set('options', `-c search_path=${schema}`);
    slack = await startFakeSlack();
    data = tempDataDir();
    bot = startBot(
      {
        SLACK_BOT_TOKEN: 'xoxb-ops',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '0',
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: url.toString(),
      },
      data.dir,
    );
    const { port } = await bot.waitForLog((l) => l.msg === 'slack: started', 'Slack to start');
    await bot.waitForLog((l) => l.msg === 'started', 'the bot to start');
    expect((await get(port, '/readyz')).status).toBe(200);
    proxy.refuse = true;
    proxy.cut();
    const down = await get(port, '/readyz').catch((e) => {
      throw new Error(`${e}: ${JSON.stringify(bot!.logLines().slice(-25))}`);
    });
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text).checks).toMatchObject({ store: 'not ready', slack: 'ok' });
    proxy.refuse = false;
    expect((await get(port, '/readyz')).status).toBe(200);
    expect(bot.child.exitCode).toBeNull();
  });
});
