/**
 * A reload builds the new base's search index in slices between answers: the engine built so
 * is the engine built at once, and answers asked while a large base is being indexed are
 * answered, from the base they were asked of, before the swap.
 */
import { expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { createCore } from '../../src/core.ts';
import { KnowledgeHolder } from '../../src/knowledge/live.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Knowledge } from '../../src/knowledge/types.ts';
import { SearchEngine } from '../../src/search/engine.ts';
import { loadEnglishFrequencies } from '../../src/search/english.ts';

const real = loadKnowledge(KNOWLEDGE_DIR);
const english = loadEnglishFrequencies();

/** The real base and `copies` more of its facts, each claim marked "(copy N)": large enough to take many slices. */
function larger(copies: number): Knowledge {
  const extra = Array.from({ length: copies }, (_, i) => {
    const fact = real.facts[i % real.facts.length];
    return {
      ...fact,
      id: `${fact.id}-copy-${i}`,
      claim: `${fact.claim.replace(/\.$/, '')} (copy ${i}).`,
      supersededBy: undefined,
      corroborates: [],
      conflictsWith: [],
    };
  });
  const facts = [...real.facts, ...extra];
  return { ...real, facts, factById: new Map(facts.map((f) => [f.id, f])) };
}

const QUESTIONS = [
  'trade',
  'who called Putin his best friend?',
  'how big is the gas deal',
  'arms import share',
  'Xi Jinping',
  'Power of Siberia',
  'militray exercises',
  'sanctions on banks',
  'weather in Paris',
  'LNG 2023',
];
const results = (engine: SearchEngine) =>
  QUESTIONS.map((q) => engine.search(q, { limit: 10 })).map((o) => ({ ...o, hits: o.hits.map((h) => [h.fact.id, h.score]) }));

it('an engine built in slices searches exactly as one built at once, on the real base and a large one', async () => {
  for (const knowledge of [real, larger(2500)]) {
    const atOnce = new SearchEngine(knowledge, english);
    // A slice of 0 ms pauses after every step: the most interleaved build there is.
    const sliced = await SearchEngine.build(knowledge, english, { sliceMs: 0 });
    expect(results(sliced)).toEqual(results(atOnce));
  }
});

it('answers asked while a large base is indexed are answered from the current base before the swap', async () => {
  const holder = new KnowledgeHolder(real, (k, prebuilt) => createCore(k, {}, prebuilt));
  const answerer = holder.answerer();
  const events: string[] = [];
  const swapping = holder.swap(larger(3000)).then(() => events.push('swapped'));
  // One question per turn of the event loop until the swap: a blocked loop answers none.
  while (!events.includes('swapped')) {
    await new Promise((resolve) => setImmediate(resolve));
    if (events.includes('swapped')) break;
    const text = JSON.stringify(answerer.answerNow(answerer.parseText('trade')));
    events.push(text.includes('(copy ') ? 'answered from the new base' : `answered from version ${holder.snapshot.version}`);
  }
  await swapping;
  const before = events.slice(0, events.indexOf('swapped'));
  expect(before.length).toBeGreaterThan(3);
  expect(new Set(before)).toEqual(new Set(['answered from version 1']));
  expect(holder.snapshot.version).toBe(2);
  expect(JSON.stringify(answerer.answerNow(answerer.parseText('trade')))).toContain('(copy ');
});

it('swaps asked for one after another are swapped in in that order, each built whole', async () => {
  const holder = new KnowledgeHolder(real, (k, prebuilt) => createCore(k, {}, prebuilt));
  const big = larger(1000);
  const small = larger(10);
  // The large base takes far longer to index: without the queue the small one would swap in first and be replaced.
  const [first, second] = await Promise.all([holder.swap(big), holder.swap(small)]);
  expect(first.added).toHaveLength(1000);
  expect(second.removed).toHaveLength(990);
  expect(holder.snapshot.version).toBe(3);
  expect(holder.snapshot.knowledge).toBe(small);
  expect(
    holder.snapshot.answerer.context.engine.search('trade', { limit: 50 }).hits.every((h) => small.factById.get(h.fact.id) === h.fact),
  ).toBe(true);
});
