/**
 * 👍 / 👎 under an answer on Discord: a row of two buttons, the 👎 reason modal (a select of
 * the fixed reasons and a note), the curators' check, the report as a private reply, and the
 * handlers of the clicks and the modal. A custom id holds 100 characters, so buttons carry
 * only the answer's id; the recorder keeps the rest, in memory and in the store, when the
 * answer is sent (`feedback.remember(target)`), so a vote after a restart still carries the
 * query and facts. One on an answer the store no longer has is still kept, by its id.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  type PermissionsBitField,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { parseReason } from '../../src/feedback/reason.ts';
import { digestTarget } from '../../src/feedback/target.ts';
import {
  type FeedbackRecorder,
  type FeedbackTarget,
  MAX_REASON_TEXT,
  REASON_CODES,
  REASON_LABELS,
  type VoteDirection,
  type VoteReason,
} from '../../src/feedback/types.ts';
import type { Logger } from '../../src/log.ts';

export const FEEDBACK_BUTTON_PREFIX = 'sr-fb';
export const REASON_MODAL_PREFIX = 'sr-fb-why';
const REASON_SELECT = 'reason';
const REASON_NOTE = 'note';
const NO_MENTIONS = { parse: [] as never[] };

export const THANKS_UP = 'Thanks! Your 👍 is recorded (no one else sees it).';
export const THANKS_DOWN = 'Thanks: the curators will look at this answer. Your note, if any, goes only to them.';

const ANSWER_ID = /^[0-9a-f]{1,64}$/;

/** The two buttons, to add to an answer's `components`. */
export function feedbackRow(target: FeedbackTarget): ActionRowBuilder<ButtonBuilder> {
  const button = (direction: VoteDirection, emoji: string, label: string) =>
    new ButtonBuilder()
      .setCustomId(`${FEEDBACK_BUTTON_PREFIX}:${direction}:${target.answerId}`)
      .setStyle(ButtonStyle.Secondary)
      .setEmoji(emoji)
      .setLabel(label);
  return new ActionRowBuilder<ButtonBuilder>().addComponents(button('up', '👍', 'Useful'), button('down', '👎', 'Fell short'));
}

/**
 * The rows to add to an answer's `components` (none with feedback off); remembers the answer
 * so a click on the row finds its query and facts. The renderer's one call.
 */
export function feedbackComponents(target: FeedbackTarget, feedback: FeedbackRecorder | undefined): ActionRowBuilder<ButtonBuilder>[] {
  if (!feedback?.enabled) return [];
  feedback.remember(target);
  return [feedbackRow(target)];
}

/** The 👎 reason form: both parts optional. `customId` names what it is about (an answer by default). */
export function reasonModal(answerId: string, customId = `${REASON_MODAL_PREFIX}:${answerId}`): ModalBuilder {
  const select = new StringSelectMenuBuilder()
    .setCustomId(REASON_SELECT)
    .setRequired(false)
    .setMinValues(0)
    .setMaxValues(1)
    .addOptions(REASON_CODES.filter((c) => c !== 'other').map((code) => ({ label: REASON_LABELS[code], value: code })));
  const note = new TextInputBuilder()
    .setCustomId(REASON_NOTE)
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(false)
    .setMaxLength(MAX_REASON_TEXT);
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle('What fell short?')
    .addLabelComponents(
      new LabelBuilder().setLabel('Reason').setStringSelectMenuComponent(select),
      new LabelBuilder().setLabel('Anything else?').setDescription('Only the curators see it.').setTextInputComponent(note),
    );
}

export interface DiscordFeedbackDeps {
  feedback: FeedbackRecorder;
  logger: Logger;
}

/** The parts of a button interaction the handler uses (discord.js's ButtonInteraction has them). */
export interface FeedbackButtonInteraction {
  customId: string;
  user: { id: string };
  reply(options: { content: string; flags: number; allowedMentions: typeof NO_MENTIONS }): Promise<unknown>;
  showModal(modal: ModalBuilder): Promise<unknown>;
}

/** The parts of a modal submission the handler uses (ModalSubmitInteraction). */
export interface ReasonModalInteraction {
  customId: string;
  user: { id: string };
  fields: { getStringSelectValues(customId: string): readonly string[]; getTextInputValue(customId: string): string };
  reply(options: { content: string; flags: number; allowedMentions: typeof NO_MENTIONS }): Promise<unknown>;
}

export const isFeedbackButton = (customId: string) => customId.startsWith(`${FEEDBACK_BUTTON_PREFIX}:`);
export const isReasonModal = (customId: string) => customId.startsWith(`${REASON_MODAL_PREFIX}:`);

const privately = (content: string) => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });

/** The answer a button or modal is about: what the recorder remembers or stored, else its id alone. */
async function targetOf(answerId: string, feedback: FeedbackRecorder): Promise<FeedbackTarget> {
  return (await feedback.find(answerId)) ?? { answerId, kind: 'unknown', query: '', factIds: [] };
}

/** A click: the vote is recorded at once; 👎 then shows the reason form as the first response. Returns whether it was ours. */
export async function handleFeedbackButton(interaction: FeedbackButtonInteraction, deps: DiscordFeedbackDeps): Promise<boolean> {
  const [prefix, direction, answerId] = interaction.customId.split(':');
  if (prefix !== FEEDBACK_BUTTON_PREFIX || (direction !== 'up' && direction !== 'down') || !ANSWER_ID.test(answerId ?? '')) return false;
  if (!deps.feedback.enabled) {
    await interaction.reply(privately('Feedback is switched off on this server.')).catch(() => undefined);
    return true;
  }
  // Recorded before the form opens, so the form's vote (with its reason) always comes after.
  await deps.feedback.vote({
    target: await targetOf(answerId, deps.feedback),
    direction,
    platform: 'discord',
    userId: interaction.user.id,
  });
  try {
    if (direction === 'down') await interaction.showModal(reasonModal(answerId));
    else await interaction.reply(privately(THANKS_UP));
  } catch (error) {
    deps.logger.warn('discord feedback: could not answer the click', { error: (error as Error).message });
  }
  return true;
}

/** What the reason form says (a field the reader left out reads as nothing). */
function reasonOf(interaction: ReasonModalInteraction): VoteReason | undefined {
  const read = <T>(get: () => T, fallback: T) => {
    try {
      return get();
    } catch {
      return fallback;
    }
  };
  const code = read(() => interaction.fields.getStringSelectValues(REASON_SELECT)[0], undefined);
  const note = read(() => interaction.fields.getTextInputValue(REASON_NOTE), '');
  return parseReason(code, note);
}

/** The reason form sent: the 👎 is recorded again with its reason (replacing the first), and thanked privately. */
export async function handleReasonModal(interaction: ReasonModalInteraction, deps: DiscordFeedbackDeps): Promise<boolean> {
  const [prefix, answerId] = interaction.customId.split(':');
  if (prefix !== REASON_MODAL_PREFIX || !ANSWER_ID.test(answerId ?? '')) return false;
  const reason = reasonOf(interaction);
  if (reason && deps.feedback.enabled)
    await deps.feedback.vote({
      target: await targetOf(answerId, deps.feedback),
      direction: 'down',
      reason,
      platform: 'discord',
      userId: interaction.user.id,
    });
  await interaction
    .reply(privately(THANKS_DOWN))
    .catch((error: Error) => deps.logger.warn('discord feedback: could not thank', { error: error.message }));
  return true;
}

/** Who may see `/sinorussia report`: a user listed in CURATORS, or a member with Manage Server. */
export function isDiscordCurator(
  userId: string,
  permissions: Readonly<PermissionsBitField> | null | undefined,
  curators: readonly string[],
): boolean {
  return curators.includes(userId) || Boolean(permissions?.has(PermissionFlagsBits.ManageGuild));
}

// --- digest posts ---

/**
 * A digest post's buttons and form carry its local day (`sr-fbd:down:2026-12-01`): the vote's
 * channel comes from the click, the facts from the digest's record of that channel-day, so a
 * vote is complete after a restart too.
 */
export const DIGEST_BUTTON_PREFIX = 'sr-fbd';
export const DIGEST_REASON_PREFIX = 'sr-fbd-why';
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isDigestFeedbackButton = (customId: string) => customId.startsWith(`${DIGEST_BUTTON_PREFIX}:`);
export const isDigestReasonModal = (customId: string) => customId.startsWith(`${DIGEST_REASON_PREFIX}:`);

/** The 👍 / 👎 row of a digest post of `localDate` (none with feedback off). */
export function digestFeedbackComponents(localDate: string, feedback: FeedbackRecorder | undefined): ActionRowBuilder<ButtonBuilder>[] {
  if (!feedback?.enabled || !LOCAL_DATE.test(localDate)) return [];
  const button = (direction: VoteDirection, emoji: string, label: string) =>
    new ButtonBuilder()
      .setCustomId(`${DIGEST_BUTTON_PREFIX}:${direction}:${localDate}`)
      .setStyle(ButtonStyle.Secondary)
      .setEmoji(emoji)
      .setLabel(label);
  return [new ActionRowBuilder<ButtonBuilder>().addComponents(button('up', '👍', 'Useful'), button('down', '👎', 'Fell short'))];
}

/** Where a click on a digest post came from (discord.js's interactions have these). */
interface DigestPlace {
  channelId: string | null;
  inGuild(): boolean;
}

/** The digest post a click or form is about, with the facts it showed when the digest store has them. */
async function digestTargetOf(localDate: string, place: DigestPlace, feedback: FeedbackRecorder): Promise<FeedbackTarget | undefined> {
  if (!LOCAL_DATE.test(localDate) || !place.channelId) return undefined;
  const post = { platform: 'discord', channelId: place.channelId, localDate };
  const factIds = (await feedback.digestFacts?.(post)) ?? [];
  return digestTarget({ ...post, direct: !place.inGuild() }, factIds);
}

/** A click on a digest post's 👍 / 👎: recorded at once; 👎 then shows the same reason form. Returns whether it was ours. */
export async function handleDigestFeedbackButton(
  interaction: FeedbackButtonInteraction & DigestPlace,
  deps: DiscordFeedbackDeps,
): Promise<boolean> {
  const [prefix, direction, localDate] = interaction.customId.split(':');
  if (prefix !== DIGEST_BUTTON_PREFIX || (direction !== 'up' && direction !== 'down')) return false;
  if (!deps.feedback.enabled) {
    await interaction.reply(privately('Feedback is switched off on this server.')).catch(() => undefined);
    return true;
  }
  const target = await digestTargetOf(localDate ?? '', interaction, deps.feedback);
  if (!target) return false;
  await deps.feedback.vote({ target, direction, platform: 'discord', userId: interaction.user.id });
  try {
    if (direction === 'down') await interaction.showModal(reasonModal(target.answerId, `${DIGEST_REASON_PREFIX}:${localDate}`));
    else await interaction.reply(privately(THANKS_UP));
  } catch (error) {
    deps.logger.warn('discord feedback: could not answer the click', { error: (error as Error).message });
  }
  return true;
}

/** A digest post's reason form sent: the 👎 recorded again with its reason, thanked privately. */
export async function handleDigestReasonModal(
  interaction: ReasonModalInteraction & DigestPlace,
  deps: DiscordFeedbackDeps,
): Promise<boolean> {
  const [prefix, localDate] = interaction.customId.split(':');
  if (prefix !== DIGEST_REASON_PREFIX) return false;
  const target = await digestTargetOf(localDate ?? '', interaction, deps.feedback);
  if (!target) return false;
  const reason = reasonOf(interaction);
  if (reason && deps.feedback.enabled)
    await deps.feedback.vote({ target, direction: 'down', reason, platform: 'discord', userId: interaction.user.id });
  await interaction
    .reply(privately(THANKS_DOWN))
    .catch((error: Error) => deps.logger.warn('discord feedback: could not thank', { error: error.message }));
  return true;
}
