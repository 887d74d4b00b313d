import { TOPIC_NAMES, type Topic } from '../knowledge/topics.ts';
import { editDistance } from '../search/text.ts';

/**
 * The topic a word names, forgiving a plural and one typo in words of five letters or more
 * (`trdae`, `enrgy`, `sanction`), so a mistyped topic still gets its summary.
 */
export function matchTopic(word: string): Topic | undefined {
  const w = word.toLowerCase().trim();
  if (!w || w.includes(' ')) return undefined;
  const exact = TOPIC_NAMES.find((t) => t === w || `${t}s` === w || t === `${w}s`);
  if (exact) return exact;
  if (w.length < 5) return undefined;
  const close = TOPIC_NAMES.filter((t) => editDistance(w, t, 1) <= 1);
  return close.length === 1 ? close[0] : undefined;
}
