import type { Answer } from '../answer/types.ts';
import { topicLines } from '../answer/guide.ts';
import type { Command } from './command.ts';
import { matchTopic } from './topic-match.ts';
import { topicFacts } from './topic.ts';

/** `timeline [topic]`: every fact (of a topic), oldest first. Renderers cut long ones. */
export const timelineCommand: Command = {
  name: 'timeline',
  usage: 'timeline [topic]',
  summary: 'every fact, or every fact of one topic, oldest first',
  run(ctx, parsed): Answer {
    const word = parsed.args.trim();
    const topic = word ? matchTopic(word) : undefined;
    if (word && !topic) {
      return {
        kind: 'no-match',
        query: parsed.query,
        matched: false,
        title: 'No such topic',
        lead: 'A timeline takes one of these topics, or none for every fact.',
        items: topicLines(ctx.knowledge),
        sources: [],
        next: ['timeline trade', 'topics'],
      };
    }
    const facts = (topic ? topicFacts(ctx, topic) : ctx.knowledge.facts).slice();
    facts.sort((a, b) => a.about.start.localeCompare(b.about.start) || a.about.end.localeCompare(b.about.end));
    const { items, sources } = ctx.composer.compose(facts);
    return {
      kind: 'timeline',
      query: parsed.query,
      matched: true,
      title: topic ? `Timeline: ${topic}` : 'Timeline: all topics',
      lead: `${items.length} items, oldest first.`,
      items,
      sources,
      next: topic ? [topic, 'topics'] : ['topics'],
    };
  },
};
