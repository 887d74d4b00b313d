/**
 * `sinorussia check --stale`: for each topic, the newest source any standing fact of it comes
 * from, oldest first, so curators see which topics have gone longest without a new article.
 */
import { TOPIC_NAMES, type Topic } from './topics.ts';
import type { Knowledge, Source } from './types.ts';

export interface TopicFreshness {
  topic: Topic;
  /** The newest source with a fact on the topic; undefined when the topic has no facts. */
  newest?: Source;
  facts: number;
}

export function topicFreshness(knowledge: Knowledge): TopicFreshness[] {
  const rows = new Map<Topic, TopicFreshness>(TOPIC_NAMES.map((topic) => [topic, { topic, facts: 0 }]));
  for (const fact of knowledge.facts) {
    const source = knowledge.sources.get(fact.sourceId);
    for (const topic of fact.topics) {
      const row = rows.get(topic) as TopicFreshness;
      row.facts++;
      if (source && (!row.newest || source.published.end > row.newest.published.end)) row.newest = source;
    }
  }
  // Topics with no facts first, then the longest without a new source.
  return [...rows.values()].sort(
    (a, b) => (a.newest?.published.end ?? '').localeCompare(b.newest?.published.end ?? '') || a.topic.localeCompare(b.topic),
  );
}

export function formatFreshness(rows: TopicFreshness[]): string {
  const width = Math.max(...rows.map((r) => r.topic.length));
  return rows
    .map((r) => {
      const name = r.topic.padEnd(width);
      if (!r.newest) return `${name}  no facts`;
      const date = `${r.newest.published.label}${r.newest.approximate ? ' (approx.)' : ''}`;
      return `${name}  ${date.padEnd(18)} ${r.newest.id} (${r.facts} fact${r.facts === 1 ? '' : 's'})`;
    })
    .join('\n');
}
