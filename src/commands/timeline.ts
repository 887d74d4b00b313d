import { defineCommand } from './command.ts';
import { topicFacts } from './topic.ts';

/** `timeline [topic]`: every fact (of a topic), oldest first. Renderers cut long ones. */
export const timelineCommand = defineCommand({
  name: 'timeline',
  summary: 'every fact, or every fact of one topic, oldest first',
  options: [{ name: 'topic', placeholder: '[topic]', description: 'Only this topic' }],
  audience: 'channel',
  cli: true,
  run(ctx, request) {
    const { topic } = request.options;
    if (request.problem) {
      return {
        kind: 'no-match',
        query: request.query,
        matched: false,
        title: 'No such topic',
        lead: 'A timeline takes one of these topics, or none for every fact.',
        items: ctx.lookups.topicLines(),
        sources: [],
        next: [{ command: 'timeline', options: { topic: 'trade' } }, { command: 'topics' }],
      };
    }
    const facts = (topic ? topicFacts(ctx, topic) : ctx.knowledge.facts).slice();
    facts.sort((a, b) => a.about.start.localeCompare(b.about.start) || a.about.end.localeCompare(b.about.end));
    const { items, sources } = ctx.composer.compose(facts);
    return {
      kind: 'timeline',
      query: request.query,
      matched: true,
      title: topic ? `Timeline: ${topic}` : 'Timeline: all topics',
      lead: `${items.length} items, oldest first.`,
      items,
      sources,
      next: topic ? [{ command: 'topic', options: { topic } }, { command: 'topics' }] : [{ command: 'topics' }],
    };
  },
});
