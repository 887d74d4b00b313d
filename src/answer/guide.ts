import type { Answer, AnswerItem, GuideItem } from './types.ts';
import { TOPIC_NAMES, TOPICS } from '../knowledge/topics.ts';
import type { Knowledge } from '../knowledge/types.ts';

/** A line of guidance (a command and what it does), not a fact: it cites nothing. */
export function guideLine(command: string, text: string): GuideItem {
  return { type: 'guide', text, command };
}

/** An answer of guidance only (help, usage, confirmations): it cites nothing. */
export function guideAnswer(fields: { query: string; title: string; lead?: string; items?: AnswerItem[]; next?: string[] }): Answer {
  return { kind: 'help', matched: true, sources: [], items: [], next: [], ...fields };
}

/** One line per topic with what it covers and how many facts it has. */
export function topicLines(knowledge: Knowledge): GuideItem[] {
  let lines = topicLinesOf.get(knowledge);
  if (!lines) {
    const counts = new Map<string, number>();
    for (const fact of knowledge.facts) for (const t of fact.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
    lines = TOPIC_NAMES.map((t) => guideLine(t, `${TOPICS[t]} (${counts.get(t) ?? 0} facts)`));
    topicLinesOf.set(knowledge, lines);
  }
  return lines;
}

// Counting a large base's topics on every "no match" would cost more than the search.
const topicLinesOf = new WeakMap<Knowledge, GuideItem[]>();
