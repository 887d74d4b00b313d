/**
 * CORRECTIONS=off records nothing and sends nothing; the settings refuse bad values; old
 * posts are deleted after POSTS_RETENTION_DAYS; a post is recorded with the facts it showed.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorrectionsSettings } from '../../app/corrections-settings.ts';
import { createPostRecorder, shownFactsOf } from '../../src/corrections/record.ts';
import { deleteOldPosts } from '../../src/corrections/retention.ts';
import { shownFact } from '../../src/corrections/shown.ts';
import { memoryPostsStore } from '../../src/corrections/store.ts';
import { memoryLogger } from '../../src/log.ts';
import { realKnowledge } from '../digest/support.ts';
import { FakeClock, startInstance, tempDataDir } from '../e2e/support.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { startFakeSlack } from '../slack/fake-slack-api.ts';
import { SIGNING_SECRET } from '../slack/signed-requests.ts';
import { curatedBase, FACT } from './support.ts';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('CORRECTIONS=off', () => {
  it('records no digest post and sends no correction after a reload that changes what it showed', async () => {
    const fake = await startFakeSlack();
    const data = tempDataDir();
    const base = curatedBase();
    cleanups.push(
      () => fake.close(),
      () => data.remove(),
      () => rmSync(base.root, { recursive: true, force: true }),
    );
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-off',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: data.dir,
      CORRECTIONS: 'off',
      ...base.env,
    };
    const clock = new FakeClock('2026-12-01T09:01:00Z');
    const bot = await startInstance(env, clock, { knowledge: base.load() });
    cleanups.push(() => bot.stop());
    expect(bot.corrector).toBeUndefined();
    await bot.store.saveSubscription({
      platform: 'slack',
      channelId: 'C0OFF',
      time: '09:00',
      timeZone: 'UTC',
      topics: ['trade'],
      subscribedBy: 'U1',
      subscribedAt: '2026-11-30T00:00:00.000Z',
    });
    expect((await bot.scheduler.tick()).sent).toBe(1);
    expect(await bot.storage.posts.posts()).toEqual([]);
    base.changeFigure();
    await bot.reload('test');
    expect(bot.holder.snapshot.knowledge.factById.get(FACT)?.figure?.value).toBe(245);
    expect(fake.calls.filter((c) => c.method === 'chat.update' || (c.method === 'chat.postMessage' && c.params.thread_ts))).toEqual([]);
  });
});

describe('settings', () => {
  it('default on, 180 days; off and a number of days are read; bad values are refused naming the variable', () => {
    expect(readCorrectionsSettings({})).toEqual({ enabled: true, retentionDays: 180 });
    expect(readCorrectionsSettings({ CORRECTIONS: 'OFF', POSTS_RETENTION_DAYS: '30' })).toEqual({ enabled: false, retentionDays: 30 });
    expect(() => readCorrectionsSettings({ CORRECTIONS: 'maybe' })).toThrow(/CORRECTIONS.*"maybe"/);
    expect(() => readCorrectionsSettings({ POSTS_RETENTION_DAYS: '0' })).toThrow(/POSTS_RETENTION_DAYS.*"0"/);
    expect(() => readCorrectionsSettings({ POSTS_RETENTION_DAYS: '1.5' })).toThrow(/POSTS_RETENTION_DAYS/);
  });
});

describe('recording and retention', () => {
  const answer = answerText(realAnswerer(), 'trade');

  it('records the facts an answer showed, each as shown, once each; a post showing none is not kept', async () => {
    const knowledge = realKnowledge();
    const ids = [...new Set(answer.items.flatMap((i) => (i.type === 'guide' ? [] : i.evidence.map((e) => e.factId))))];
    expect(ids.length).toBeGreaterThan(1);
    expect(shownFactsOf(answer, knowledge)).toEqual(ids.map((id) => shownFact(knowledge.factById.get(id)!)));
    const store = memoryPostsStore();
    const record = createPostRecorder({ store, knowledge: () => knowledge, logger: memoryLogger(), now: () => 42 });
    await record({ platform: 'discord', channelId: '1', messageId: '2', answer });
    await record({ platform: 'discord', channelId: '1', messageId: '3', answer: { ...answer, items: [] } });
    expect((await store.posts()).map((p) => [p.messageId, p.postedAt, p.shown.length])).toEqual([['2', 42, ids.length]]);
  });

  it('a store that fails is logged, never thrown to the adapter that posted', async () => {
    const logger = memoryLogger();
    const store = { ...memoryPostsStore(), recordPost: () => Promise.reject(new Error('disk full')) };
    const record = createPostRecorder({ store, knowledge: realKnowledge, logger, now: () => 1 });
    await expect(record({ platform: 'slack', channelId: 'C', messageId: '1', answer })).resolves.toBeUndefined();
    expect(logger.entries.some((l) => l.msg === 'corrections: could not record a post; it will not be corrected')).toBe(true);
  });

  it('deletes posts older than the retention, keeps the rest', async () => {
    const store = memoryPostsStore();
    const clock = new FakeClock('2026-12-01T00:00:00Z');
    const day = 24 * 60 * 60_000;
    for (const [id, age] of [
      ['old', 181],
      ['edge', 179],
      ['new', 1],
    ] as const) {
      await store.recordPost({
        platform: 'slack',
        channelId: 'C',
        messageId: id,
        postedAt: clock.now().getTime() - age * day,
        shown: [],
        answer,
      });
    }
    expect(await deleteOldPosts(store, 180, clock, memoryLogger())).toBe(1);
    expect((await store.posts()).map((p) => p.messageId)).toEqual(['edge', 'new']);
  });
});

describe('sinorussia corrections', () => {
  it('anything but preview is refused with the usage, exit 2, opening nothing', async () => {
    const { runCorrectionsCommand } = await import('../../app/cli-corrections.ts');
    let err = '';
    const sink = { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream;
    expect(await runCorrectionsCommand(['send'], { dir: '/nonexistent' }, {}, sink, sink)).toBe(2);
    expect(err).toBe('sinorussia: corrections needs "preview", e.g. sinorussia corrections preview\n');
  });
});
