/** A vote's channel in the feedback store, on every backend: kept for digest posts, absent for answers, added to older databases. */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { digestTarget } from '../../src/feedback/target.ts';
import { DIRECT_CHANNEL, type FeedbackStore, type Vote } from '../../src/feedback/types.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { createSqlFeedbackStore } from '../../stores/sql/feedback-store.ts';
import { migrateToLatest } from '../../stores/sql/migrations.ts';
import { type Backend, STORE_BACKENDS } from '../digest/support.ts';

const vote = (fields: Partial<Vote> = {}): Vote => ({
  ...digestTarget({ platform: 'slack', channelId: 'C0DIGEST', localDate: '2026-06-10', direct: false }, ['f1', 'f2']),
  direction: 'down',
  platform: 'slack',
  userHash: 'h1',
  at: 1_000,
  ...fields,
});

describe.each(STORE_BACKENDS)('a vote’s channel on %s', (_name, makeBackend) => {
  let backend: Backend;
  let digest: KyselyDigestStore;
  let store: FeedbackStore;
  beforeAll(async () => {
    backend = makeBackend();
    digest = await backend.open();
    store = createSqlFeedbackStore(digest.db);
  }, 60_000);
  beforeEach(async () => {
    await digest.db.deleteFrom('feedback_votes' as never).execute();
  });
  afterAll(async () => backend.cleanup());

  it('keeps a digest post’s channel, and none for an answer', async () => {
    const answer: Vote = {
      answerId: 'a1',
      kind: 'search',
      query: 'gas deal',
      factIds: ['f3'],
      direction: 'up',
      platform: 'slack',
      userHash: 'h2',
      at: 2_000,
    };
    await store.saveVote(vote());
    await store.saveVote(answer);
    expect(await store.votes()).toEqual([vote(), answer]);
  });

  it('the same post is one answer id per channel and day; a direct message is kept as such', () => {
    const other = digestTarget({ platform: 'slack', channelId: 'C0OTHER', localDate: '2026-06-10', direct: false }, ['f1', 'f2']);
    const direct = digestTarget({ platform: 'discord', channelId: '900000000000000400', localDate: '2026-06-10', direct: true }, ['f1']);
    expect(other.answerId).not.toBe(vote().answerId);
    expect(direct.channel).toBe(DIRECT_CHANNEL);
  });

  it('a database migrated before votes had a channel keeps its votes and gains the column', async () => {
    await store.saveVote(vote({ channel: undefined, answerId: 'old', at: 500 }));
    await sql`alter table feedback_votes drop column channel_id`.execute(digest.db);
    await sql`delete from kysely_migration where name = '2026-12-11-feedback-channel'`.execute(digest.db);
    await migrateToLatest(digest.db);
    await store.saveVote(vote());
    expect((await store.votes()).map((v) => [v.answerId, v.channel])).toEqual([
      ['old', undefined],
      [vote().answerId, 'C0DIGEST'],
    ]);
  });
});
