import type { Answer } from '../answer/types.ts';
import { guideAnswer, guideLine } from '../answer/guide.ts';
import type { Command } from './command.ts';

/** `help`: the vocabulary, built from the registered commands so it never goes stale. */
export function helpCommand(commands: () => Command[]): Command {
  return {
    name: 'help',
    aliases: ['?', 'h', 'commands'],
    usage: 'help',
    summary: 'what the bot can do',
    run(_ctx, parsed): Answer {
      return guideAnswer({
        query: parsed.query,
        title: 'sinorussia: sourced answers on China–Russia relations',
        lead: 'Ask a question or name a topic. Every answer cites the articles it comes from.',
        items: [
          guideLine('<topic>', 'a short summary of one topic, e.g. trade'),
          guideLine('<question>', 'the facts that answer a question, best first'),
          ...commands()
            .filter((c) => c.listed !== false)
            .map((c) => guideLine(c.usage, c.summary)),
        ],
        next: ['topics', 'trade', 'who called Putin his best friend?'],
      });
    },
  };
}
