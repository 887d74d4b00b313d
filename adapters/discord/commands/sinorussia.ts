/**
 * The one slash command, `/sinorussia`, in the discord.js guide's layout: `data` is the
 * definition (the builders validate names and lengths), `toCommandText` turns a use of it
 * into the text the core's answerer reads, so both surfaces share one vocabulary.
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { TOPIC_NAMES, TOPICS } from '../../../src/knowledge/topics.ts';

export const COMMAND_NAME = 'sinorussia';
/** Discord caps option descriptions at 100 characters. */
const describe = (text: string) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`);

/** Built once: `/sinorussia trade` (one subcommand per topic), `ask`, `timeline`, `help`, `topics`, `sources`. */
export function buildCommand(): SlashCommandBuilder {
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Sourced answers on China–Russia relations')
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  command.addSubcommand((sub) =>
    sub
      .setName('ask')
      .setDescription('Ask a question; the answer cites its sources')
      .addStringOption((o) =>
        o.setName('question').setDescription('Your question, or a topic').setRequired(true).setMaxLength(500).setAutocomplete(true),
      ),
  );
  for (const topic of TOPIC_NAMES) {
    command.addSubcommand((sub) => sub.setName(topic).setDescription(describe(`Summary: ${TOPICS[topic]}`)));
  }
  command.addSubcommand((sub) =>
    sub
      .setName('timeline')
      .setDescription('Every fact, or every fact of one topic, oldest first')
      .addStringOption((o) =>
        o
          .setName('topic')
          .setDescription('Only this topic')
          .setRequired(false)
          .addChoices(...TOPIC_NAMES.map((t) => ({ name: t, value: t }))),
      ),
  );
  command.addSubcommand((sub) => sub.setName('topics').setDescription('The topics, with what each covers'));
  command.addSubcommand((sub) => sub.setName('sources').setDescription('The articles the facts come from'));
  command.addSubcommand((sub) => sub.setName('help').setDescription('What the bot can do'));
  return command;
}

export const data = buildCommand();

/** The command as the core's answerer reads it: `ask <q>`, `timeline trade`, `trade`. */
export function toCommandText(interaction: Pick<ChatInputCommandInteraction, 'options'>): string {
  const sub = interaction.options.getSubcommand(false) ?? 'help';
  if (sub === 'ask') return `ask ${interaction.options.getString('question') ?? ''}`.trim();
  if (sub === 'timeline') return `timeline ${interaction.options.getString('topic') ?? ''}`.trim();
  return sub;
}

/** Shows a core command (`timeline trade`, `<question>`) as the slash command that runs it. */
export function slashFor(command: string): string {
  const [first = '', ...rest] = command.trim().split(/\s+/);
  const args = rest.join(' ');
  if (first === '<topic>') return `/${COMMAND_NAME} <topic>`;
  if (first === 'timeline') {
    if (!args) return `/${COMMAND_NAME} timeline`;
    return args.startsWith('[') ? `/${COMMAND_NAME} timeline [topic]` : `/${COMMAND_NAME} timeline topic:${args}`;
  }
  if (['help', 'topics', 'sources'].includes(first) || (TOPIC_NAMES as string[]).includes(first)) {
    return `/${COMMAND_NAME} ${first}`;
  }
  const question = first === 'ask' ? args : command.trim();
  return `/${COMMAND_NAME} ask question:${question}`;
}
