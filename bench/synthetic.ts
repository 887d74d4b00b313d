import { TOPIC_NAMES } from '../src/knowledge/topics.ts';
import type { Fact, Knowledge } from '../src/knowledge/types.ts';

/**
 * A base of `n` facts shaped like the real one: each is a real fact with about half its
 * words swapped for words of a long made-up vocabulary (50,000 words). Real words keep the
 * frequencies they have in the real base ("trade" stays common, "Mishustin" stays rare), and
 * the vocabulary grows as a large base's would. Deterministic (seeded).
 */
export function synthetic(real: Knowledge, n: number): Knowledge {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const tail = Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}x`);
  const mutate = (text: string) =>
    text
      .split(' ')
      .map((w) => (rand() < 0.5 ? pick(tail) : w))
      .join(' ');
  const sourceIds = [...real.sources.keys()];
  const facts: Fact[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(real.facts);
    const year = 1990 + Math.floor(rand() * 35);
    facts.push({
      ...base,
      id: `synthetic-${i}`,
      claim: mutate(base.claim),
      quote: mutate(base.quote),
      topics: rand() < 0.5 ? base.topics : [pick(TOPIC_NAMES)],
      about: { raw: String(year), start: `${year}-01-01`, end: `${year}-12-31`, label: String(year) },
      sourceId: pick(sourceIds),
      // Figures of many distinct quantities (measure variants) in the fact's own year, so a
      // few facts state each quantity and merge or conflict, as in a real base.
      figure: base.figure && {
        ...base.figure,
        measure: `${base.figure.measure}-${i % 2000}`,
        period: { raw: String(year), start: `${year}-01-01`, end: `${year}-12-31`, label: String(year) },
      },
      corroborates: [],
      conflictsWith: [],
      key: rand() < 0.05,
    });
  }
  return { ...real, facts, factById: new Map(facts.map((f) => [f.id, f])) };
}
