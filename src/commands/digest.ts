import type { Answer } from '../answer/types.ts';
import { guideLine } from '../answer/guide.ts';
import type { Command } from './command.ts';

export const DIGEST_USAGE = 'digest subscribe [HH:MM] [Area/City] [topics…] | unsubscribe | status | preview';

/**
 * `digest …` needs a channel and a store, so surfaces with one call `Answerer.handle` with a
 * channel context (see src/digest/). Without one (the command line), this explains itself.
 */
export const digestCommand: Command = {
  name: 'digest',
  usage: 'digest subscribe [HH:MM] [Area/City] [topics…]',
  summary: 'a daily sourced post in this channel; also digest unsubscribe, status, preview',
  run(_ctx, parsed): Answer {
    return {
      kind: 'help',
      query: parsed.query,
      matched: true,
      title: 'The daily digest',
      lead: 'Subscribe a Slack or Discord channel to one sourced post a day, at its local time.',
      items: [
        guideLine('digest subscribe 09:00 Europe/Berlin trade energy', 'post every day at 09:00 Berlin time, on trade and energy (defaults: 09:00, UTC, all topics)'),
        guideLine('digest status', 'what is set, and when the next post is due'),
        guideLine('digest preview', "tomorrow's post, shown only to you"),
        guideLine('digest unsubscribe', 'stop the daily post'),
      ],
      sources: [],
      next: ['help'],
    };
  },
};
