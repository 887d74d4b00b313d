import { TOPIC_NAMES, TOPICS } from '../knowledge/topics.ts';
import type { CommandContext } from './command.ts';

export interface Suggestion {
  /** What to show: `trade: bilateral trade volumes…`, or a fact's claim. */
  label: string;
  /** What to send if it is picked: a topic name, or the claim as a question. */
  text: string;
}

/**
 * Suggestions for a half-typed question, for surfaces with autocomplete: topics whose name
 * starts with it, then the facts the search finds for it. In memory and fast.
 */
export function suggest(ctx: CommandContext, partial: string, limit: number): Suggestion[] {
  const typed = partial.trim().toLowerCase();
  const out: Suggestion[] = TOPIC_NAMES.filter((t) => t.startsWith(typed)).map((t) => ({ label: `${t}: ${TOPICS[t]}`, text: t }));
  if (typed.length >= 2 && out.length < limit) {
    for (const { fact } of ctx.engine.search(partial.slice(0, 200), { limit }).hits) out.push({ label: fact.claim, text: fact.claim });
  }
  const seen = new Set<string>();
  return out.filter((s) => s.text.trim() && !seen.has(s.text) && seen.add(s.text)).slice(0, limit);
}
