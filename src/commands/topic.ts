import { TOPICS, type Topic } from '../knowledge/topics.ts';
import type { Fact } from '../knowledge/types.ts';
import { type CommandContext, defineCommand, type Reply } from './command.ts';

/** How many items a topic summary shows: a short read, not a dump. */
export const SUMMARY_ITEMS = 8;

/** Headline facts, figures and corroborated facts make the best short read. */
function weight(fact: Fact, topic: Topic, corroborated: boolean): number {
  return (fact.key ? 4 : 0) + (fact.figure ? 3 : 0) + (corroborated ? 2 : 0) + (fact.topics[0] === topic ? 1 : 0);
}

export function topicFacts(ctx: CommandContext, topic: Topic): Fact[] {
  return ctx.knowledge.facts.filter((f) => f.topics.includes(topic));
}

export function topicSummary(ctx: CommandContext, topic: Topic, query: string): Reply {
  const facts = topicFacts(ctx, topic);
  const weights = new Map(facts.map((f) => [f.id, weight(f, topic, ctx.composer.isCorroborated(f))]));
  const ranked = [...facts].sort(
    (a, b) => (weights.get(b.id) as number) - (weights.get(a.id) as number) || a.about.start.localeCompare(b.about.start),
  );
  const total = ctx.composer.compose(ranked).items.length;
  // The best items, shown in date order so the trend shows.
  const { items, sources } = ctx.composer.composeTop(ranked, SUMMARY_ITEMS, (a, b) => (a.dateKey ?? '').localeCompare(b.dateKey ?? ''));
  const title = topic[0].toUpperCase() + topic.slice(1);
  return {
    kind: 'topic',
    query,
    matched: true,
    title: `${title}: ${TOPICS[topic]}`,
    lead: `The ${items.length} most telling of ${total} items on ${topic}, oldest first.`,
    items,
    sources,
    next: [{ command: 'timeline', options: { topic } }, { command: 'topics' }],
  };
}

/**
 * `<topic>`: not typed as a command word; the parser routes a bare topic name here, and
 * Discord offers one subcommand per topic.
 */
export const topicCommand = defineCommand({
  name: 'topic',
  usage: '<topic>',
  summary: 'a short summary of one topic',
  options: [{ name: 'topic', placeholder: '<topic>', description: 'The topic', required: true }],
  audience: 'channel',
  listed: false,
  run(ctx, request) {
    // Only the parser and Discord's per-topic subcommands make this request, always with a topic.
    return topicSummary(ctx, request.options.topic ?? 'trade', request.query);
  },
});
