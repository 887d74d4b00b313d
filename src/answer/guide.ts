import { TOPIC_NAMES, TOPICS } from '../knowledge/topics.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { Answer, AnswerItem, CommandRef, GuideItem } from './types.ts';

/**
 * A line of guidance, not a fact: it cites nothing. `command` is the command it describes
 * (each surface writes it in its own syntax), or a plain label (`time`, `next post`).
 */
export function guideLine(command: CommandRef | string, text: string): GuideItem {
  return { type: 'guide', text, command };
}

/** An answer of guidance only (help, usage, confirmations): it cites nothing. */
export function guideAnswer(fields: {
  query: string;
  title: string;
  lead?: string;
  items?: AnswerItem[];
  next?: CommandRef[];
}): Omit<Answer, 'show'> {
  return { kind: 'help', matched: true, sources: [], items: [], next: [], ...fields };
}

/** One line per topic with what it covers and how many facts it has (the core keeps it per base). */
export function topicLines(knowledge: Knowledge): GuideItem[] {
  const counts = new Map<string, number>();
  for (const fact of knowledge.facts) for (const t of fact.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  return TOPIC_NAMES.map((t) => guideLine({ command: 'topic', options: { topic: t } }, `${TOPICS[t]} (${counts.get(t) ?? 0} facts)`));
}
