/**
 * `npm start` in Slack's HTTP mode, as a process, against the fake Slack: hostile bodies do
 * not end it, and SIGTERM with a half-open socket and an answer stuck on a hanging
 * response_url still exits, within the documented 10 s.
 */
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOW_DOWN } from '../../src/rate-limit.ts';
import { type BotProcess, startBot } from '../helpers/bot-process.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, eventBody, FORM, post, SIGNING_SECRET } from '../slack/signed-requests.ts';
import { tempDataDir } from './support.ts';

let fake: FakeSlack;
let data: ReturnType<typeof tempDataDir>;
let bot: BotProcess;
let endpoint: string;
let port: number;

beforeAll(async () => {
  fake = await startFakeSlack();
  data = tempDataDir();
  bot = startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DATA_DIR: data.dir,
      RATE_LIMIT_BURST: '3',
      RATE_LIMIT_PER_MINUTE: '1',
    },
    data.dir,
  );
  const started = await bot.waitForLog((l) => l.msg === 'slack: started', 'Slack to start');
  await bot.waitForLog((l) => l.msg === 'started', 'npm start to say it started');
  port = started.port as number;
  endpoint = `http://127.0.0.1:${port}/slack/events`;
});

afterAll(async () => {
  bot?.kill();
  await fake?.close();
  data?.remove();
});

async function answers(id: string) {
  expect((await post(endpoint, commandBody('trade', fake.responseUrl(id)), FORM)).status).toBe(200);
  await fake.until(() => fake.responses.some((r) => r.id === id), `the answer ${id}`);
}

describe('npm start over HTTP, under fire', () => {
  it('a signed JSON null and a form payload=null get 400, and the process keeps answering', async () => {
    expect((await post(endpoint, 'null', 'application/json')).status).toBe(400);
    expect((await post(endpoint, 'payload=null', FORM)).status).toBe(400);
    await answers('after-null');
    expect(bot.child.exitCode).toBeNull();
    expect(bot.logLines().filter((l) => l.level === 'error')).toEqual([]);
  });

  it('honours RATE_LIMIT_BURST: a fourth quick question from one person gets the private "slow down"', async () => {
    for (let i = 1; i <= 4; i += 1)
      await post(endpoint, commandBody('trade', fake.responseUrl(`burst-${i}`), { user_id: 'U0BURST' }), FORM);
    await fake.until(() => fake.responses.some((r) => r.id === 'burst-4'), 'the fourth reply');
    expect(fake.responses.find((r) => r.id === 'burst-4')?.body).toEqual({ response_type: 'ephemeral', text: SLOW_DOWN });
    expect(fake.responses.find((r) => r.id === 'burst-3')?.body.response_type).toBe('ephemeral');
    expect(fake.responses.find((r) => r.id === 'burst-3')?.body.text).not.toBe(SLOW_DOWN);
  });

  it('SIGTERM with a half-open socket and an answer stuck on a hanging response_url exits with 0 within 10 s', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\n');
    socket.on('error', () => undefined);
    fake.failResponses('stuck', 'hang');
    await post(endpoint, commandBody('trade', fake.responseUrl('stuck')), FORM);
    await fake.until(() => fake.attempts.some((a) => a.id === 'stuck'), 'the stuck post');

    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(10_000);
    const messages = bot.logLines().map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(['stopping', 'slack: stopped']));
  }, 20_000);
});

/** Two `npm start` processes on one PostgreSQL (a schema of their own), when TEST_DATABASE_URL is set. */
const sharedDatabases = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [];

describe.each(sharedDatabases)('two npm start processes on one PostgreSQL', (url) => {
  it('answer a slash command replayed to both, and an event redelivered to both, once between them', async () => {
    const schema = `e2e_seen_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const own = await startFakeSlack();
    const dirs = [tempDataDir(), tempDataDir()];
    const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const bots = dirs.map((d) =>
      startBot(
        {
          SLACK_BOT_TOKEN: 'xoxb-e2e',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: own.apiUrl,
          PORT: '0',
          DATA_DIR: d.dir,
          DATABASE_URL: databaseUrl,
        },
        d.dir,
      ),
    );
    try {
      const endpoints: string[] = [];
      for (const bot of bots) {
        const started = await bot.waitForLog((l) => l.msg === 'slack: started', 'Slack to start');
        await bot.waitForLog((l) => l.msg === 'started' && l.digestStore === 'postgresql', 'npm start on PostgreSQL');
        endpoints.push(`http://127.0.0.1:${started.port as number}/slack/events`);
      }
      const command = commandBody('trade', own.responseUrl('two-processes'));
      const mention = eventBody('EvTwoProcesses', {
        type: 'app_mention',
        channel: 'C0TWO',
        user: 'U0ASKER',
        text: '<@UBOT> energy',
        ts: '1700000000.007000',
      });
      for (const endpoint of endpoints) {
        expect((await post(endpoint, command, FORM)).status).toBe(200);
        expect((await post(endpoint, mention, 'application/json')).status).toBe(200);
      }
      const mentionPosts = () => own.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === 'C0TWO');
      await own.until(() => own.responses.some((r) => r.id === 'two-processes') && mentionPosts().length >= 1, 'the answers', 10_000);
      // Later requests to each, answered, show the repeats were skipped rather than slow.
      for (const [i, endpoint] of endpoints.entries())
        await post(endpoint, commandBody('topics', own.responseUrl(`two-barrier-${i}`)), FORM);
      await own.until(() => own.responses.filter((r) => r.id.startsWith('two-barrier-')).length === 2, 'the barriers', 10_000);
      expect(own.responses.filter((r) => r.id === 'two-processes')).toHaveLength(1);
      expect(mentionPosts()).toHaveLength(1);
      expect(bots.flatMap((b) => b.logLines()).filter((l) => l.msg === 'slack: skipped a replayed slash command')).toHaveLength(1);
    } finally {
      for (const bot of bots) bot.kill();
      await Promise.all(bots.map((b) => b.exited));
      await own.close();
      for (const d of dirs) d.remove();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }, 40_000);
});
