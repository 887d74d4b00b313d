/**
 * The typed request every surface hands the core: read once at the edge, from text
 * (`parseText`) or from a platform's typed options (Discord), never parsed again.
 */
import type { Topic } from '../knowledge/topics.ts';
import type { CommandName } from './registry.ts';

export type { CommandName };

/** The values a command may take, each already checked and in its canonical form. */
export interface RequestOptions {
  /** A question in the person's words. */
  question?: string;
  topic?: Topic;
  /** A local time of day, `HH:MM`. */
  time?: string;
  /** An IANA time zone, `Europe/Berlin`, or `UTC`. */
  zone?: string;
  topics?: Topic[];
  /** A message to check against the base, in its author's words. */
  text?: string;
}

export type OptionName = keyof RequestOptions;

/** A value that could not be read, named by the option it was given in; the command's answer explains it. */
export interface OptionProblem {
  option: OptionName | 'command';
  value: string;
  message: string;
}

export interface Request {
  command: CommandName;
  options: RequestOptions;
  /** The person's words, cleaned for echoing in the answer. Renderers must escape it. */
  query: string;
  /** The person named the bot (a mention) rather than talking to it directly (slash, DM, console). */
  addressed?: boolean;
  /** The text is a message the person acted on (a message shortcut or command), not words typed after the command. */
  fromMessage?: boolean;
  problem?: OptionProblem;
}

/**
 * A command as an answer points to it (`next`, help lines): a request to make, or with
 * `usage` the command's usage with its placeholders (`digest subscribe [HH:MM] …`).
 */
export interface CommandRef {
  command: CommandName;
  options?: RequestOptions;
  usage?: boolean;
}

/** Who asks, where: what channel-bound commands (the digest's) need beyond the request. */
export type { ChannelContext as Where } from '../digest/types.ts';
