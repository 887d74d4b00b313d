/**
 * The curators' report, as a new user would produce one: ask, vote 👎 with a reason, ask an
 * off-topic question twice; then `sinorussia report` on the same SQLite store lists both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCli } from '../../app/cli-report.ts';
import {
  buildReport,
  createFeedbackRecorder,
  type FeedbackReport,
  type FeedbackTarget,
  feedbackTarget,
  userHasher,
} from '../../src/feedback/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { createSqlFeedbackStore } from '../../stores/sql/feedback-store.ts';
import { openDigestStore } from '../../stores/sql/open-store.ts';
import { FakeClock, realKnowledge } from '../digest/support.ts';
import { sink } from '../helpers/cli.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const dir = mkdtempSync(join(tmpdir(), 'sinorussia-report-'));
const env = { DATA_DIR: dir };
const clock = new FakeClock('2026-11-20T09:00:00Z');
let gasDeal: FeedbackTarget;

async function report(...args: string[]) {
  const [out, err] = [sink(), sink()];
  const code = await runReportCli(args, out.stream, err.stream, env, clock);
  return { code, out: out.text(), err: err.text() };
}

beforeAll(async () => {
  const digest = await openDigestStore({ dataDir: dir });
  const recorder = createFeedbackRecorder({
    store: createSqlFeedbackStore(digest.db),
    hashUser: userHasher('report-test-key-0123456789'),
    clock,
    logger: memoryLogger(),
  });
  const answerer = realAnswerer();
  const answer = answerText(answerer, 'gas deal');
  expect(answer.matched).toBe(true);
  gasDeal = feedbackTarget(answer);
  await recorder.vote({ target: gasDeal, direction: 'down', reason: { code: 'wrong-figure' }, platform: 'slack', userId: 'U0ASKER' });
  await recorder.vote({
    target: gasDeal,
    direction: 'down',
    reason: { code: 'other', text: 'the price is missing' },
    platform: 'discord',
    userId: '123456789',
  });
  await recorder.vote({ target: feedbackTarget(answerText(answerer, 'trade')), direction: 'up', platform: 'slack', userId: 'U0ASKER' });
  for (const question of ['Best restaurants in Moscow?', 'best restaurants in moscow']) {
    expect(answerText(answerer, question).matched).toBe(false);
    clock.advance(3_600_000);
    await recorder.unanswered({ platform: 'slack', question });
  }
  await digest.close();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sinorussia report', () => {
  it('lists the unanswered question once with its count, the 👎 answer with its facts and reasons', async () => {
    const { code, out, err } = await report();
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/2 unanswered|1 unanswered question, asked 2 times/);
    expect(out).toMatch(/ {2}2× {2}best restaurants in moscow {2}\(first 2026-11-20, last 2026-11-20; slack\)/);
    expect(out).toContain(`2 👎 0 👍  "gas deal" (search, answer ${gasDeal.answerId})`);
    expect(out).toContain('reasons: other ×1; wrong figure ×1; "the price is missing"');
    expect(out).toContain(`facts: ${gasDeal.factIds.join(', ')}`);
    expect(out).toContain(gasDeal.factIds[0]);
    expect(out).toMatch(/energy +\d+ asked {3}newest source /);
    expect(out).not.toContain('U0ASKER');
  });

  it('--json gives the same report as data; --since leaves out what came before', async () => {
    const json = JSON.parse((await report('--json')).out) as FeedbackReport;
    expect(json.totals).toEqual({ votes: 3, up: 1, down: 2, digestVotes: 0, unansweredQuestions: 1, unansweredAskings: 2 });
    expect(json.facts.map((f) => f.factId)).toEqual(expect.arrayContaining(gasDeal.factIds));
    expect(json.topics[0].asked).toBeGreaterThan(0);
    const later = JSON.parse((await report('--json', '--since', '2026-11-21')).out) as FeedbackReport;
    expect(later).toMatchObject({ since: '2026-11-21', totals: { votes: 0, unansweredAskings: 0 }, unanswered: [], answers: [] });
  });

  it('refuses a bad date and an unknown option, with usage', async () => {
    expect(await report('--since', '2026-02-30')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--since needs a date as YYYY-MM-DD (got "2026-02-30")'),
    });
    expect(await report('--bogus')).toMatchObject({ code: 2, err: expect.stringContaining('usage: sinorussia report') });
  });
});

describe('buildReport', () => {
  it('merges a question asked on two platforms, ranks 👎 first and names facts gone from the base', () => {
    const knowledge = realKnowledge();
    const vote = { answerId: 'a1', kind: 'search', query: 'q', factIds: ['no-such-fact'], platform: 'slack', userHash: 'h', at: 0 };
    const result = buildReport({
      votes: [
        { ...vote, direction: 'up' },
        { ...vote, answerId: 'a2', direction: 'down', userHash: 'h2', reason: { code: 'outdated' } },
      ],
      unanswered: [
        { platform: 'slack', normalised: 'trade with india', example: 'Trade with India?', count: 2, firstSeen: 0, lastSeen: 10 },
        { platform: 'discord', normalised: 'trade with india', example: 'trade with india', count: 1, firstSeen: 5, lastSeen: 20 },
      ],
      knowledge,
      now: new Date(0),
    });
    expect(result.unanswered).toEqual([
      {
        question: 'trade with india',
        normalised: 'trade with india',
        count: 3,
        firstSeen: '1970-01-01',
        lastSeen: '1970-01-01',
        platforms: ['discord', 'slack'],
      },
    ]);
    expect(result.answers.map((a) => a.answerId)).toEqual(['a2']);
    expect(result.facts).toEqual([
      { factId: 'no-such-fact', topics: [], down: 1, up: 1, reasons: [{ reason: 'outdated', count: 1 }], comments: [] },
    ]);
    expect(result.topics[0]).toMatchObject({ topic: 'trade', asked: 3, newestSource: { id: expect.any(String) } });
  });
});
