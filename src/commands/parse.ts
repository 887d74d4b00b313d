/**
 * Reads what a person typed into a request, once, at the edge. Empty text is help; a first
 * word naming a command runs it (a group's second word names its subcommand); a bare topic
 * name (typos forgiven) is that topic's summary; anything else is a question. Platform
 * markup (mentions, the bot's own name) is the adapters' to remove before this.
 */
import type { Command } from './command.ts';
import { cleanInput, echo } from './input.ts';
import { readOption, readSettingWords } from './options.ts';
import { COMMANDS, groupOf } from './registry.ts';
import type { Request } from './request.ts';
import { matchTopic } from './topic-match.ts';

const named = (c: Command, word: string) => c.name === word || c.aliases?.includes(word) === true;

/** The command a first word (and, for a group, a second) names, and the words left for its options. */
function commandOf(words: string[]): { command?: Command; rest: string[]; unknownSub?: string } {
  const first = (words[0] ?? '').toLowerCase();
  const group = COMMANDS.filter((c) => groupOf(c).group === first);
  if (group.length > 0) {
    const second = (words[1] ?? '').toLowerCase();
    // A subcommand is named by its second word or an alias of it (`digest sub`).
    const sub = group.find((c) => c.name === `${first} ${second}` || c.aliases?.includes(second));
    if (sub) return { command: sub, rest: words.slice(2) };
    return { command: COMMANDS.find((c) => c.name === first), rest: words.slice(1), unknownSub: words[1] };
  }
  return { command: COMMANDS.find((c) => groupOf(c).group === undefined && named(c, first)), rest: words.slice(1) };
}

/** A command's options from the words after it: one option takes them all; several are told apart by their look. */
function optionsOf(command: Command, rest: string[], query: string): Request {
  const base = { command: command.name, options: {}, query } as Request;
  const specs = command.options ?? [];
  if (specs.length === 0 || rest.length === 0) return base;
  if (specs.length > 1) return { ...base, ...readSettingWords(rest) };
  const read = readOption(specs[0].name, rest.join(' '));
  return 'problem' in read ? { ...base, problem: read.problem } : { ...base, options: { [specs[0].name]: read.value } };
}

export function parseText(raw: unknown, { addressed }: { addressed?: boolean } = {}): Request {
  const text = cleanInput(raw);
  const withAddress = (request: Request): Request => (addressed === undefined ? request : { ...request, addressed });
  const help = (query: string) => withAddress({ command: 'help', options: {}, query });
  if (!text) return help('');
  const words = text.split(' ');
  const { command, rest, unknownSub } = commandOf(words);
  if (command && command.name !== 'ask' && command.name !== 'topic' && !(command.wordAlone && rest.length > 0)) {
    if (unknownSub !== undefined)
      return withAddress({
        command: command.name,
        options: {},
        query: echo(text),
        problem: { option: 'command', value: unknownSub, message: `"${unknownSub}" is not a ${command.name} command` },
      } as Request);
    return withAddress(optionsOf(command, rest, echo(text)));
  }
  // `ask` is optional: `ask trade` is the same as `trade`, and `ask` alone asks for help.
  const question = command && !command.wordAlone ? rest.join(' ') : text;
  if (!question) return help(echo(text));
  const bare = question.replace(/[?!.]+$/, '');
  const topic = matchTopic(bare);
  if (topic) return withAddress({ command: 'topic', options: { topic }, query: echo(question) });
  return withAddress({ command: 'ask', options: { question }, query: echo(question) });
}
