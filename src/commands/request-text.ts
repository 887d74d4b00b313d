/**
 * A request, or a command's usage, written as people type it on a text surface (the
 * console, Slack, the command line): `timeline trade`, `digest subscribe [HH:MM] …`.
 * Discord writes them its own way, from the same registry.
 */
import type { Command } from './command.ts';
import { parseText } from './parse.ts';
import { commandNamed } from './registry.ts';
import type { CommandRef, RequestOptions } from './request.ts';

/** `digest subscribe [HH:MM] [Area/City] [topics…]`, `timeline [topic]`, `<question>`. */
export function usageText(command: Command): string {
  return command.usage ?? [command.name, ...(command.options ?? []).map((o) => o.placeholder)].join(' ');
}

const valueText = (value: RequestOptions[keyof RequestOptions]) => (Array.isArray(value) ? value.join(' ') : String(value ?? ''));

export function requestText(ref: CommandRef): string {
  const command = commandNamed(ref.command);
  if (ref.usage) return usageText(command);
  const options = ref.options ?? {};
  if (command.name === 'topic' && options.topic) return options.topic;
  if (command.name === 'ask' && options.question) {
    // A question that would read as a command or a topic keeps its `ask`.
    return parseText(options.question).command === 'ask' ? options.question : `ask ${options.question}`;
  }
  const values = (command.options ?? []).map((o) => valueText(options[o.name])).filter(Boolean);
  return [command.name, ...values].join(' ');
}
