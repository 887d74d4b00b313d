import { guideAnswer, guideLine } from '../../answer/guide.ts';
import type { AnswerItem, CommandRef } from '../../answer/types.ts';
import { channelCalled, digestReply } from '../../digest/commands.ts';
import type { ChannelContext } from '../../digest/types.ts';
import type { Reply } from '../command.ts';
import type { Request } from '../request.ts';
import { DIGEST_LINES } from './lines.ts';

/** The digest's commands, one line each, from their own declarations. */
export function digestGuide(): AnswerItem[] {
  return DIGEST_LINES.map((c) => guideLine({ command: c.name, usage: true }, c.summary));
}

/** Where there is no channel or no store (the command line, the console), the digest explains itself. */
export function digestIntro(request: Request): Reply {
  return guideAnswer({
    query: request.query,
    title: 'The daily digest',
    lead: 'Subscribe a Slack or Discord channel to one sourced post a day, at its local time.',
    items: digestGuide(),
    next: [{ command: 'help' }],
  });
}

export function refused(what: string, where: ChannelContext): Reply {
  const next: CommandRef[] = [{ command: 'digest status' }, { command: 'digest preview' }];
  return digestReply(
    'Not allowed',
    `Only members who can manage ${channelCalled(where, 'this channel')} may ${what} its daily digest. Ask one of them, or use digest status and digest preview.`,
    [],
    next,
  );
}

/** A value that could not be read: what was wrong and what is accepted. */
export function notUnderstood(message: string): Reply {
  return digestReply('Digest: not understood', message, digestGuide());
}
