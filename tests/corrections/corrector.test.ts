/**
 * The corrector over the store in memory and posters that record what they are asked: each
 * change once, paced per channel, a gone channel skipped with one log line, a passing failure
 * retried later, and nothing that fails ever thrown into the reload that started the run.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.ts';
import { Corrector } from '../../src/corrections/corrector.ts';
import { shownFact } from '../../src/corrections/shown.ts';
import { memoryPostsStore, type PostsStore } from '../../src/corrections/store.ts';
import type { CorrectionPoster } from '../../src/corrections/types.ts';
import type { PostResult } from '../../src/digest/types.ts';
import type { Fact, Knowledge } from '../../src/knowledge/types.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock, realKnowledge } from '../digest/support.ts';

const real = realKnowledge();
const fact = real.facts[0];
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

/** The real base with the first fact's claim reworded. */
function withClaim(claim: string): Knowledge {
  const changed: Fact = { ...fact, claim };
  const facts = real.facts.map((f) => (f.id === fact.id ? changed : f));
  return { ...real, facts, factById: new Map(facts.map((f) => [f.id, f])) };
}

interface Sent {
  what: 'reply' | 'edit';
  channelId: string;
  at: number;
}

function fakePoster(
  clock: FakeClock,
  respond: (channelId: string, what: 'reply' | 'edit') => PostResult = () => ({ ok: true, messageId: 'r' }),
) {
  const sent: Sent[] = [];
  const poster: CorrectionPoster = {
    platform: 'slack',
    async reply(channelId) {
      const result = respond(channelId, 'reply');
      if (result.ok) sent.push({ what: 'reply', channelId, at: clock.now().getTime() });
      return result;
    },
    async edit(channelId) {
      const result = respond(channelId, 'edit');
      if (result.ok) sent.push({ what: 'edit', channelId, at: clock.now().getTime() });
      return result;
    },
  };
  return { poster, sent };
}

async function recorded(channels: string[]): Promise<PostsStore> {
  const store = memoryPostsStore();
  for (const [i, channelId] of channels.entries())
    await store.recordPost({ platform: 'slack', channelId, messageId: `m${i}`, postedAt: i, shown: [shownFact(fact)], answer });
  return store;
}

function corrector(store: PostsStore, poster: CorrectionPoster, clock: FakeClock, knowledge: () => Knowledge) {
  const logger = memoryLogger();
  const instance = new Corrector({
    store,
    posters: [poster],
    knowledge,
    logger,
    clock,
    sleep: clock.sleep,
    settings: { channelGapMs: 1000, postsPerSecond: Infinity, backoffMs: 60_000 },
  });
  return { instance, logger };
}

describe('the corrector', () => {
  it('sends nothing while the base says what the posts showed', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const { poster, sent } = fakePoster(clock);
    const { instance } = corrector(await recorded(['C1']), poster, clock, () => real);
    expect(await instance.run()).toMatchObject({ pending: 0, sent: 0 });
    expect(sent).toEqual([]);
  });

  it('corrects each post once per change, a reply then an edit, paced within a channel', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const { poster, sent } = fakePoster(clock);
    let base = withClaim('Reworded once.');
    const { instance } = corrector(await recorded(['C1', 'C1', 'C2']), poster, clock, () => base);
    expect(await instance.run()).toMatchObject({ pending: 3, sent: 3 });
    expect(sent.map((s) => `${s.what} ${s.channelId}`)).toEqual(['reply C1', 'edit C1', 'reply C1', 'edit C1', 'reply C2', 'edit C2']);
    const inC1 = sent.filter((s) => s.channelId === 'C1').map((s) => s.at);
    for (let i = 1; i < inC1.length; i++) expect(inC1[i] - inC1[i - 1]).toBeGreaterThanOrEqual(1000);
    expect(await instance.run()).toMatchObject({ pending: 0, sent: 0 });
    // A second change is a correction of its own.
    base = withClaim('Reworded twice.');
    expect(await instance.run()).toMatchObject({ pending: 3, sent: 3 });
    expect(sent.filter((s) => s.what === 'reply')).toHaveLength(6);
  });

  it('skips a channel that is gone with one log line, and still corrects the others', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const { poster, sent } = fakePoster(clock, (channelId) =>
      channelId === 'CGONE' ? { ok: false, kind: 'gone', error: 'channel_not_found' } : { ok: true, messageId: 'r' },
    );
    const store = await recorded(['CGONE', 'CGONE', 'C2']);
    const base = withClaim('Reworded.');
    const { instance, logger } = corrector(store, poster, clock, () => base);
    expect(await instance.run()).toMatchObject({ sent: 1, skipped: 2 });
    await instance.run();
    expect(logger.entries.filter((l) => l.msg === 'corrections: the channel is gone; its posts are not corrected')).toEqual([
      expect.objectContaining({ channel: 'CGONE', error: 'channel_not_found' }),
    ]);
    expect(sent.map((s) => s.channelId)).toEqual(['C2', 'C2']);
  });

  it('retries a passing failure after its backoff, and sends it once then', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    let failing = true;
    const { poster, sent } = fakePoster(clock, () =>
      failing ? { ok: false, kind: 'retry', error: 'HTTP 503' } : { ok: true, messageId: 'r' },
    );
    const base = withClaim('Reworded.');
    const { instance } = corrector(await recorded(['C1']), poster, clock, () => base);
    expect(await instance.run()).toMatchObject({ retried: 1 });
    failing = false;
    expect(await instance.run()).toMatchObject({ pending: 1, sent: 0, retried: 0 });
    clock.advance(60_000);
    expect(await instance.run()).toMatchObject({ sent: 1 });
    expect(sent.map((s) => s.what)).toEqual(['reply', 'edit']);
  });

  it('a reply that landed but an edit that failed counts as sent: the reply is never repeated', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const { poster, sent } = fakePoster(clock, (_c, what) =>
      what === 'edit' ? { ok: false, kind: 'retry', error: 'message_not_found' } : { ok: true, messageId: 'r' },
    );
    const base = withClaim('Reworded.');
    const { instance, logger } = corrector(await recorded(['C1']), poster, clock, () => base);
    expect(await instance.run()).toMatchObject({ sent: 1 });
    expect(await instance.run()).toMatchObject({ pending: 0 });
    expect(sent.map((s) => s.what)).toEqual(['reply']);
    expect(logger.entries.some((l) => l.msg === 'correction sent, but the original message could not be edited')).toBe(true);
  });

  it('never rejects: a poster that throws and a store that fails are logged', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const throwing: CorrectionPoster = {
      platform: 'slack',
      reply: async () => {
        throw new Error('socket hang up');
      },
      edit: async () => ({ ok: true }),
    };
    const base = withClaim('Reworded.');
    const { instance } = corrector(await recorded(['C1']), throwing, clock, () => base);
    expect(await instance.run()).toMatchObject({ retried: 1 });
    const broken = { ...memoryPostsStore(), posts: () => Promise.reject(new Error('connection lost')) };
    const { instance: second, logger } = corrector(broken, throwing, clock, () => base);
    await expect(second.run()).resolves.toMatchObject({ pending: 0 });
    expect(logger.entries.some((l) => l.msg === 'corrections: could not read the recorded posts')).toBe(true);
  });
});
