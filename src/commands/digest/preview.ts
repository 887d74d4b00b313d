import { defineCommand } from '../command.ts';
import { digestIntro } from './replies.ts';

/** `digest preview`: tomorrow's post, shown only to the asker. Anyone may ask. */
export const previewCommand = defineCommand({
  name: 'digest preview',
  summary: "tomorrow's post, shown only to you",
  description: "Tomorrow's digest, shown only to you",
  audience: 'asker',
  // Help lists the digest once (`digest subscribe …`); its own guide lists each of these.
  listed: false,
  run(ctx, request, where) {
    if (!where || !ctx.digest) return digestIntro(request);
    return ctx.digest.preview(where);
  },
});
