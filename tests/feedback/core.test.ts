/** The feedback core: normalising, hashing, targets, the recorder's rules and the retention. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFeedbackSettings, resolveFeedbackKey } from '../../app/feedback-settings.ts';
import {
  createFeedbackRecorder,
  createRetention,
  DAY_MS,
  decodeTarget,
  encodeTarget,
  feedbackOff,
  feedbackTarget,
  MemoryFeedbackStore,
  normaliseQuestion,
  parseReason,
  recordIfUnanswered,
  userHasher,
} from '../../src/feedback/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock } from '../digest/support.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const KEY = 'test-feedback-key-0123456789';

describe('normaliseQuestion', () => {
  it('groups case, punctuation, white space and edge stop words', () => {
    expect(normaliseQuestion('Best restaurants in Moscow?')).toBe('best restaurants in moscow');
    expect(normaliseQuestion('  best   restaurants in moscow ')).toBe('best restaurants in moscow');
    expect(normaliseQuestion('What are the best restaurants in Moscow, please?!')).toBe('best restaurants in moscow');
    expect(normaliseQuestion('Gas-deal… for China?')).toBe('gas deal for china');
  });

  it('keeps stop words inside the question, and a question of stop words alone', () => {
    expect(normaliseQuestion('what is it for')).toBe('what is it for');
    expect(normaliseQuestion('price of gas in 2030')).toBe('price of gas in 2030');
  });

  it('drops mentions, which name people', () => {
    expect(normaliseQuestion('<@U0ASKER> <!channel> best borscht @here')).toBe('best borscht');
  });
});

describe('userHasher', () => {
  it('is keyed: same user same hash, another key or platform another hash, no id in clear', () => {
    const hash = userHasher(KEY);
    expect(hash('slack', 'U1')).toBe(hash('slack', 'U1'));
    expect(hash('slack', 'U1')).not.toBe(hash('discord', 'U1'));
    expect(hash('slack', 'U1')).not.toBe(userHasher(`${KEY}x`)('slack', 'U1'));
    expect(hash('slack', 'U1')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a short key', () => expect(() => userHasher('short')).toThrow(/at least 16/));
});

describe('targets', () => {
  const answer = {
    kind: 'search',
    query: 'gas deal',
    items: [
      { type: 'fact', evidence: [{ factId: 'f1' }, { factId: 'f2' }] },
      { variants: [{ evidence: [{ factId: 'f3' }, { factId: 'f1' }] }] },
    ],
  };

  it('collects the fact ids shown, once each, and gives the same answer the same id', () => {
    const target = feedbackTarget(answer);
    expect(target.factIds).toEqual(['f1', 'f2', 'f3']);
    expect(feedbackTarget(structuredClone(answer)).answerId).toBe(target.answerId);
    expect(feedbackTarget({ ...answer, query: 'gas deals' }).answerId).not.toBe(target.answerId);
  });

  it('round-trips through a button value, cut to fit, and refuses forged values', () => {
    const target = feedbackTarget(answer);
    expect(decodeTarget(encodeTarget(target))).toEqual(target);
    const long = { ...target, query: 'q'.repeat(3000), factIds: Array.from({ length: 80 }, (_, i) => `fact-${i}-${'x'.repeat(30)}`) };
    const value = encodeTarget(long);
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeTarget(value)?.answerId).toBe(target.answerId);
    expect(decodeTarget('share_answer')).toBeUndefined();
    expect(decodeTarget('fb1:{"i":"<@U1>","k":"x","q":"","f":[]}')).toBeUndefined();
  });
});

describe('parseReason', () => {
  it('takes a fixed code, free text as other, cuts long text and drops markup', () => {
    expect(parseReason('outdated', '')).toEqual({ code: 'outdated' });
    expect(parseReason(undefined, 'the 2023 figure is <@U1> wrong')).toEqual({ code: 'other', text: 'the 2023 figure is @U1 wrong' });
    expect(parseReason('bogus', '   ')).toBeUndefined();
    expect(parseReason(undefined, 'word '.repeat(200))!.text!.length).toBeLessThanOrEqual(500);
  });
});

describe('the recorder', () => {
  const target = { answerId: 'abc123', kind: 'search', query: 'gas deal', factIds: ['f1'] };

  it('stores a keyed hash, never the user id, and a second vote replaces the first', async () => {
    const store = new MemoryFeedbackStore();
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const recorder = createFeedbackRecorder({ store, hashUser: userHasher(KEY), clock, logger: memoryLogger() });
    await recorder.vote({ target, direction: 'up', platform: 'slack', userId: 'U0VOTER' });
    clock.advance(60_000);
    await recorder.vote({ target, direction: 'down', reason: { code: 'wrong-figure' }, platform: 'slack', userId: 'U0VOTER' });
    clock.advance(60_000);
    await recorder.vote({ target, direction: 'up', platform: 'slack', userId: 'U0OTHER' });
    const votes = await store.votes();
    expect(votes.map((v) => `${v.direction}/${v.reason?.code ?? '-'}`)).toEqual(['down/wrong-figure', 'up/-']);
    expect(JSON.stringify(votes)).not.toContain('U0VOTER');
    await recorder.vote({
      target: { ...target, answerId: 'def456', query: '<@U0FRIEND> gas deal' },
      direction: 'up',
      platform: 'slack',
      userId: 'U0VOTER',
    });
    expect((await store.votes()).find((v) => v.answerId === 'def456')?.query).toBe('gas deal');
    expect(votes[0]).toMatchObject({ at: Date.parse('2026-12-01T10:01:00Z'), factIds: ['f1'], query: 'gas deal' });
  });

  it('groups unanswered questions with a count, first and last seen, and the latest wording', async () => {
    const store = new MemoryFeedbackStore();
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const recorder = createFeedbackRecorder({ store, hashUser: userHasher(KEY), clock, logger: memoryLogger() });
    await recorder.unanswered({ platform: 'slack', question: 'Best restaurants in Moscow?' });
    clock.advance(DAY_MS);
    await recorder.unanswered({ platform: 'slack', question: '<@U0ASKER> best restaurants in moscow' });
    expect(await store.unanswered()).toEqual([
      {
        platform: 'slack',
        normalised: 'best restaurants in moscow',
        example: 'best restaurants in moscow',
        count: 2,
        firstSeen: Date.parse('2026-12-01T10:00:00Z'),
        lastSeen: Date.parse('2026-12-02T10:00:00Z'),
      },
    ]);
  });

  it('logs a failing store instead of throwing', async () => {
    const logger = memoryLogger();
    const broken = Object.assign(new MemoryFeedbackStore(), { saveVote: async () => Promise.reject(new Error('disk full')) });
    const recorder = createFeedbackRecorder({ store: broken, hashUser: userHasher(KEY), clock: new FakeClock(0), logger });
    await expect(recorder.vote({ target, direction: 'up', platform: 'slack', userId: 'U1' })).resolves.toBeUndefined();
    expect(JSON.stringify(logger.entries)).toContain('disk full');
  });

  it('remembers targets for buttons that carry only the id; FEEDBACK=off remembers and records nothing', async () => {
    const recorder = createFeedbackRecorder({
      store: new MemoryFeedbackStore(),
      hashUser: userHasher(KEY),
      clock: new FakeClock(0),
      logger: memoryLogger(),
    });
    recorder.remember(target);
    expect(recorder.target('abc123')).toEqual(target);
    feedbackOff.remember(target);
    expect(feedbackOff.target('abc123')).toBeUndefined();
    expect(await feedbackOff.find('abc123')).toBeUndefined();
    expect(feedbackOff.enabled).toBe(false);
  });

  it('saves a shown answer once a day at most, and finds it in the store after a restart', async () => {
    const store = new MemoryFeedbackStore();
    const saves: number[] = [];
    const counted = Object.assign(store, {
      saveShown: async (t: typeof target, at: number) => {
        saves.push(at);
        return MemoryFeedbackStore.prototype.saveShown.call(store, t, at);
      },
    });
    const clock = new FakeClock(0);
    const deps = { store: counted, hashUser: userHasher(KEY), clock, logger: memoryLogger() };
    const recorder = createFeedbackRecorder(deps);
    recorder.remember(target);
    recorder.remember(target);
    clock.advance(DAY_MS);
    recorder.remember(target);
    expect(saves).toEqual([0, DAY_MS]);
    const restarted = createFeedbackRecorder(deps);
    expect(restarted.target(target.answerId)).toBeUndefined();
    expect(await restarted.find(target.answerId)).toEqual(target);
    expect(await restarted.find('fffff')).toBeUndefined();
  });
});

describe('recordIfUnanswered', () => {
  it('records a real "no match" and nothing for an answered question or with feedback off', async () => {
    const store = new MemoryFeedbackStore();
    const recorder = createFeedbackRecorder({ store, hashUser: userHasher(KEY), clock: new FakeClock(0), logger: memoryLogger() });
    const answerer = realAnswerer();
    await recordIfUnanswered(recorder, 'slack', answerText(answerer, 'Best restaurants in Moscow?'));
    await recordIfUnanswered(recorder, 'slack', answerText(answerer, 'gas deal'));
    await recordIfUnanswered(feedbackOff, 'slack', answerText(answerer, 'best restaurants in moscow'));
    await recordIfUnanswered(undefined, 'slack', answerText(answerer, 'best restaurants in moscow'));
    expect((await store.unanswered()).map((u) => `${u.normalised}/${u.count}`)).toEqual(['best restaurants in moscow/1']);
  });
});

describe('the retention', () => {
  it('deletes, once a day on the clock, what is older than the retention, and keeps the rest', async () => {
    const store = new MemoryFeedbackStore();
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const recorder = createFeedbackRecorder({ store, hashUser: userHasher(KEY), clock, logger: memoryLogger() });
    const retention = createRetention({ store, clock, retentionDays: 90, logger: memoryLogger() });
    await recorder.unanswered({ platform: 'slack', question: 'old question' });
    await recorder.vote({
      target: { answerId: 'a1', kind: 'search', query: 'old', factIds: [] },
      direction: 'down',
      platform: 'slack',
      userId: 'U1',
    });
    expect(await retention.tick()).toBe(0);
    clock.advance(80 * DAY_MS);
    await recorder.unanswered({ platform: 'slack', question: 'new question' });
    clock.advance(11 * DAY_MS);
    expect(await retention.tick()).toBe(2);
    expect((await store.unanswered()).map((u) => u.normalised)).toEqual(['new question']);
    expect(await store.votes()).toEqual([]);
    clock.advance(DAY_MS / 2);
    expect(await retention.tick()).toBe(0);
  });
});

describe('feedback settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sinorussia-feedback-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to on, 90 days, no curators; refuses bad values naming the variable', () => {
    expect(readFeedbackSettings({})).toEqual({ enabled: true, key: undefined, retentionDays: 90, curators: [] });
    expect(readFeedbackSettings({ FEEDBACK: 'off', CURATORS: 'U0CUR1, U0CUR2', FEEDBACK_RETENTION_DAYS: '30' })).toMatchObject({
      enabled: false,
      curators: ['U0CUR1', 'U0CUR2'],
      retentionDays: 30,
    });
    expect(() => readFeedbackSettings({ FEEDBACK: 'maybe' })).toThrow(/FEEDBACK must be/);
    expect(() => readFeedbackSettings({ FEEDBACK_RETENTION_DAYS: '0' })).toThrow(/FEEDBACK_RETENTION_DAYS/);
    expect(() => readFeedbackSettings({ FEEDBACK_KEY: 'short' })).toThrow(/FEEDBACK_KEY/);
    expect(() => readFeedbackSettings({ CURATORS: '<@U1>' })).toThrow(/CURATORS/);
  });

  it('makes a key into DATA_DIR once and reuses it; refuses to guess one for PostgreSQL', () => {
    const settings = readFeedbackSettings({});
    const first = resolveFeedbackKey(settings, { dataDir: dir });
    expect(first).toMatchObject({ source: 'DATA_DIR' });
    expect(resolveFeedbackKey(settings, { dataDir: dir }).key).toBe(first.key);
    expect(readFileSync(join(dir, 'feedback.key'), 'utf8').trim()).toBe(first.key);
    expect(statSync(join(dir, 'feedback.key')).mode & 0o077).toBe(0);
    expect(resolveFeedbackKey(settings, { databaseUrl: 'postgres://x/y' })).toMatchObject({
      problem: expect.stringMatching(/FEEDBACK_KEY is not set/),
    });
    expect(resolveFeedbackKey(readFeedbackSettings({ FEEDBACK_KEY: KEY }), { databaseUrl: 'postgres://x/y' })).toEqual({
      key: KEY,
      source: 'FEEDBACK_KEY',
    });
  });
});
