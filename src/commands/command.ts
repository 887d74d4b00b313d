import type { Answer } from '../answer/types.ts';
import type { Composer } from '../answer/compose.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { SearchEngine } from '../search/engine.ts';
import type { QueryReader } from '../query/read.ts';

/** What a command may use: built once from the knowledge base and shared. */
export interface CommandContext {
  knowledge: Knowledge;
  engine: SearchEngine;
  /** Reads a question into a typed query (intent, periods, measures, sources, phrases). */
  reader: QueryReader;
  composer: Composer;
}

/** A parsed request: the command and the rest of the text. */
export interface ParsedCommand {
  name: string;
  args: string;
  /** The user's words, cleaned for echoing in the answer. */
  query: string;
}

/**
 * One command of the shared vocabulary. Each lives in its own file and is registered in
 * `index.ts`; every surface (console, Slack, Discord) reaches it through `parseCommand`.
 */
export interface Command {
  name: string;
  /** Other words that call it (`?` for help). */
  aliases?: string[];
  /** How it is typed, for help: `timeline [topic]`. */
  usage: string;
  summary: string;
  /** Listed in help (the catch-all question command documents itself differently). */
  listed?: boolean;
  run(ctx: CommandContext, parsed: ParsedCommand): Answer;
}
