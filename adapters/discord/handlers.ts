/**
 * Interaction and message handlers as plain functions: Discord input becomes text for the
 * core's answerer, the Answer becomes an embed. Every send sets allowed mentions to none,
 * and no failure escapes: it is logged with its cause and the user gets a short apology.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  MessageFlags,
  ThreadAutoArchiveDuration,
  userMention,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageMentionOptions,
} from 'discord.js';
import type { Answer } from '../../src/answer/types.ts';
import type { Answerer } from '../../src/commands/index.ts';
import type { Logger } from '../../src/log.ts';
import { COMMAND_NAME, toCommandText } from './commands/sinorussia.ts';
import { fit, renderEmbed } from './render.ts';
import { isShareId, type ShareStore } from './share.ts';
import { suggest } from './suggest.ts';

export interface HandlerDeps {
  answerer: Answerer;
  logger: Logger;
  shares: ShareStore;
}

/** Echoed input (`@everyone`, roles, users) must never ping anyone, not even the replied-to user. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };
export const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';
export const EXPIRED = 'This answer can no longer be shared; ask again to share it.';
const THREAD_NAME_MAX = 100;

function shareRow(customId: string): ActionRowBuilder<ButtonBuilder> {
  const button = new ButtonBuilder().setCustomId(customId).setLabel('Share').setStyle(ButtonStyle.Secondary);
  return new ActionRowBuilder<ButtonBuilder>().addComponents(button);
}

// answer() is synchronous and in-memory (milliseconds), so the reply is sent at once rather
// than deferred: a defer could not help a blocked event loop and would cost a second request.
async function answerCommand(interaction: ChatInputCommandInteraction, deps: HandlerDeps): Promise<void> {
  const text = toCommandText(interaction);
  const answer = deps.answerer.answer(text);
  await interaction.reply({
    embeds: [renderEmbed(answer)],
    components: [shareRow(deps.shares.customIdFor(text))],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

async function share(interaction: ButtonInteraction, deps: HandlerDeps): Promise<void> {
  const text = deps.shares.commandTextOf(interaction.customId);
  if (text === undefined) {
    await interaction.reply({ content: EXPIRED, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const answer = deps.answerer.answer(text);
  await interaction.reply({
    content: `Shared by ${userMention(interaction.user.id)}`,
    embeds: [renderEmbed(answer)],
    allowedMentions: NO_MENTIONS,
  });
}

async function autocomplete(interaction: AutocompleteInteraction, deps: HandlerDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices = focused.name === 'question' ? suggest(deps.answerer, String(focused.value)) : [];
  await interaction.respond(choices);
}

async function apologise(interaction: Interaction, logger: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      const apology = { content: APOLOGY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
      if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
      else await interaction.reply(apology);
    }
  } catch (error) {
    logger.error('discord: could not apologise', { error, interactionId: interaction.id });
  }
}

export async function handleInteraction(interaction: Interaction, deps: HandlerDeps): Promise<void> {
  try {
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) await autocomplete(interaction, deps);
    else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) await answerCommand(interaction, deps);
    else if (interaction.isButton() && isShareId(interaction.customId)) await share(interaction, deps);
  } catch (error) {
    deps.logger.error('discord: interaction failed', {
      error,
      interactionId: interaction.id,
      type: interaction.type,
      userId: interaction.user.id,
    });
    await apologise(interaction, deps.logger);
  }
}

export function threadName(answer: Answer): string {
  return fit(answer.query || answer.title || COMMAND_NAME, THREAD_NAME_MAX);
}

/** Answers in the thread the question started (a new one on the message), in a thread it was asked in, or as a reply. */
async function sendAnswer(message: Message, answer: Answer, logger: Logger): Promise<void> {
  const payload = { embeds: [renderEmbed(answer)], allowedMentions: NO_MENTIONS };
  const channel = message.channel;
  // startThread() throws inside a thread, so check that first.
  const canStartThread = !channel.isThread() && (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement);
  if (message.inGuild() && canStartThread) {
    try {
      const thread = message.thread ?? (await message.startThread({ name: threadName(answer), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay }));
      await thread.send(payload);
      return;
    } catch (error) {
      // Usually a missing permission (Create Public Threads): answer in place instead.
      logger.warn('discord: could not answer in a thread; replying in the channel', { error, messageId: message.id });
    }
  }
  await message.reply(payload);
}

export async function handleMessage(message: Message, deps: Omit<HandlerDeps, 'shares'>): Promise<void> {
  if (message.author.bot || message.webhookId || message.system) return;
  const me = message.client.user;
  // In a server only messages that name the bot itself (not @everyone or a role) are for us.
  if (message.inGuild() && !message.mentions.users.has(me.id)) return;
  try {
    await sendAnswer(message, deps.answerer.answer(message.content), deps.logger);
  } catch (error) {
    deps.logger.error('discord: message failed', { error, messageId: message.id, channelId: message.channelId, userId: message.author.id });
    try {
      await message.reply({ content: APOLOGY, allowedMentions: NO_MENTIONS });
    } catch (apologyError) {
      deps.logger.error('discord: could not apologise', { error: apologyError, messageId: message.id });
    }
  }
}
