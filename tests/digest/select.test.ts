/** Choosing a digest: rotation without repeats, new facts first, on this day, sources. */
import { describe, expect, it } from 'vitest';
import { Composer } from '../../src/answer/compose.ts';
import { type DigestInput, selectDigest, shownInCycle } from '../../src/digest/select.ts';
import type { SentDigest } from '../../src/digest/store.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Topic } from '../../src/knowledge/topics.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';
import { cited } from '../helpers/items.ts';
import { realKnowledge } from './support.ts';

const tradeFacts = Array.from({ length: 7 }, (_, i) => fact(`t${i}`, { about: `"${2010 + i}"` }));
const energyFacts = Array.from({ length: 4 }, (_, i) => fact(`e${i}`, { topics: '[energy]', about: `"${2010 + i}"` }));
const { dir } = writeFixture({
  facts: {
    'alpha.yaml': factsFile('alpha', ...tradeFacts, ...energyFacts),
    'beta.yaml': factsFile('beta', fact('anniversary', { topics: '[diplomacy]', about: '"2021-06-17"' })),
  },
});
const knowledge = loadKnowledge(dir);
const composer = new Composer(knowledge);

const input = (fields: Partial<DigestInput>): DigestInput => ({
  knowledge,
  composer,
  topics: ['trade', 'energy'],
  localDate: '2026-05-04',
  history: [],
  firstSeen: new Map(),
  ...fields,
});

/** Runs `days` digests in a row, each seeing the history before it. */
function run(days: number, topics: Topic[], start = '2026-05-04'): SentDigest[] {
  const history: SentDigest[] = [];
  for (let d = 0; d < days; d++) {
    const localDate = new Date(Date.parse(start) + d * 86_400_000).toISOString().slice(0, 10);
    const { factIds } = selectDigest(input({ topics, localDate, history: [...history] }));
    history.push({ localDate, sentAt: Date.parse(localDate) + 9 * 3_600_000, factIds });
  }
  return history;
}

describe('selecting a digest', () => {
  it('titles it with the date and rotates the topic of the day over the channel’s topics', () => {
    const topicsOf = ['2026-05-04', '2026-05-05', '2026-05-06'].map((localDate) => selectDigest(input({ localDate })).topic);
    // Two topics alternate day by day.
    expect(new Set(topicsOf)).toEqual(new Set(['trade', 'energy']));
    expect([topicsOf[0] !== topicsOf[1], topicsOf[0] === topicsOf[2]]).toEqual([true, true]);
    const { answer } = selectDigest(input({ localDate: '2026-05-04' }));
    expect(answer.title).toMatch(/^Daily digest, 4 May 2026: (Trade|Energy)$/);
    expect(selectDigest(input({ localDate: '2026-05-04' }))).toEqual(selectDigest(input({ localDate: '2026-05-04' })));
  });

  it('shows 3 to 5 facts, of the topic of the day first', () => {
    const { answer, topic, factIds } = selectDigest(input({}));
    expect(answer.items.length).toBeGreaterThanOrEqual(3);
    expect(answer.items.length).toBeLessThanOrEqual(5);
    expect(knowledge.factById.get(factIds[0])?.topics).toContain(topic);
  });

  it('repeats no fact in a channel until every fact of its topics has been shown, then starts again', () => {
    const pool = [...knowledge.facts.filter((f) => f.topics.some((t) => t === 'trade' || t === 'energy'))].map((f) => f.id);
    const history = run(12, ['trade', 'energy']);
    const shown = history.flatMap((h) => h.factIds);
    // The first cycle: every pool fact exactly once before any repeats.
    expect(new Set(shown.slice(0, pool.length))).toEqual(new Set(pool));
    // And the next cycles likewise.
    expect(new Set(shown.slice(pool.length, 2 * pool.length))).toEqual(new Set(pool));
    for (const h of history) expect(h.factIds.length).toBeGreaterThanOrEqual(3);
  });

  it('puts facts new since the channel’s last digest first, marked new', () => {
    const history = run(1, ['trade']);
    const lastSent = history[0].sentAt;
    const firstSeen = new Map([...knowledge.facts.map((f) => [f.id, 0] as [string, number]), ['t6', lastSent + 1], ['t5', lastSent + 1]]);
    const { answer, newFactIds, factIds } = selectDigest(input({ topics: ['trade'], localDate: '2026-05-05', history, firstSeen }));
    const unshownNew = ['t5', 't6'].filter((id) => !history[0].factIds.includes(id));
    expect(newFactIds.sort()).toEqual(unshownNew.sort());
    expect(factIds.slice(0, unshownNew.length).sort()).toEqual(unshownNew.sort());
    const items = cited(answer.items);
    expect(items.slice(0, unshownNew.length).map((i) => i.mark)).toEqual(unshownNew.map(() => 'new'));
    expect(items[unshownNew.length]?.date ?? '').not.toMatch(/^new/);
    expect(answer.lead).toContain(`${unshownNew.length} new since the last digest`);
    // A channel's first digest has nothing "new": everything is.
    expect(selectDigest(input({ topics: ['trade'], firstSeen })).newFactIds).toEqual([]);
  });

  it('adds an "on this day" fact when one is dated this month and day', () => {
    const on = selectDigest(input({ localDate: '2026-06-17' }));
    expect(on.onThisDayFactId).toBe('anniversary');
    expect(on.answer.items.at(-1)).toMatchObject({ mark: 'on this day', date: '17 Jun 2021' });
    expect(on.answer.items.length).toBeLessThanOrEqual(5);
    expect(selectDigest(input({ localDate: '2026-06-18' })).onThisDayFactId).toBeUndefined();
  });

  it('cites every source its items use, numbered as the composer numbers them (real base)', () => {
    const { answer } = selectDigest({
      knowledge: realKnowledge(),
      composer: new Composer(realKnowledge()),
      topics: [],
      localDate: '2026-05-04',
      history: [],
      firstSeen: new Map(),
    });
    const citations = new Set(cited(answer.items).flatMap((i) => i.citations));
    expect([...citations].sort()).toEqual(answer.sources.map((s) => s.citation).sort());
    for (const item of cited(answer.items)) for (const e of item.evidence) expect(answer.sources[e.citation - 1].id).toBe(e.sourceId);
  });

  it('replays a cycle fact by fact, starting afresh when the pool is complete', () => {
    const pool = new Set(['a', 'b', 'c']);
    expect([...shownInCycle(pool, [{ localDate: 'd1', sentAt: 1, factIds: ['a', 'x'] }])]).toEqual(['a']);
    expect([
      ...shownInCycle(pool, [
        { localDate: 'd1', sentAt: 1, factIds: ['a', 'b'] },
        { localDate: 'd2', sentAt: 2, factIds: ['c', 'a'] },
      ]),
    ]).toEqual(['a']);
  });
});
