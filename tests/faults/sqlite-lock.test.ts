/**
 * While another process holds the SQLite file's write lock, the bot keeps answering: the
 * digest store waits for the lock without blocking the event loop. The bot is started as
 * `npm start` starts it (real Bolt in HTTP mode, the SQLite file under DATA_DIR); a child
 * process takes the write lock for 3 s; a digest tick runs into it; a signed `/sinorussia
 * trade` sent meanwhile is acked and answered at once, and the digest posts once the lock
 * is released.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../../adapters/slack/app.ts';
import { SQLITE_FILE } from '../../stores/sql/open-store.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, FORM, post, SIGNING_SECRET } from '../slack/signed-requests.ts';

const HOLD_MS = 3_000;

let fake: FakeSlack;
let data: ReturnType<typeof tempDataDir>;
let bot: Instance;
let locker: ChildProcess | undefined;
const clock = new FakeClock('2026-06-10T09:30:00Z');

beforeAll(async () => {
  fake = await startFakeSlack();
  data = tempDataDir();
  bot = await startInstance(
    { SLACK_BOT_TOKEN: 'xoxb-lock', SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', SLACK_API_URL: fake.apiUrl, DATA_DIR: data.dir },
    clock,
  );
  await bot.store.saveSubscription({
    platform: 'slack',
    channelId: 'C0LOCKED',
    time: '09:00',
    timeZone: 'UTC',
    topics: [],
    subscribedBy: 'U1',
    subscribedAt: '2026-06-01T00:00:00Z',
  });
});

afterAll(async () => {
  locker?.kill('SIGKILL');
  await bot?.stop();
  await fake?.close();
  data?.remove();
});

/** Another process takes the write lock and holds it; resolves once it holds it. */
function holdWriteLock(file: string, ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('begin immediate');
    db.prepare("insert into known_facts (id, first_seen_at) values ('lock-holder', 0) on conflict do nothing").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('commit'); db.close(); process.stdout.write('released\\n'); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('locked') && resolve(child));
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

describe('a write lock held by another process', () => {
  it('does not delay an answer; the digest posts once the lock is gone', async () => {
    locker = await holdWriteLock(join(data.dir, SQLITE_FILE), HOLD_MS);
    const started = Date.now();
    const tick = bot.scheduler.tick();
    // Let the tick reach the locked store first. (A store that blocks the event loop delays
    // this very timer, and everything after it, until the lock is released.)
    await new Promise((resolve) => setTimeout(resolve, 50));

    const port = (bot.adapters[0].running as RunningSlack).port;
    const res = await post(
      `http://127.0.0.1:${port}/slack/events`,
      commandBody('trade', fake.responseUrl('lock-1'), { channel_id: 'C0ASK' }),
      FORM,
    );
    const ackMs = Date.now() - started;
    expect(res.status).toBe(200);
    await fake.until(() => fake.responses.some((r) => r.id === 'lock-1'), 'the answer to /sinorussia trade', 2_000);
    const answeredMs = Date.now() - started;
    expect(ackMs).toBeLessThan(500);
    expect(answeredMs).toBeLessThan(1_000);
    expect(locker.exitCode).toBeNull();

    const report = await tick;
    expect(Date.now() - started).toBeGreaterThan(HOLD_MS - 1_000);
    expect(report.sent).toBe(1);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === 'C0LOCKED')).toHaveLength(1);
  });
});
