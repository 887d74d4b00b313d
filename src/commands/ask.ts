import type { Answer, AnswerItem } from '../answer/types.ts';
import { topicLines } from '../answer/guide.ts';
import type { Command, CommandContext } from './command.ts';
import type { Knowledge, Fact } from '../knowledge/types.ts';
import type { Topic } from '../knowledge/topics.ts';
import { matchTopic } from './topic-match.ts';
import { SUMMARY_ITEMS, topicFacts } from './topic.ts';

/** A question after numbers: figures rank first, in date order, so the trend shows. */
const WANTS_FIGURES = /\b(figures?|numbers?|stat(istic)?s|data|how (much|many|big|large)|worth|value|volume|by year|billions?|percent(age)?|share)\b/i;

/** A topic's figures, oldest first: computed once per base, as a large base makes it costly. */
const figuresOf = new WeakMap<Knowledge, Map<Topic, Fact[]>>();
function topicFigures(ctx: CommandContext, topic: Topic): Fact[] {
  let byTopic = figuresOf.get(ctx.knowledge);
  if (!byTopic) figuresOf.set(ctx.knowledge, (byTopic = new Map()));
  let facts = byTopic.get(topic);
  if (!facts) {
    facts = topicFacts(ctx, topic)
      .filter((f) => f.figure)
      .sort((a, b) => a.about.start.localeCompare(b.about.start));
    byTopic.set(topic, facts);
  }
  return facts;
}

/** How many items a question's answer shows. */
export const ANSWER_ITEMS = 5;

/** `ask <question>`, and any text that is not another command: the facts that answer it. */
export const askCommand: Command = {
  name: 'ask',
  usage: 'ask <question>',
  summary: 'the facts that answer a question (the word ask is optional)',
  listed: false,
  run(ctx, parsed): Answer {
    const preferFigures = WANTS_FIGURES.test(parsed.args);
    // "trade figures by year": the topic's figures, oldest first, so the trend shows.
    const words = preferFigures ? ctx.engine.meaningfulWords(parsed.args) : [];
    const topic = words.length === 1 ? matchTopic(words[0]) : undefined;
    if (topic && topicFigures(ctx, topic).length > 0) {
      const { items, sources } = ctx.composer.composeTop(topicFigures(ctx, topic), SUMMARY_ITEMS);
      return { kind: 'search', query: parsed.query, matched: true, title: parsed.query, lead: `Figures on ${topic}, oldest first.`, items, sources, next: [topic, `timeline ${topic}`] };
    }
    const outcome = ctx.engine.search(parsed.args, { limit: ANSWER_ITEMS * 2, preferFigures });
    if (!outcome.matched) {
      const why =
        outcome.reason === 'too-broad'
          ? 'That is too broad to answer from single facts.'
          : 'Nothing in the knowledge base answers that.';
      return {
        kind: 'no-match',
        query: parsed.query,
        matched: false,
        title: 'No match',
        lead: `${why} Try a topic below, or ask about a figure, a deal, a person or an event.`,
        items: topicLines(ctx.knowledge),
        sources: [],
        next: ['topics', 'help'],
      };
    }
    const byFiguresThenDate = (a: AnswerItem, b: AnswerItem) =>
      Number(!a.figure) - Number(!b.figure) || (a.figure && b.figure ? (a.dateKey ?? '').localeCompare(b.dateKey ?? '') : 0);
    const { items, sources } = ctx.composer.composeTop(
      outcome.hits.map((h) => h.fact),
      ANSWER_ITEMS,
      preferFigures ? byFiguresThenDate : undefined,
    );
    const topTopic = outcome.hits[0].fact.topics[0];
    return {
      kind: 'search',
      query: parsed.query,
      matched: true,
      title: parsed.query,
      items,
      sources,
      next: [topTopic, `timeline ${topTopic}`],
    };
  },
};
