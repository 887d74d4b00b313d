/**
 * kill -9 while a slash answer waits to retry its response_url: the real `npm start` (Slack
 * HTTP mode, SQLite under DATA_DIR) acks the command, meets a 500, saves the answer and is
 * killed before its retry; started again on the same DATA_DIR, it delivers the answer once.
 */
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../stores/sql/open-store.ts';
import { tempDataDir } from '../e2e/support.ts';
import { type BotProcess, startBot } from '../helpers/bot-process.ts';
import { until } from '../helpers/until.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, FORM, SIGNING_SECRET, signedHeaders } from '../slack/signed-requests.ts';

let slack: FakeSlack;
let data: ReturnType<typeof tempDataDir>;
let bot: BotProcess | undefined;
afterAll(async () => {
  bot?.kill();
  await slack?.close();
  data?.remove();
});

const pendingPosts = (file: string): number => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from pending_posts').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('kill -9 while an answer waits to retry', () => {
  it('the restarted bot delivers the saved answer exactly once', { timeout: 90_000 }, async () => {
    slack = await startFakeSlack();
    data = tempDataDir();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-kill',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: data.dir,
    };
    bot = startBot(env, data.dir);
    const started = await bot.waitForLog((l) => l.msg === 'slack: started', 'the bot to start', 30_000);
    const id = 'kill-1';
    slack.failResponses(id, { status: 500 });
    const body = commandBody('trade', slack.responseUrl(id), { trigger_id: '1.kill' });
    const res = await fetch(`http://127.0.0.1:${started.port}/slack/events`, { method: 'POST', headers: signedHeaders(body, FORM), body });
    expect(res.status).toBe(200);
    await until(() => slack.attempts.some((a) => a.id === id), 'the first, failing attempt', 10_000);
    const file = join(data.dir, SQLITE_FILE);
    await until(() => pendingPosts(file) === 1, 'the answer to be saved for its retry', 5_000);
    bot.kill('SIGKILL');
    await bot.exited;
    expect(slack.responses.filter((r) => r.id === id)).toHaveLength(0);

    bot = startBot(env, data.dir);
    await bot.waitForLog((l) => l.msg === 'slack: started', 'the bot to start again', 30_000);
    await until(() => slack.responses.some((r) => r.id === id), 'the saved answer to be delivered', 45_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(slack.responses.filter((r) => r.id === id)).toHaveLength(1);
    expect(pendingPosts(file)).toBe(0);
  });
});
