import { defineCommand } from './command.ts';

/** `topics`: the fixed topic list with what each covers. */
export const topicsCommand = defineCommand({
  name: 'topics',
  summary: 'the topics, with what each covers',
  description: 'The topics, with what each covers',
  audience: 'channel',
  cli: true,
  run({ lookups }, request) {
    return {
      kind: 'topics',
      query: request.query,
      matched: true,
      title: 'Topics',
      lead: 'Type a topic for its summary, or timeline <topic> for every fact in date order.',
      items: lookups.topicLines(),
      sources: [],
      next: [
        { command: 'topic', options: { topic: 'trade' } },
        { command: 'timeline', options: { topic: 'energy' } },
      ],
    };
  },
});
