import type { Answer } from '../answer/types.ts';
import { topicLines } from '../answer/guide.ts';
import type { Command } from './command.ts';

/** `topics`: the fixed topic list with what each covers. */
export const topicsCommand: Command = {
  name: 'topics',
  usage: 'topics',
  summary: 'the topics, with what each covers',
  run({ knowledge }, parsed): Answer {
    return {
      kind: 'topics',
      query: parsed.query,
      matched: true,
      title: 'Topics',
      lead: 'Type a topic for its summary, or timeline <topic> for every fact in date order.',
      items: topicLines(knowledge),
      sources: [],
      next: ['trade', 'timeline energy'],
    };
  },
};
