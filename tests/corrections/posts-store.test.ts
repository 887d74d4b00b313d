/**
 * The posts store on every backend (SQLite, PGlite, and PostgreSQL when TEST_DATABASE_URL is
 * set) and in memory: the same answers. Claims are exclusive between two connections.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.ts';
import type { ShownFact } from '../../src/corrections/shown.ts';
import { memoryPostsStore, type PostsStore, type RecordedPost } from '../../src/corrections/store.ts';
import { createSqlPostsStore } from '../../stores/sql/posts-store.ts';
import { type Backend, MULTI_INSTANCE_BACKENDS, STORE_BACKENDS } from '../digest/support.ts';

const shown: ShownFact = { factId: 'f1', claim: 'A claim.', date: '2025', quote: 'a quote', sourceId: 's1', fingerprint: 'abc' };
const answer: Answer = {
  kind: 'topic',
  query: '',
  matched: true,
  title: 'Daily digest',
  items: [],
  sources: [],
  next: [],
  show: { audience: 'channel', shareable: false, cacheable: false },
};
const post = (messageId: string, postedAt: number, extra: Partial<RecordedPost> = {}): RecordedPost => ({
  platform: 'slack',
  channelId: 'C1',
  messageId,
  postedAt,
  shown: [shown],
  answer,
  ...extra,
});
const key = (messageId: string, changeKey = 'f1:abc->def') => ({ platform: 'slack', channelId: 'C1', messageId, changeKey });

type Opened = { store: PostsStore; second?: PostsStore };
const backends: [string, () => Promise<Opened & { cleanup(): Promise<void> }>][] = [
  ['memory', async () => ({ store: memoryPostsStore(), cleanup: async () => undefined })],
  ...STORE_BACKENDS.map(([name, make]): [string, () => Promise<Opened & { cleanup(): Promise<void> }>] => [
    name,
    async () => {
      const backend: Backend = make();
      const store = createSqlPostsStore((await backend.open()).db);
      return { store, cleanup: () => backend.cleanup() };
    },
  ]),
];

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe.each(backends)('posts store on %s', (_name, open) => {
  const opened = async () => {
    const o = await open();
    cleanup = o.cleanup;
    return o.store;
  };

  it('records a post once, keeps what it showed, and lists posts oldest first', async () => {
    const store = await opened();
    await store.recordPost(post('2', 2000, { threadId: 'T1', sharedBy: 'U1' }));
    await store.recordPost(post('1', 1000));
    await store.recordPost(post('1', 5000, { shown: [] }));
    const posts = await store.posts();
    expect(posts.map((p) => [p.messageId, p.postedAt, p.threadId])).toEqual([
      ['1', 1000, undefined],
      ['2', 2000, 'T1'],
    ]);
    expect(posts[0].shown).toEqual([shown]);
    expect(posts[0].answer).toEqual(answer);
    expect([posts[0].sharedBy, posts[1].sharedBy]).toEqual([undefined, 'U1']);
  });

  it('a correction is claimed once, settled only by its claimant, and then listed as sent', async () => {
    const store = await opened();
    await store.recordPost(post('1', 1000));
    const claim = await store.claimCorrection(key('1'), 10_000, 1000, 3);
    expect(claim).toMatchObject({ attempts: 1, leaseUntil: 11_000 });
    expect(await store.claimCorrection(key('1'), 10_500, 1000, 3)).toBeUndefined();
    // Its holder died: after the lease another takes it over, and the first may no longer settle it.
    const taken = await store.claimCorrection(key('1'), 11_000, 1000, 3);
    expect(taken).toMatchObject({ attempts: 2 });
    expect(await store.markSent(claim!, { sentAt: 11_100 })).toBe(false);
    expect(await store.sentChanges(key('1'))).toEqual(new Set());
    expect(await store.markSent(taken!, { replyId: 'r1', sentAt: 11_200 })).toBe(true);
    expect(await store.sentChanges(key('1'))).toEqual(new Set(['f1:abc->def']));
    expect(await store.claimCorrection(key('1'), 99_000, 1000, 3)).toBeUndefined();
    // Another change of the same post is its own correction.
    expect(await store.claimCorrection(key('1', 'f1:abc->withdrawn'), 99_000, 1000, 3)).toMatchObject({ attempts: 1 });
  });

  it('a failed correction is tried again from its retry time, up to the attempts allowed; without one, never', async () => {
    const store = await opened();
    const first = await store.claimCorrection(key('1'), 0, 1000, 2);
    expect(await store.markFailed(first!, { error: 'ratelimited', nextAttemptAt: 5000, now: 10 })).toBe(true);
    expect(await store.claimCorrection(key('1'), 4999, 1000, 2)).toBeUndefined();
    const second = await store.claimCorrection(key('1'), 5000, 1000, 2);
    expect(second).toMatchObject({ attempts: 2 });
    expect(await store.markFailed(second!, { error: 'ratelimited', nextAttemptAt: 6000, now: 5010 })).toBe(true);
    expect(await store.claimCorrection(key('1'), 7000, 1000, 2)).toBeUndefined();
    const gone = await store.claimCorrection(key('2'), 0, 1000, 5);
    await store.markFailed(gone!, { error: 'channel_not_found', now: 0 });
    expect(await store.claimCorrection(key('2'), 10 ** 12, 1000, 5)).toBeUndefined();
  });

  it('deletes posts older than the cut-off with their corrections, and no others', async () => {
    const store = await opened();
    await store.recordPost(post('old', 1000));
    await store.recordPost(post('new', 9000));
    for (const id of ['old', 'new']) {
      const claim = await store.claimCorrection(key(id), 1, 10, 3);
      await store.markSent(claim!, { sentAt: 2 });
    }
    expect(await store.deleteOlderThan(5000)).toBe(1);
    expect((await store.posts()).map((p) => p.messageId)).toEqual(['new']);
    expect(await store.sentChanges(key('old'))).toEqual(new Set());
    expect(await store.sentChanges(key('new'))).toEqual(new Set(['f1:abc->def']));
    // A post recorded again after its record was deleted starts afresh.
    expect(await store.claimCorrection(key('old'), 10_000, 10, 3)).toMatchObject({ attempts: 1 });
  });
});

describe.each(MULTI_INSTANCE_BACKENDS)('two connections on %s', (_name, make) => {
  it('claim each correction exactly once between them', async () => {
    const backend = make();
    cleanup = () => backend.cleanup();
    const [a, b] = [createSqlPostsStore((await backend.open()).db), createSqlPostsStore((await backend.open()).db)];
    const keys = Array.from({ length: 20 }, (_, i) => key(`m${i}`));
    const claims = await Promise.all(keys.flatMap((k) => [a.claimCorrection(k, 1000, 60_000, 3), b.claimCorrection(k, 1000, 60_000, 3)]));
    expect(claims.filter(Boolean)).toHaveLength(20);
    // After the leases end, again exactly one of them takes each over.
    const takeovers = await Promise.all(
      keys.flatMap((k) => [a.claimCorrection(k, 70_000, 60_000, 3), b.claimCorrection(k, 70_000, 60_000, 3)]),
    );
    expect(takeovers.filter(Boolean).map((c) => c!.attempts)).toEqual(Array(20).fill(2));
  });
});
