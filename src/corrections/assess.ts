/**
 * What a reader of a post should be told now: for each fact the post showed, whether the
 * base still says the same. Compared with what the post showed, not with the previous
 * reload, so a change made while the bot was down is still found, and found once.
 */
import type { Fact, Knowledge } from '../knowledge/types.ts';
import { type ShownFact, shownFact } from './shown.ts';

export type FactChange =
  /** The fact still stands but reads differently: `now` is what it says today. */
  | { kind: 'changed'; before: ShownFact; now: ShownFact }
  /** A later fact updates it: `now` is the newest fact of the chain that stands. */
  | { kind: 'superseded'; before: ShownFact; now: ShownFact }
  /** Retracted by a curator, with their reason; or gone from the base with no stand-in. */
  | { kind: 'withdrawn'; before: ShownFact; reason: string };

/** Follows `superseded_by` to the newest fact that stands (the loader refuses cycles). */
function newest(fact: Fact, knowledge: Knowledge): Fact {
  let current = fact;
  for (let step = 0; current.supersededBy && step < knowledge.facts.length; step++) {
    const next = knowledge.factById.get(current.supersededBy);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The change to tell about one shown fact, or undefined when a reader would see the same.
 * A fact renamed to another id, with the same words, is no change.
 */
export function assessShown(before: ShownFact, knowledge: Knowledge, byFingerprint: Map<string, Fact>): FactChange | undefined {
  const fact = knowledge.factById.get(before.factId);
  if (!fact) {
    const retracted = knowledge.retracted?.find((f) => f.id === before.factId);
    if (retracted) return { kind: 'withdrawn', before, reason: retracted.retracted?.reason ?? 'retracted' };
    if (byFingerprint.has(before.fingerprint)) return undefined;
    return { kind: 'withdrawn', before, reason: 'it is no longer in our knowledge base' };
  }
  if (fact.supersededBy) {
    const latest = newest(fact, knowledge);
    if (latest !== fact) return { kind: 'superseded', before, now: shownFact(latest) };
  }
  const now = shownFact(fact);
  return now.fingerprint === before.fingerprint ? undefined : { kind: 'changed', before, now };
}

/** Every change to tell the readers of one post, in the order the post showed its facts. */
export function assessPost(shown: ShownFact[], knowledge: Knowledge): FactChange[] {
  const byFingerprint = new Map(knowledge.facts.map((f) => [shownFact(f).fingerprint, f]));
  return shown.map((s) => assessShown(s, knowledge, byFingerprint)).filter((c): c is FactChange => c !== undefined);
}

/**
 * One key per change, so a post is corrected once for it however often the base reloads:
 * the fact, and what it reads as now (or that it was withdrawn).
 */
export function changeKey(change: FactChange): string {
  const now = change.kind === 'withdrawn' ? `withdrawn` : change.now.fingerprint;
  return `${change.before.factId}:${change.before.fingerprint}->${now}`;
}
