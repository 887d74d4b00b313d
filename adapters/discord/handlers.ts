/**
 * Interaction and message handlers as plain functions: Discord input becomes a typed request
 * for the core (from the command's options, or a mention's text without its markup), the
 * Answer becomes an embed shown as the Answer says. Every send sets allowed mentions to none,
 * and no failure escapes: it is logged with its cause and the user gets a short apology.
 */
import {
  ActionRowBuilder,
  type AutocompleteInteraction,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  ChannelType,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  type MessageCreateOptions,
  MessageFlags,
  type MessageMentionOptions,
  ThreadAutoArchiveDuration,
  userMention,
} from 'discord.js';
import type { Answer } from '../../src/answer/types.ts';
import { showFor } from '../../src/commands/registry.ts';
import { verifyRequest } from '../../src/commands/verify.ts';
import type { Core } from '../../src/core.ts';
import type { RecordPost } from '../../src/corrections/types.ts';
import { recordIfUnanswered } from '../../src/feedback/recorder.ts';
import { feedbackTarget, takesVotes } from '../../src/feedback/target.ts';
import type { FeedbackRecorder } from '../../src/feedback/types.ts';
import type { Logger } from '../../src/log.ts';
import { type RateLimiter, SLOW_DOWN } from '../../src/rate-limit.ts';
import { type ChartImages, chartedEmbed } from './chart-attachment.ts';
import { COMMAND_NAME, requestFrom, shareText } from './commands/sinorussia.ts';
import { textToVerify, VERIFY_MESSAGE_COMMAND } from './commands/verify-message.ts';
import { interactionContext, messageContext } from './context.ts';
import { codeToCount, isMissingPermissions } from './errors.ts';
import {
  feedbackComponents,
  handleDigestFeedbackButton,
  handleDigestReasonModal,
  handleFeedbackButton,
  handleReasonModal,
  isDigestFeedbackButton,
  isDigestReasonModal,
  isFeedbackButton,
  isReasonModal,
} from './feedback.ts';
import { mentionText } from './markup.ts';
import { fit, renderEmbed } from './render.ts';
import { isShareId, type ShareStore } from './share.ts';
import { suggest } from './suggest.ts';
import type { ZoneList } from './zones.ts';

export interface HandlerDeps {
  answerer: Core;
  logger: Logger;
  shares: ShareStore;
  /** The time zones offered while typing `zone:`. */
  zones: ZoneList;
  /** Questions per user, for commands, Share clicks and mentions alike. */
  limiter: RateLimiter;
  /**
   * A REST call that got no answer (timed out, reset, refused), by code, for the operator's
   * metrics. Answers with an error status are counted as they arrive (index.ts) instead.
   */
  outboundError?: (code: string) => void;
  /** Remembers a public post and the facts it showed, so a later correction reaches it. */
  recordPost?: RecordPost;
  /** Chart images this bot has drawn, reused by every answer showing the same chart. */
  charts?: ChartImages;
  /** 👍 / 👎 under answers and the "no match" record; none shown or kept when absent or off. */
  feedback?: FeedbackRecorder;
  /** User ids (CURATORS) who may see the feedback report; members with Manage Server may too. */
  curators?: readonly string[];
}

/** The 👍 / 👎 row for an answer (none when feedback is off). */
const votesFor = (deps: Pick<HandlerDeps, 'feedback'>, answer: Answer) =>
  takesVotes(answer) ? feedbackComponents(feedbackTarget(answer), deps.feedback) : [];

function countFailure(deps: Pick<HandlerDeps, 'outboundError'>, error: unknown): void {
  const code = codeToCount(error);
  if (code) deps.outboundError?.(code);
}

function rateFor(deps: Pick<HandlerDeps, 'limiter' | 'logger'>, userId: string, surface: string) {
  const decision = deps.limiter.take(`discord:${userId}`);
  if (decision === 'tell') deps.logger.warn('discord: a user is asking too fast; told to slow down', { userId, surface });
  return decision;
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

// Answers that depend only on the base are in-memory (milliseconds), so the reply is sent at
// once rather than deferred. A private answer (the digest's) reads and writes the subscription
// store, which may be a remote database: it is deferred (privately), so a slow store cannot
// miss Discord's 3 seconds. The request says which before it runs.
async function answerCommand(interaction: ChatInputCommandInteraction, deps: HandlerDeps): Promise<void> {
  const request = requestFrom(interaction);
  const context = interactionContext(interaction, deps.curators);
  if (showFor(request).audience === 'asker') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const answer = await deps.answerer.answer(request, context);
    void recordIfUnanswered(deps.feedback, 'discord', answer);
    await interaction.editReply({ embeds: [renderEmbed(answer)], components: votesFor(deps, answer), allowedMentions: NO_MENTIONS });
    return;
  }
  const answer = await deps.answerer.answer(request, context);
  void recordIfUnanswered(deps.feedback, 'discord', answer);
  await interaction.reply({
    ...(await chartedEmbed(answer, deps.logger, { images: deps.charts })),
    components: [...(answer.show.shareable ? [shareRow(deps.shares.customIdFor(shareText(request)))] : []), ...votesFor(deps, answer)],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

/**
 * "Verify with sources" on a message: the check reads the base only, but a long message holds
 * many claims, so the reply is deferred (privately: only the user who asked sees it) and the
 * answer replaces the "thinking…".
 */
async function verifyMessage(interaction: MessageContextMenuCommandInteraction, deps: HandlerDeps): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  // A message of files or images alone reads as empty: the core says so in a message's words.
  const request = verifyRequest(textToVerify(interaction.targetMessage), { fromMessage: true });
  const answer = await deps.answerer.answer(request, interactionContext(interaction));
  await interaction.editReply({
    ...(await chartedEmbed(answer, deps.logger, { images: deps.charts })),
    components: votesFor(deps, answer),
    allowedMentions: NO_MENTIONS,
  });
}

async function share(interaction: ButtonInteraction, deps: HandlerDeps): Promise<void> {
  const text = deps.shares.commandTextOf(interaction.customId);
  if (text === undefined) {
    await interaction.reply({ content: EXPIRED, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  // Share re-renders an answer already shown, with no channel: a button can never change a
  // channel's subscription (private answers carry no Share button anyway).
  const answer = await deps.answerer.answer(deps.answerer.parseText(text));
  const reply = await interaction.reply({
    content: `Shared by ${userMention(interaction.user.id)}`,
    ...(await chartedEmbed(answer, deps.logger, { images: deps.charts })),
    components: votesFor(deps, answer),
    allowedMentions: NO_MENTIONS,
    withResponse: true,
  });
  const posted = reply.resource?.message;
  if (posted)
    await deps.recordPost?.({
      platform: 'discord',
      channelId: posted.channelId,
      messageId: posted.id,
      answer,
      sharedBy: interaction.user.id,
    });
}

async function autocomplete(interaction: AutocompleteInteraction, deps: HandlerDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const value = String(focused.value);
  const choices = focused.name === 'question' ? suggest(deps.answerer, value) : focused.name === 'zone' ? deps.zones.suggest(value) : [];
  await interaction.respond(choices);
}

async function apologise(interaction: Interaction, logger: Logger, deps: Pick<HandlerDeps, 'outboundError'>): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      const apology = { content: APOLOGY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
      // A deferred reply still shows "thinking…": replace it rather than add a second message.
      if (interaction.deferred && !interaction.replied)
        await interaction.editReply({ content: APOLOGY, embeds: [], allowedMentions: NO_MENTIONS });
      else if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
      else await interaction.reply(apology);
    }
  } catch (error) {
    countFailure(deps, error);
    logger.error('discord: could not apologise', { error, interactionId: interaction.id });
  }
}

export async function handleInteraction(interaction: Interaction, deps: HandlerDeps): Promise<void> {
  try {
    // Autocomplete runs per keystroke and answers nothing: not counted. Every other
    // interaction must be answered within 3 s, so each refused one is told, privately.
    if (
      (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand() || interaction.isButton()) &&
      rateFor(deps, interaction.user.id, interaction.isButton() ? 'share' : 'command') !== 'allow'
    ) {
      await interaction.reply({ content: SLOW_DOWN, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) await autocomplete(interaction, deps);
    else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) await answerCommand(interaction, deps);
    else if (interaction.isMessageContextMenuCommand() && interaction.commandName === VERIFY_MESSAGE_COMMAND)
      await verifyMessage(interaction, deps);
    else if (interaction.isButton() && isShareId(interaction.customId)) await share(interaction, deps);
    else if (interaction.isButton() && isFeedbackButton(interaction.customId) && deps.feedback)
      await handleFeedbackButton(interaction, { feedback: deps.feedback, logger: deps.logger });
    else if (interaction.isModalSubmit() && isReasonModal(interaction.customId) && deps.feedback)
      await handleReasonModal(interaction, { feedback: deps.feedback, logger: deps.logger });
    else if (interaction.isButton() && isDigestFeedbackButton(interaction.customId) && deps.feedback)
      await handleDigestFeedbackButton(interaction, { feedback: deps.feedback, logger: deps.logger });
    else if (interaction.isModalSubmit() && isDigestReasonModal(interaction.customId) && deps.feedback)
      await handleDigestReasonModal(interaction, { feedback: deps.feedback, logger: deps.logger });
  } catch (error) {
    countFailure(deps, error);
    deps.logger.error('discord: interaction failed', {
      error,
      interactionId: interaction.id,
      type: interaction.type,
      userId: interaction.user.id,
    });
    await apologise(interaction, deps.logger, deps);
  }
}

export function threadName(answer: Answer): string {
  return fit(answer.query || answer.title || COMMAND_NAME, THREAD_NAME_MAX);
}

type AnswerPayload = Awaited<ReturnType<typeof chartedEmbed>> & Omit<MessageCreateOptions, 'embeds' | 'files'>;

/**
 * Sends the answer with its chart; where the channel refuses the file (no Attach Files: 50013,
 * and nothing posted), sends it again without the image: its text states every figure.
 */
async function sendCharted(
  send: (payload: AnswerPayload) => Promise<Message>,
  payload: AnswerPayload,
  answer: Answer,
  logger: Logger,
  messageId: string,
): Promise<Message> {
  try {
    return await send(payload);
  } catch (error) {
    if (payload.files.length === 0 || !isMissingPermissions(error)) throw error;
    logger.warn('discord: the chart was refused (Attach Files?); answering without it', { messageId });
    return send({ ...payload, embeds: [renderEmbed(answer)], files: [] });
  }
}

/** Answers in the thread the question started (a new one on the message), in a thread it was asked in, or as a reply. */
async function sendAnswer(message: Message, answer: Answer, deps: Pick<HandlerDeps, 'logger' | 'charts' | 'feedback'>): Promise<Message> {
  const { logger, charts } = deps;
  // The question's id as nonce: a post discord.js retries after a timeout is not posted twice.
  const payload: AnswerPayload = {
    ...(await chartedEmbed(answer, logger, { images: charts })),
    components: votesFor(deps, answer),
    allowedMentions: NO_MENTIONS,
    nonce: message.id,
    enforceNonce: true,
  };
  const channel = message.channel;
  // startThread() throws inside a thread, so check that first.
  const canStartThread = !channel.isThread() && (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement);
  if (message.inGuild() && canStartThread) {
    try {
      const thread =
        message.thread ?? (await message.startThread({ name: threadName(answer), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay }));
      return await sendCharted((p) => thread.send(p), payload, answer, logger, message.id);
    } catch (error) {
      // Usually a missing permission (Create Public Threads): answer in place instead.
      logger.warn('discord: could not answer in a thread; replying in the channel', { error, messageId: message.id });
    }
  }
  return sendCharted((p) => message.reply(p), payload, answer, logger, message.id);
}

/**
 * Whether a server message is for the bot: it names the bot, or the role Discord made for the
 * bot when it joined. Discord's @-autocomplete offers both under the same name, and people
 * often pick the role. @everyone, @here and other roles, even ones the bot holds, are not for us.
 */
function isAddressedToMe(message: Message<true>): boolean {
  const me = message.client.user;
  if (message.mentions.users.has(me.id)) return true;
  const myRole = message.guild.roles.botRoleFor(me);
  return myRole !== null && message.mentions.roles.has(myRole.id);
}

export async function handleMessage(message: Message, deps: Omit<HandlerDeps, 'shares' | 'zones'>): Promise<void> {
  if (message.author.bot || message.webhookId || message.system) return;
  if (message.inGuild() && !isAddressedToMe(message)) return;
  const rate = rateFor(deps, message.author.id, 'mention');
  if (rate !== 'allow') {
    if (rate === 'tell') {
      await message.reply({ content: SLOW_DOWN, allowedMentions: NO_MENTIONS }).catch((error: unknown) => {
        countFailure(deps, error);
        deps.logger.warn('discord: could not say slow down', { error, messageId: message.id });
      });
    }
    return;
  }
  try {
    const request = deps.answerer.parseText(mentionText(message.content), { addressed: message.inGuild() });
    const answer = await deps.answerer.answer(request, messageContext(message));
    void recordIfUnanswered(deps.feedback, 'discord', answer);
    const sent = await sendAnswer(message, answer, deps);
    // Only what a server channel saw is corrected later: a DM's answer is the asker's alone.
    if (message.inGuild()) await deps.recordPost?.({ platform: 'discord', channelId: sent.channelId, messageId: sent.id, answer });
  } catch (error) {
    countFailure(deps, error);
    deps.logger.error('discord: message failed', { error, messageId: message.id, channelId: message.channelId, userId: message.author.id });
    try {
      await message.reply({ content: APOLOGY, allowedMentions: NO_MENTIONS });
    } catch (apologyError) {
      countFailure(deps, apologyError);
      deps.logger.error('discord: could not apologise', { error: apologyError, messageId: message.id });
    }
  }
}
