import type { Answer, AnswerItem } from '../answer/types.ts';
import { guideAnswer, guideLine } from '../answer/guide.ts';
import type { Command } from './command.ts';

export const SUBSCRIBE_USAGE = 'digest subscribe [HH:MM] [Area/City] [topics…]';

/** The digest's commands, one line each: shown by this command and by the digest service. */
export const DIGEST_GUIDE: AnswerItem[] = [
  guideLine(SUBSCRIBE_USAGE, 'post every day at that local time (defaults: 09:00, UTC, all topics)'),
  guideLine('digest status', 'what is set, and when the next post is due'),
  guideLine('digest preview', "tomorrow's post, shown only to you"),
  guideLine('digest unsubscribe', 'stop the daily post'),
];

/**
 * `digest …` needs a channel and a store, so surfaces with one call `Answerer.handle` with a
 * channel context (see src/digest/). Without one (the command line), this explains itself.
 */
export const digestCommand: Command = {
  name: 'digest',
  usage: SUBSCRIBE_USAGE,
  summary: 'a daily sourced post in this channel; also digest unsubscribe, status, preview',
  run(_ctx, parsed): Answer {
    return guideAnswer({
      query: parsed.query,
      title: 'The daily digest',
      lead: 'Subscribe a Slack or Discord channel to one sourced post a day, at its local time.',
      items: DIGEST_GUIDE,
      next: ['help'],
    });
  },
};
