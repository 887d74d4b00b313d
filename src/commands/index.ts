/**
 * The command vocabulary, shared by every surface and parsed once, here.
 * Add a command: write it in its own file and list it in COMMANDS.
 */
import type { Answer } from '../answer/types.ts';
import { Composer } from '../answer/compose.ts';
import type { Knowledge } from '../knowledge/types.ts';
import { loadEnglishFrequencies } from '../search/english.ts';
import { SearchEngine } from '../search/engine.ts';
import { QueryReader } from '../query/read.ts';
import { askCommand } from './ask.ts';
import { digestCommand } from './digest.ts';
import type { ChannelContext, DigestCommands } from '../digest/types.ts';
import type { Command, CommandContext, ParsedCommand } from './command.ts';
import { helpCommand } from './help.ts';
import { cleanInput, echo, stripMentions } from './input.ts';
import { sourcesCommand } from './sources.ts';
import { timelineCommand } from './timeline.ts';
import { topicCommand } from './topic.ts';
import { matchTopic } from './topic-match.ts';
import { LruCache } from '../lru.ts';
import { topicsCommand } from './topics.ts';

export const COMMANDS: Command[] = [
  helpCommand(() => COMMANDS),
  topicsCommand,
  topicCommand,
  askCommand,
  sourcesCommand,
  timelineCommand,
  digestCommand,
];

/** How people address the bot before the command: `/sinorussia`, `@sinorussia`, `sinorussia:`. */
const ADDRESS = /^(?:[/@]?sinorussia\b[:,]?\s*)+/i;

/**
 * Reads what a person typed into a command. Empty text is help; a first word naming a
 * command runs it; a bare topic name (typos forgiven) is that topic's summary; anything
 * else is a question.
 */
export function parseCommand(raw: unknown): ParsedCommand {
  const text = stripMentions(cleanInput(raw)).replace(ADDRESS, '').trim();
  const query = echo(text);
  if (!text) return { name: 'help', args: '', query };
  const [first, ...rest] = text.split(' ');
  const word = first.toLowerCase();
  const command = COMMANDS.find((c) => c.name === word || c.aliases?.includes(word));
  if (command && command !== topicCommand && command !== askCommand) return { name: command.name, args: rest.join(' '), query };
  // `ask` is optional: `ask trade` is the same as `trade`, and `ask` alone asks for help.
  const question = command === askCommand ? rest.join(' ') : text;
  if (!question) return { name: 'help', args: '', query };
  const bare = question.replace(/[?!.]+$/, '');
  if (matchTopic(bare)) return { name: 'topic', args: bare, query: echo(question) };
  return { name: 'ask', args: question, query: echo(question) };
}

export interface Answerer {
  /** Parses and runs what a person typed; never throws for any input. */
  answer(text: unknown): Answer;
  /**
   * The same, for a surface that knows the channel and user: `digest …` commands go to the
   * digest service (when one is attached), everything else to `answer`.
   */
  handle(text: unknown, context: ChannelContext): Promise<Answer>;
  readonly context: CommandContext;
}

/** Builds the index once (or takes one built for this base), and the result answers any number of requests. */
export function createAnswerer(knowledge: Knowledge, services: { digest?: DigestCommands } = {}, prebuilt: { engine?: SearchEngine } = {}): Answerer {
  const engine = prebuilt.engine ?? new SearchEngine(knowledge, loadEnglishFrequencies());
  const context: CommandContext = { knowledge, engine, reader: new QueryReader(knowledge, engine), composer: new Composer(knowledge) };
  // Everything but a question depends only on the (immutable) base: answer it once.
  const memo = new LruCache<string, Answer>(500);
  const run = (parsed: ParsedCommand) => {
    const command = COMMANDS.find((c) => c.name === parsed.name) ?? askCommand;
    if (command === askCommand || command === digestCommand) return command.run(context, parsed);
    const key = `${command.name} ${parsed.args.toLowerCase()}`;
    let answer = memo.get(key);
    if (!answer) {
      answer = command.run(context, parsed);
      memo.set(key, answer);
    }
    return { ...answer, query: parsed.query };
  };
  const handle = async (text: unknown, channel: ChannelContext) => {
    const parsed = parseCommand(text);
    if (parsed.name === 'digest' && services.digest) return services.digest.handle(parsed.args, channel);
    return run(parsed);
  };
  return { context, handle, answer: (text) => run(parseCommand(text)) };
}
