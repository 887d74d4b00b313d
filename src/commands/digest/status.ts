import { defineCommand } from '../command.ts';
import { digestIntro } from './replies.ts';

/** `digest status`: what is set here, and when the next post is due. Anyone may ask. */
export const statusCommand = defineCommand({
  name: 'digest status',
  summary: 'what is set, and when the next post is due',
  description: 'What is set here, and when the next digest is due',
  audience: 'asker',
  // Help lists the digest once (`digest subscribe …`); its own guide lists each of these.
  listed: false,
  run(ctx, request, where) {
    if (!where || !ctx.digest) return digestIntro(request);
    return ctx.digest.status(where);
  },
});
