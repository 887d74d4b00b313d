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

export const DIGEST_GROUP = 'digest';
export const DIGEST_ACTIONS = ['subscribe', 'unsubscribe', 'status', 'preview'] as const;

/** `/sinorussia digest subscribe|unsubscribe|status|preview`: the core checks the values and explains mistakes. */
function addDigestGroup(command: SlashCommandBuilder): void {
  command.addSubcommandGroup((group) =>
    group
      .setName(DIGEST_GROUP)
      .setDescription('A daily sourced post in this channel')
      .addSubcommand((sub) =>
        sub
          .setName('subscribe')
          .setDescription('Post a digest here every day (needs Manage Channels)')
          .addStringOption((o) => o.setName('time').setDescription('Local time, HH:MM (default 09:00)').setRequired(false).setMaxLength(5))
          .addStringOption((o) =>
            o.setName('zone').setDescription('Time zone, Area/City such as Europe/Berlin (default UTC)').setRequired(false).setMaxLength(64).setAutocomplete(true),
          )
          .addStringOption((o) => o.setName('topics').setDescription('Topics, separated by spaces (default: all)').setRequired(false).setMaxLength(200)),
      )
      .addSubcommand((sub) => sub.setName('unsubscribe').setDescription('Stop the daily digest here (needs Manage Channels)'))
      .addSubcommand((sub) => sub.setName('status').setDescription('What is set here, and when the next digest is due'))
      .addSubcommand((sub) => sub.setName('preview').setDescription("Tomorrow's digest, shown only to you")),
  );
}

/** Built once: `/sinorussia trade` (one subcommand per topic), `ask`, `timeline`, `help`, `topics`, `sources`, `digest …`. */
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
  addDigestGroup(command);
  return command;
}

export const data = buildCommand();

/** The command as the core's answerer reads it: `ask <q>`, `timeline trade`, `trade`, `digest subscribe 09:00 UTC trade`. */
export function toCommandText(interaction: Pick<ChatInputCommandInteraction, 'options'>): string {
  const sub = interaction.options.getSubcommand(false) ?? 'help';
  if (interaction.options.getSubcommandGroup(false) === DIGEST_GROUP) {
    const values = ['time', 'zone', 'topics'].map((name) => interaction.options.getString(name)?.trim() ?? '');
    return [DIGEST_GROUP, sub, ...values].filter(Boolean).join(' ');
  }
  if (sub === 'ask') return `ask ${interaction.options.getString('question') ?? ''}`.trim();
  if (sub === 'timeline') return `timeline ${interaction.options.getString('topic') ?? ''}`.trim();
  return sub;
}

/** Shows a core command (`timeline trade`, `<question>`) as the slash command that runs it. */
export function slashFor(command: string): string {
  const [first = '', ...rest] = command.trim().split(/\s+/);
  const args = rest.join(' ');
  if (first === '<topic>') return `/${COMMAND_NAME} <topic>`;
  if (first === DIGEST_GROUP) return slashForDigest(rest);
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

/** `digest subscribe 09:00 Europe/Berlin trade energy` as the slash command with named options. */
function slashForDigest(args: string[]): string {
  const [action = 'subscribe', ...values] = args;
  const base = `/${COMMAND_NAME} ${DIGEST_GROUP} ${(DIGEST_ACTIONS as readonly string[]).includes(action) ? action : 'subscribe'}`;
  if (action !== 'subscribe' || values.length === 0) return base;
  // Usage placeholders (`[HH:MM]`) become the option names.
  if (values.some((v) => v.startsWith('['))) return `${base} [time] [zone] [topics]`;
  const time = values.find((v) => /^\d{1,2}:\d{2}$/.test(v));
  const zone = values.find((v) => v !== time && (v.includes('/') || v.toUpperCase() === 'UTC'));
  const topics = values.filter((v) => v !== time && v !== zone);
  const named = [time && `time:${time}`, zone && `zone:${zone}`, topics.length > 0 && `topics:${topics.join(' ')}`].filter(Boolean);
  return [base, ...named].join(' ');
}
