import type { Composer } from '../answer/compose.ts';
import type { Answer, Show } from '../answer/types.ts';
import type { DigestService } from '../digest/commands.ts';
import type { FeedbackReport } from '../feedback/report.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { QueryReader } from '../query/read.ts';
import type { SearchEngine } from '../search/engine.ts';
import type { BaseLookups } from './lookups.ts';
import type { CommandName, OptionName, Request, Where } from './request.ts';

/** What a command may use: built once per knowledge base by the core and shared. */
export interface CommandContext {
  knowledge: Knowledge;
  engine: SearchEngine;
  /** Reads a question into a typed query (intent, periods, measures, sources, phrases). */
  reader: QueryReader;
  composer: Composer;
  /** What commands derive from the base and keep (a topic's figures, the topic lines). */
  lookups: BaseLookups;
  /** The daily digest's settings and previews; absent where there is no store (the command line). */
  digest?: DigestService;
  /** The curators' feedback report as of now; absent where nothing is recorded (the command line, the console). */
  feedbackReport?: () => Promise<FeedbackReport>;
  /** The registry, for help. */
  commands: readonly Command[];
}

/** One option of a command: its name is also its kind (see options.ts) and its Discord option name. */
export interface OptionSpec {
  name: OptionName;
  /** How help writes it: `[HH:MM]`, `<question>`, `[topic]`. */
  placeholder: string;
  /** One line for Discord's option list (at most 100 characters). */
  description: string;
  required?: boolean;
}

/**
 * Who an answer is for: `channel` answers depend only on the request and the base (shown to
 * anyone, shared, cached); `asker` answers concern one channel's settings (private, fresh).
 */
export type Audience = Show['audience'];

/** What `run` returns: the core adds how it may be shown, from the command's audience. */
export type Reply = Omit<Answer, 'show'>;

/**
 * One command of the shared vocabulary, in its own file and listed once in registry.ts.
 * Help, the text parser, the command line and the Discord command are all derived from it.
 */
export interface Command<N extends CommandName = CommandName> {
  /** What is typed: `timeline`; a subcommand after its group: `digest subscribe`. */
  name: N;
  /** Other words that call it (`?` for help). */
  aliases?: string[];
  /** One line for help. */
  summary: string;
  /** Discord's description when it should differ from the summary. */
  description?: string;
  /** In the order text gives them and Discord lists them. */
  options?: OptionSpec[];
  audience: Audience;
  /** How help writes it, when not its name and option placeholders (`<topic>`). */
  usage?: string;
  /** Listed in help (the catch-all question and the topic summary are documented differently). */
  listed?: boolean;
  /** Help shows this command as another's usage (the digest as `digest subscribe [HH:MM] …`). */
  helpAs?: CommandName;
  /** Offered as a command of its own on the command line. */
  cli?: boolean;
  /** Called by its word alone: with more words after it, the text is a question (`report on the gas deal`). */
  wordAlone?: boolean;
  /**
   * Its name as an action on a message (Slack's message shortcut, Discord's message command),
   * which runs it on that message's text; one name for both platforms.
   */
  messageAction?: string;
  run(ctx: CommandContext, request: Request, where?: Where): Reply | Promise<Reply>;
}

/** Declares a command keeping its name's literal type, so the registry types every request. */
export function defineCommand<const N extends CommandName>(command: Command<N>): Command<N> {
  return command;
}
