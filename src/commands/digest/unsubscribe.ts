import { defineCommand } from '../command.ts';
import { UNSUBSCRIBE_LINE } from './lines.ts';
import { digestIntro, refused } from './replies.ts';

/** `digest unsubscribe`: stop this channel's daily post. */
export const unsubscribeCommand = defineCommand({
  ...UNSUBSCRIBE_LINE,
  aliases: ['unsub', 'stop'],
  description: 'Stop the daily digest here (needs Manage Channels)',
  audience: 'asker',
  // Help lists the digest once (`digest subscribe …`); its own guide lists each of these.
  listed: false,
  run(ctx, request, where) {
    if (!where || !ctx.digest) return digestIntro(request);
    if (!where.canManage) return refused('stop', where);
    return ctx.digest.unsubscribe(where);
  },
});
