/**
 * SIGTERM in the middle of a long digest tick: the real `npm start` (Slack HTTP mode, SQLite
 * under DATA_DIR) with 100 channels due at once, paced at 5 posts a second (a 20 s tick), is
 * stopped 2 s in. It exits with 0 well within a 10 s grace period, having taken no new claim;
 * started again, it posts the rest, and every channel has exactly one digest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDigestStore } from '../../stores/sql/open-store.ts';
import { tempDataDir } from '../e2e/support.ts';
import { type BotProcess, startBot } from '../helpers/bot-process.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { SIGNING_SECRET } from '../slack/signed-requests.ts';

const CHANNELS = 100;
let slack: FakeSlack;
let data: ReturnType<typeof tempDataDir>;
let bot: BotProcess | undefined;
afterAll(async () => {
  bot?.kill();
  await slack?.close();
  data?.remove();
});

describe('SIGTERM during a digest tick', () => {
  it('exits within the grace period, and a restart posts the rest, each once', async () => {
    slack = await startFakeSlack();
    data = tempDataDir();
    const store = await openDigestStore({ dataDir: data.dir });
    const now = new Date();
    const time = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
    for (let i = 0; i < CHANNELS; i++) {
      await store.saveSubscription({
        platform: 'slack',
        channelId: `C0TERM${String(i).padStart(3, '0')}`,
        time,
        timeZone: 'UTC',
        topics: [],
        subscribedBy: 'U1',
        subscribedAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
    }
    await store.close();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-term',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: data.dir,
      DIGEST_TICK_MS: '1000',
    };

    bot = startBot(env, data.dir);
    await bot.waitForLog((l) => l.msg === 'started', 'the bot to start');
    await slack.until(() => slack.digest.history.size >= 5, 'the first digests', 10_000);
    const signalled = Date.now();
    bot.kill('SIGTERM');
    const { code } = await bot.exited;
    const tookMs = Date.now() - signalled;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(8_000);
    const before = slack.digest.history.size;
    expect(before).toBeLessThan(CHANNELS);

    // Nothing was left claimed: the restart needs no lease to run out.
    bot = startBot(env, data.dir);
    await slack.until(() => slack.digest.history.size === CHANNELS, 'every channel to get its digest', 40_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const counts = [...slack.digest.history.values()].map((posts) => posts.length);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(CHANNELS);
    bot.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  }, 60_000);
});
