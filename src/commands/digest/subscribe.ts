import { defineCommand } from '../command.ts';
import { SUBSCRIBE_LINE } from './lines.ts';
import { digestIntro, notUnderstood, refused } from './replies.ts';

/** `digest subscribe [HH:MM] [Area/City] [topics…]`: one post a day in this channel. */
export const subscribeCommand = defineCommand({
  ...SUBSCRIBE_LINE,
  aliases: ['sub'],
  description: 'Post a digest here every day (needs Manage Channels)',
  options: [
    { name: 'time', placeholder: '[HH:MM]', description: 'Local time, HH:MM (default 09:00)' },
    { name: 'zone', placeholder: '[Area/City]', description: 'Time zone, Area/City such as Europe/Berlin (default UTC)' },
    { name: 'topics', placeholder: '[topics…]', description: 'Topics, separated by spaces (default: all)' },
  ],
  audience: 'asker',
  // Help lists the digest once (`digest subscribe …`); its own guide lists each of these.
  listed: false,
  run(ctx, request, where) {
    if (!where || !ctx.digest) return digestIntro(request);
    if (!where.canManage) return refused('change', where);
    if (request.problem) return notUnderstood(request.problem.message);
    return ctx.digest.subscribe(request.options, where);
  },
});
