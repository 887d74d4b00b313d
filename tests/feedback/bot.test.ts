/**
 * Feedback in the running bot (startBot, the composition root): adapters get a recorder
 * through the contract, it writes to the bot's own store, the bot's daily clean-up on a fake
 * clock deletes what is past the retention, and FEEDBACK=off writes nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterDeps, ChatAdapter } from '../../adapters/contract.ts';
import { feedbackViews, readFeedbackSettings } from '../../app/feedback-settings.ts';
import { type ChatBot, startBot } from '../../app/start-bot.ts';
import { DAY_MS, feedbackTarget } from '../../src/feedback/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock, realKnowledge } from '../digest/support.ts';
import { tempDataDir } from '../e2e/support.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

function loopback() {
  const seen = { deps: undefined as AdapterDeps | undefined };
  const adapter: ChatAdapter = { name: 'loopback', start: async (deps) => ((seen.deps = deps), { stop: async () => undefined }) };
  return { adapter, seen };
}

const running: { bot: ChatBot; remove(): void }[] = [];
afterEach(async () => {
  for (const { bot, remove } of running.splice(0)) {
    await bot.stop();
    remove();
  }
});

async function start(extraEnv: Record<string, string> = {}) {
  const data = tempDataDir();
  const clock = new FakeClock('2026-01-01T08:00:00Z');
  const platform = loopback();
  const bot = (await startBot(
    { DATA_DIR: data.dir, ...extraEnv },
    {
      logger: memoryLogger(),
      knowledge: realKnowledge(),
      platforms: [platform.adapter],
      clock,
      sleep: clock.sleep,
      startScheduler: false,
      opsPort: 0,
    },
  )) as ChatBot;
  running.push({ bot, remove: data.remove });
  const rows = async () => ({
    votes: await bot.store.db
      .selectFrom('feedback_votes' as never)
      .selectAll()
      .execute(),
    questions: await bot.store.db
      .selectFrom('unanswered_questions' as never)
      .selectAll()
      .execute(),
    shown: await bot.store.db
      .selectFrom('feedback_answers' as never)
      .selectAll()
      .execute(),
  });
  return { bot, clock, feedback: platform.seen.deps!.feedback!, rows, dir: data.dir };
}

const target = feedbackTarget(answerText(realAnswerer(), 'gas deal'));

describe('feedback in the running bot', () => {
  it('records through the adapter contract into the bot’s store, with a key made in DATA_DIR', async () => {
    const { feedback, rows, dir } = await start();
    expect(feedback.enabled).toBe(true);
    expect(existsSync(join(dir, 'feedback.key'))).toBe(true);
    await feedback.vote({ target, direction: 'down', reason: { code: 'outdated' }, platform: 'loopback', userId: 'U0VOTER' });
    await feedback.unanswered({ platform: 'loopback', question: 'Best restaurants in Moscow?' });
    const { votes, questions } = await rows();
    expect(votes).toHaveLength(1);
    expect(questions).toMatchObject([{ normalised: 'best restaurants in moscow', count: 1 }]);
    expect(JSON.stringify(votes)).not.toContain('U0VOTER');
  });

  it('deletes, in the bot’s daily clean-up, what is older than FEEDBACK_RETENTION_DAYS', async () => {
    const { bot, clock, feedback, rows } = await start({ FEEDBACK_RETENTION_DAYS: '30' });
    await feedback.vote({ target, direction: 'down', platform: 'loopback', userId: 'U1' });
    await feedback.unanswered({ platform: 'loopback', question: 'old question' });
    // An answer shown with buttons: its query is kept only as long as the votes.
    feedback.remember(target);
    for (let i = 0; i < 50 && (await rows()).shown.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await rows()).shown).toHaveLength(1);
    clock.advance(20 * DAY_MS);
    await feedback.unanswered({ platform: 'loopback', question: 'newer question' });
    clock.advance(11 * DAY_MS);
    await bot.feedback.retention!.tick();
    const { votes, questions, shown } = await rows();
    expect(votes).toEqual([]);
    expect(shown).toEqual([]);
    expect(questions).toMatchObject([{ normalised: 'newer question' }]);
  });

  it('gives Home and the report command the curators, the report and the user’s channels’ digests', async () => {
    const { bot, feedback } = await start({ CURATORS: 'U0CURATOR' });
    await feedback.unanswered({ platform: 'slack', question: 'Best restaurants in Moscow?' });
    await bot.store.saveSubscription({
      platform: 'slack',
      channelId: 'C0DIGEST',
      time: '09:00',
      timeZone: 'UTC',
      topics: [],
      subscribedBy: 'U1',
      subscribedAt: '',
    });
    const views = feedbackViews(
      readFeedbackSettings({ CURATORS: 'U0CURATOR' }),
      bot.feedback,
      bot.store,
      () => bot.holder.snapshot.knowledge,
    );
    expect(views.curators).toEqual(['U0CURATOR']);
    expect((await views.report()).unanswered).toMatchObject([{ normalised: 'best restaurants in moscow', count: 1 }]);
    expect((await views.subscriptions(['C0DIGEST', 'C0NONE'])).map((s) => s.channelId)).toEqual(['C0DIGEST']);
  });

  it('FEEDBACK=off writes nothing, and makes no key', async () => {
    const { feedback, rows, dir } = await start({ FEEDBACK: 'off' });
    expect(feedback.enabled).toBe(false);
    await feedback.vote({ target, direction: 'up', platform: 'loopback', userId: 'U1' });
    await feedback.unanswered({ platform: 'loopback', question: 'anything' });
    feedback.remember(target);
    expect(await rows()).toEqual({ votes: [], questions: [], shown: [] });
    expect(existsSync(join(dir, 'feedback.key'))).toBe(false);
  });
});
