/** The feedback store on every backend: SQLite, PGlite, and PostgreSQL when TEST_DATABASE_URL is set. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackStore, Vote } from '../../src/feedback/types.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { createSqlFeedbackStore } from '../../stores/sql/feedback-store.ts';
import { migrateToLatest } from '../../stores/sql/migrations.ts';
import { type Backend, STORE_BACKENDS } from '../digest/support.ts';

const vote = (fields: Partial<Vote> = {}): Vote => ({
  answerId: 'a1',
  kind: 'search',
  query: 'gas deal',
  factIds: ['f1', 'f2'],
  direction: 'up',
  platform: 'slack',
  userHash: 'h1',
  at: 1_000,
  ...fields,
});

describe.each(STORE_BACKENDS)('feedback store on %s', (_name, makeBackend) => {
  let backend: Backend;
  let digest: KyselyDigestStore;
  let store: FeedbackStore;
  beforeAll(async () => {
    backend = makeBackend();
    digest = await backend.open();
    store = createSqlFeedbackStore(digest.db);
  }, 60_000);
  beforeEach(async () => {
    for (const table of ['feedback_votes', 'unanswered_questions', 'feedback_answers'])
      await digest.db.deleteFrom(table as never).execute();
  });
  afterAll(async () => backend.cleanup());

  it('keeps a vote with its reason, query, kind and fact ids; migrating again changes nothing', async () => {
    await store.saveVote(vote({ direction: 'down', reason: { code: 'other', text: 'the 2023 figure is off' } }));
    await migrateToLatest(digest.db);
    expect(await store.votes()).toEqual([vote({ direction: 'down', reason: { code: 'other', text: 'the 2023 figure is off' } })]);
  });

  it('upgrades a database migrated before feedback existed: the new step sorts after every earlier one', async () => {
    const { sql } = await import('kysely');
    await sql`drop table feedback_votes`.execute(digest.db);
    await sql`drop table unanswered_questions`.execute(digest.db);
    await sql`drop table feedback_answers`.execute(digest.db);
    await sql`delete from kysely_migration where name in ('2026-12-09-feedback', '2026-12-10-feedback-shown', '2026-12-11-feedback-channel')`.execute(
      digest.db,
    );
    await migrateToLatest(digest.db);
    await store.saveVote(vote());
    expect(await store.votes()).toHaveLength(1);
    await store.saveShown({ answerId: 'a1', kind: 'search', query: 'gas deal', factIds: [] }, 1_000);
    expect(await store.shown('a1')).toBeDefined();
  });

  it('keeps what a shown answer was about under its id, the latest showing winning', async () => {
    const target = { answerId: 'a1', kind: 'search', query: 'how big is the gas deal', factIds: ['f2', 'f1'] };
    await store.saveShown(target, 1_000);
    await store.saveShown({ ...target, query: 'the same answer, read again' }, 2_000);
    expect(await store.shown('a1')).toEqual({ ...target, query: 'the same answer, read again' });
    expect(await store.shown('a2')).toBeUndefined();
  });

  it('replaces a second vote by the same user on the same answer, and keeps other users and answers apart', async () => {
    await store.saveVote(vote({ direction: 'down', reason: { code: 'outdated' } }));
    await store.saveVote(vote({ userHash: 'h2', at: 1_500 }));
    await store.saveVote(vote({ answerId: 'a2', at: 1_600 }));
    await store.saveVote(vote({ direction: 'up', at: 2_000 }));
    const votes = await store.votes();
    expect(votes.map((v) => `${v.answerId}/${v.userHash}/${v.direction}/${v.reason?.code ?? '-'}/${v.at}`)).toEqual([
      'a1/h2/up/-/1500',
      'a2/h1/up/-/1600',
      'a1/h1/up/-/2000',
    ]);
    expect((await store.votes(1_600)).map((v) => v.at)).toEqual([1_600, 2_000]);
  });

  it('counts unanswered questions per normalised form, keeps the latest wording and never moves last seen back', async () => {
    await store.recordUnanswered({
      platform: 'slack',
      normalised: 'best restaurants in moscow',
      example: 'Best restaurants in Moscow?',
      at: 1_000,
    });
    await store.recordUnanswered({
      platform: 'slack',
      normalised: 'best restaurants in moscow',
      example: 'best restaurants in moscow',
      at: 3_000,
    });
    await store.recordUnanswered({
      platform: 'slack',
      normalised: 'best restaurants in moscow',
      example: 'best restaurants in moscow!',
      at: 2_000,
    });
    await store.recordUnanswered({ platform: 'discord', normalised: 'weather in beijing', example: 'weather in Beijing', at: 2_500 });
    expect(await store.unanswered()).toEqual([
      {
        platform: 'slack',
        normalised: 'best restaurants in moscow',
        example: 'best restaurants in moscow!',
        count: 3,
        firstSeen: 1_000,
        lastSeen: 3_000,
      },
      { platform: 'discord', normalised: 'weather in beijing', example: 'weather in Beijing', count: 1, firstSeen: 2_500, lastSeen: 2_500 },
    ]);
    expect((await store.unanswered(2_600)).map((u) => u.normalised)).toEqual(['best restaurants in moscow']);
  });

  it('counts concurrent askings of one question, all of them', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.recordUnanswered({ platform: 'slack', normalised: 'q', example: 'Q?', at: 1_000 + i })),
    );
    expect((await store.unanswered())[0]).toMatchObject({ count: 10, firstSeen: expect.any(Number), lastSeen: 1_009 });
  });

  it('deletes votes, questions and shown answers older than the cutoff, and keeps the rest', async () => {
    await store.saveVote(vote({ at: 1_000 }));
    await store.saveVote(vote({ answerId: 'a2', at: 5_000 }));
    await store.recordUnanswered({ platform: 'slack', normalised: 'old', example: 'old', at: 1_000 });
    await store.recordUnanswered({ platform: 'slack', normalised: 'asked again', example: 'asked again', at: 1_000 });
    await store.recordUnanswered({ platform: 'slack', normalised: 'asked again', example: 'asked again', at: 6_000 });
    await store.saveShown({ answerId: 'a1', kind: 'search', query: 'old question', factIds: ['f1'] }, 1_000);
    await store.saveShown({ answerId: 'a2', kind: 'search', query: 'shown lately', factIds: ['f1'] }, 5_000);
    expect(await store.deleteBefore(4_000)).toBe(3);
    expect(await store.shown('a1')).toBeUndefined();
    expect(await store.shown('a2')).toMatchObject({ query: 'shown lately' });
    expect((await store.votes()).map((v) => v.answerId)).toEqual(['a2']);
    expect((await store.unanswered()).map((u) => u.normalised)).toEqual(['asked again']);
    expect(await store.deleteBefore(4_000)).toBe(0);
  });
});
