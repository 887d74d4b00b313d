/**
 * Every command, once. Help, the text parser, the command line's usage and the Discord
 * command are derived from this list. Add a command: write it in its own file (see
 * `defineCommand` in command.ts) and list it here.
 */
import type { Show } from '../answer/types.ts';
import { askCommand } from './ask.ts';
import type { Command } from './command.ts';
import { digestCommand } from './digest/guide.ts';
import { previewCommand } from './digest/preview.ts';
import { statusCommand } from './digest/status.ts';
import { subscribeCommand } from './digest/subscribe.ts';
import { unsubscribeCommand } from './digest/unsubscribe.ts';
import { helpCommand } from './help.ts';
import { reportCommand } from './report.ts';
import { sourcesCommand } from './sources.ts';
import { timelineCommand } from './timeline.ts';
import { topicCommand } from './topic.ts';
import { topicsCommand } from './topics.ts';
import { verifyCommand } from './verify.ts';

/** Every command's name; the list below must hold exactly these (checked when compiling). */
export type CommandName =
  | 'help'
  | 'topics'
  | 'topic'
  | 'ask'
  | 'sources'
  | 'timeline'
  | 'verify'
  | 'digest'
  | 'digest subscribe'
  | 'digest unsubscribe'
  | 'digest status'
  | 'digest preview'
  | 'report';

export const COMMANDS = [
  helpCommand,
  topicsCommand,
  topicCommand,
  askCommand,
  sourcesCommand,
  timelineCommand,
  verifyCommand,
  digestCommand,
  subscribeCommand,
  unsubscribeCommand,
  statusCommand,
  previewCommand,
  reportCommand,
] as const satisfies readonly Command[];

type Listed = (typeof COMMANDS)[number]['name'];
/** Fails to compile when a name above is not listed, or a listed command is not named above. */
const everyCommandListed: [CommandName] extends [Listed] ? ([Listed] extends [CommandName] ? true : never) : never = true;
void everyCommandListed;

const byName = new Map<string, Command>(COMMANDS.map((c) => [c.name, c]));

export function commandNamed(name: CommandName): Command {
  return byName.get(name) as Command;
}

/** `digest subscribe` is the subcommand `subscribe` of the group `digest`; `timeline` has none. */
export function groupOf(command: Pick<Command, 'name'>): { group?: string; word: string } {
  const space = command.name.indexOf(' ');
  return space < 0 ? { word: command.name } : { group: command.name.slice(0, space), word: command.name.slice(space + 1) };
}

const FOR_CHANNEL: Show = { audience: 'channel', shareable: true, cacheable: true };
const FOR_ASKER: Show = { audience: 'asker', shareable: false, cacheable: false };

/**
 * How the answer to a request may be shown, known before it runs (so Discord can defer a
 * slow, private reply): what the command declares.
 */
export function showFor(request: { command: CommandName }): Show {
  return commandNamed(request.command).audience === 'asker' ? FOR_ASKER : FOR_CHANNEL;
}
