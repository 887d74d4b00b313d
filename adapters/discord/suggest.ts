/**
 * Autocomplete for `/sinorussia ask question:`: topics whose name starts with what was
 * typed, then facts the core's search finds for it. In-memory and synchronous, so it
 * answers well inside Discord's 3-second autocomplete window. Built only on core exports.
 */
import type { Answerer } from '../../src/commands/index.ts';
import { TOPIC_NAMES, TOPICS } from '../../src/knowledge/topics.ts';

export interface Suggestion {
  name: string;
  value: string;
}

/** Discord's limits for autocomplete: 25 choices, name and value 1–100 characters. */
const MAX_CHOICES = 25;
const CHOICE_MAX = 100;

const cut = (text: string) => (text.length <= CHOICE_MAX ? text : `${text.slice(0, CHOICE_MAX - 1)}…`);

export function suggest(answerer: Pick<Answerer, 'context'>, partial: string, limit = MAX_CHOICES): Suggestion[] {
  const typed = partial.trim().toLowerCase();
  const max = Math.min(limit, MAX_CHOICES);
  const choices: Suggestion[] = TOPIC_NAMES.filter((t) => t.startsWith(typed)).map((t) => ({ name: cut(`${t}: ${TOPICS[t]}`), value: t }));
  if (typed.length >= 2 && choices.length < max) {
    const { hits } = answerer.context.engine.search(partial.slice(0, 200), { limit: max });
    for (const { fact } of hits) choices.push({ name: cut(fact.claim), value: cut(fact.claim) });
  }
  const seen = new Set<string>();
  return choices.filter((c) => c.value.trim() && !seen.has(c.value) && seen.add(c.value)).slice(0, max);
}
