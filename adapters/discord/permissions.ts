/**
 * The channel permissions the bot needs, each with what it is for; the README's invite link
 * asks for exactly these (a test holds them equal).
 */
import { PermissionFlagsBits } from 'discord.js';

export const BOT_PERMISSIONS = {
  ViewChannel: 'see the channels where it is mentioned',
  SendMessages: 'answer mentions and post digests',
  SendMessagesInThreads: 'answer in the thread under a mention',
  CreatePublicThreads: 'start that thread (without it: a plain reply)',
  EmbedLinks: 'show answers as embeds',
  AttachFiles: 'attach the chart PNG to digests and mention replies (without it: the answer goes without the image)',
  ReadMessageHistory: 'reply to a message',
} as const satisfies Partial<Record<keyof typeof PermissionFlagsBits, string>>;

/** The invite link's `permissions` integer. */
export function invitePermissions(): bigint {
  return Object.keys(BOT_PERMISSIONS).reduce((bits, name) => bits | PermissionFlagsBits[name as keyof typeof PermissionFlagsBits], 0n);
}
