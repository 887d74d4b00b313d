import { guideAnswer, guideLine } from '../answer/guide.ts';
import { defineCommand } from './command.ts';

/** `help`: the vocabulary, built from the registered commands so it never goes stale. */
export const helpCommand = defineCommand({
  name: 'help',
  aliases: ['?', 'h', 'commands'],
  summary: 'what the bot can do',
  description: 'What the bot can do',
  audience: 'channel',
  cli: true,
  run({ commands }, request) {
    return guideAnswer({
      query: request.query,
      title: 'sinorussia: sourced answers on China–Russia relations',
      lead: 'Ask a question or name a topic. Every answer cites the articles it comes from.',
      items: [
        guideLine({ command: 'topic', usage: true }, 'a short summary of one topic, e.g. trade'),
        guideLine({ command: 'ask', usage: true }, 'the facts that answer a question, best first'),
        ...commands.filter((c) => c.listed !== false).map((c) => guideLine({ command: c.helpAs ?? c.name, usage: true }, c.summary)),
      ],
      next: [
        { command: 'topics' },
        { command: 'topic', options: { topic: 'trade' } },
        { command: 'ask', options: { question: 'who called Putin his best friend?' } },
      ],
    });
  },
});
