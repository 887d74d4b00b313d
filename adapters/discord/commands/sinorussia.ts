/**
 * The one slash command, `/sinorussia`, in the discord.js guide's layout, generated from the
 * core's command registry: `data` is the definition (the builders validate names and
 * lengths), `requestFrom` reads a use of it straight into a typed request (each value checked
 * by the option it was given in), and `slashText` writes a request the way Discord types it.
 */
import {
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { Command } from '../../../src/commands/command.ts';
import { echo } from '../../../src/commands/input.ts';
import { readOption } from '../../../src/commands/options.ts';
import { COMMANDS, commandNamed, groupOf } from '../../../src/commands/registry.ts';
import type { CommandRef, OptionName, OptionProblem, Request, RequestOptions } from '../../../src/commands/request.ts';
import { TOPIC_NAMES, TOPICS, type Topic } from '../../../src/knowledge/topics.ts';
import { withoutMentions } from '../markup.ts';

export const COMMAND_NAME = 'sinorussia';
/** Discord caps descriptions at 100 characters. */
const describe = (text: string) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`);
const capital = (text: string) => text[0].toUpperCase() + text.slice(1);
const descriptionOf = (c: Command) => describe(c.description ?? capital(c.summary));

/** How Discord takes each kind of option: its length cap, autocomplete, or a fixed choice. */
const OPTION_SHAPE: Record<OptionName, { maxLength?: number; autocomplete?: boolean; choices?: readonly string[] }> = {
  question: { maxLength: 500, autocomplete: true },
  topic: { choices: TOPIC_NAMES },
  time: { maxLength: 5 },
  zone: { maxLength: 64, autocomplete: true },
  topics: { maxLength: 200 },
  text: { maxLength: 2000 },
};

/** The topic summary is one subcommand per topic (`/sinorussia trade`); a group's own command has no subcommand. */
const onDiscord = (c: Command) => c.name !== 'topic' && !COMMANDS.some((other) => groupOf(other).group === c.name);

function subcommandOf(command: Command, name: string): SlashCommandSubcommandBuilder {
  const sub = new SlashCommandSubcommandBuilder().setName(name).setDescription(descriptionOf(command));
  for (const spec of command.options ?? []) {
    const shape = OPTION_SHAPE[spec.name];
    sub.addStringOption((o) => {
      o.setName(spec.name)
        .setDescription(describe(spec.description))
        .setRequired(spec.required === true);
      if (shape.maxLength) o.setMaxLength(shape.maxLength);
      if (shape.autocomplete) o.setAutocomplete(true);
      if (shape.choices) o.addChoices(...shape.choices.map((c) => ({ name: c, value: c })));
      return o;
    });
  }
  return sub;
}

/** Built once from the registry, in its order: a group's commands become a subcommand group (`digest subscribe`). */
export function buildCommand(): SlashCommandBuilder {
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Sourced answers on China–Russia relations')
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  for (const c of COMMANDS) {
    const { group, word } = groupOf(c);
    if (c.name === 'topic') {
      for (const topic of TOPIC_NAMES)
        command.addSubcommand((sub) => sub.setName(topic).setDescription(describe(`Summary: ${TOPICS[topic]}`)));
    } else if (!group && !onDiscord(c)) {
      const members = COMMANDS.filter((other) => groupOf(other).group === c.name);
      command.addSubcommandGroup((g) => {
        g.setName(c.name).setDescription(descriptionOf(c));
        for (const member of members) g.addSubcommand(subcommandOf(member, groupOf(member).word));
        return g;
      });
    } else if (!group) {
      command.addSubcommand(subcommandOf(c, word));
    }
  }
  return command;
}

export const data = buildCommand();

/**
 * A use of `/sinorussia` as a typed request. A value that does not fit its option
 * (`topics:9:30`, `zone:Berlin`) is a problem naming the option, which the answer explains.
 */
export function requestFrom(interaction: Pick<ChatInputCommandInteraction, 'options'>): Request {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(false) ?? 'help';
  if (!group && (TOPIC_NAMES as string[]).includes(sub)) return { command: 'topic', options: { topic: sub as Topic }, query: sub };
  const command = COMMANDS.find((c) => c.name === (group ? `${group} ${sub}` : sub) && onDiscord(c));
  if (!command) return { command: 'help', options: {}, query: '' };
  const options: RequestOptions = {};
  const given: string[] = [];
  let problem: OptionProblem | undefined;
  for (const spec of command.options ?? []) {
    const raw = withoutMentions(interaction.options.getString(spec.name));
    if (!raw) continue;
    given.push(raw);
    const read = readOption(spec.name, raw);
    if ('problem' in read) problem ??= { ...read.problem, message: `${spec.name}: ${read.problem.message}` };
    else Object.assign(options, { [spec.name]: read.value });
  }
  // An empty question asks for help, as `ask` alone does in text.
  if (command.name === 'ask' && !options.question) return { command: 'help', options: {}, query: '' };
  const query = echo(command.name === 'ask' ? (options.question ?? '') : [command.name, ...given].join(' '));
  return { command: command.name, options, query, ...(problem ? { problem } : {}) };
}

/** The text a Share button re-answers: what the person asked, as the text parser reads it. */
export function shareText(request: Request): string {
  if (request.command === 'ask') return `ask ${request.options.question ?? ''}`.trim();
  if (request.command === 'topic') return request.options.topic ?? 'help';
  const command = commandNamed(request.command);
  const values = (command.options ?? []).map((o) => request.options[o.name]).filter((v) => v !== undefined);
  return [command.name, ...values.map((v) => (Array.isArray(v) ? v.join(' ') : v))].join(' ');
}

/** A request, or a command's usage, as the slash command that runs it: `/sinorussia timeline topic:trade`. */
export function slashText(ref: CommandRef): string {
  const named = commandNamed(ref.command);
  // A group's own command (`digest`) is not a slash command: point to the one help shows for it.
  const command = onDiscord(named) || named.name === 'topic' ? named : commandNamed(named.helpAs ?? 'help');
  const options = ref.options ?? {};
  if (command.name === 'topic') return `/${COMMAND_NAME} ${ref.usage || !options.topic ? '<topic>' : options.topic}`;
  const parts = [`/${COMMAND_NAME} ${command.name}`];
  for (const spec of command.options ?? []) {
    if (ref.usage) parts.push(spec.required ? `${spec.name}:${spec.placeholder}` : `[${spec.name}]`);
    else if (options[spec.name] !== undefined) {
      const value = options[spec.name];
      parts.push(`${spec.name}:${Array.isArray(value) ? value.join(' ') : value}`);
    }
  }
  return parts.join(' ');
}
