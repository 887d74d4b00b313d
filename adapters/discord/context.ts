/**
 * Who asks, where, for the core's channel commands (the daily digest). A digest is a
 * channel's: a command or mention in a thread acts on the thread's parent channel, as a Slack
 * command in a thread acts on its channel. Only members who may manage that channel may change
 * its digest; in a DM (no member, no permissions) the asker owns the conversation.
 */
import {
  type CommandInteraction,
  type GuildMember,
  type Message,
  PermissionFlagsBits,
  type PermissionsBitField,
  type TextBasedChannel,
} from 'discord.js';
import type { ChannelContext } from '../../src/digest/types.ts';
import { isDiscordCurator } from './feedback.ts';

/** The channel a digest command acts on: a thread's parent, or the channel itself; its name when known. */
function actedOn(channel: TextBasedChannel | null, channelId: string): { channelId: string; channelName?: string } {
  if (channel?.isThread() && channel.parentId) {
    const parentName = channel.parent?.name;
    return { channelId: channel.parentId, ...(parentName ? { channelName: parentName } : {}) };
  }
  const name = channel && 'name' in channel && !channel.isDMBased() ? channel.name : undefined;
  return { channelId, ...(name ? { channelName: name } : {}) };
}

/** May this member manage the channel? Uncached channel or member: deny rather than guess. */
function canManageIn(member: GuildMember | null, channelId: string): boolean {
  try {
    return member?.permissionsIn(channelId).has(PermissionFlagsBits.ManageChannels) ?? false;
  } catch {
    return false;
  }
}

export function interactionContext(interaction: CommandInteraction, curators: readonly string[] = []): ChannelContext {
  const permissions: Readonly<PermissionsBitField> | null = interaction.memberPermissions;
  const where = actedOn(interaction.channel, interaction.channelId);
  // Discord computes the member's permissions in the channel the command came from; in a
  // thread they are checked again on the parent, whose digest it is.
  const inThread = where.channelId !== interaction.channelId;
  const member = interaction.inCachedGuild() ? interaction.member : null;
  const canManage = inThread
    ? canManageIn(member, where.channelId)
    : permissions
      ? permissions.has(PermissionFlagsBits.ManageChannels)
      : !interaction.inGuild();
  return {
    platform: 'discord',
    ...where,
    userId: interaction.user.id,
    canManage,
    // A command's private answers are ephemeral: the one place the report may be shown.
    ...(isDiscordCurator(interaction.user.id, permissions, curators) ? { curator: true } : {}),
  };
}

/** The same for a mention: the author's permissions in the channel acted on. */
export function messageContext(message: Message): ChannelContext {
  const where = actedOn(message.channel, message.channelId);
  const canManage = message.inGuild() ? canManageIn(message.member, where.channelId) : true;
  return { platform: 'discord', ...where, userId: message.author.id, canManage };
}
