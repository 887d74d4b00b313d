import { digestReply } from '../../digest/commands.ts';
import { defineCommand } from '../command.ts';
import { digestGuide, digestIntro } from './replies.ts';

/** `digest` alone, or with a word that is not one of its commands: what the digest's commands are. */
export const digestCommand = defineCommand({
  name: 'digest',
  summary: 'a daily sourced post in this channel; also digest unsubscribe, status, preview',
  description: 'A daily sourced post in this channel',
  audience: 'asker',
  helpAs: 'digest subscribe',
  run(ctx, request, where) {
    if (!where || !ctx.digest) return digestIntro(request);
    const word = request.problem?.value;
    const lead = word
      ? `"${word.slice(0, 40)}" is not a digest command. Use one of these:`
      : 'One sourced post a day in this channel, at its local time.';
    return digestReply('The daily digest', lead, digestGuide(), [{ command: 'help' }]);
  },
});
