/**
 * "Verify with sources", the message context-menu command (an application command of type
 * Message): `data` is its definition, `textToVerify` reads the message it is used on. Discord
 * resolves that message in the interaction itself, its content included, so the bot needs no
 * Message Content intent for it.
 */
import {
  type APIEmbed,
  type APIMessage,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type Message,
} from 'discord.js';
import { verifyCommand } from '../../../src/commands/verify.ts';
import { withoutMentions } from '../markup.ts';

/** The name Discord shows in a message's Apps menu (and the command's name: context menus take spaces): the registry's. */
export const VERIFY_MESSAGE_COMMAND = verifyCommand.messageAction as string;

export const data = new ContextMenuCommandBuilder()
  .setName(VERIFY_MESSAGE_COMMAND)
  .setType(ApplicationCommandType.Message)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

type Embed = Pick<APIEmbed, 'title' | 'description' | 'fields' | 'footer' | 'author'>;

/** What an embed shows in words: a bot's post or a link preview carries its text there. */
function embedText(embed: Embed): string[] {
  return [
    embed.author?.name,
    embed.title,
    embed.description,
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    embed.footer?.text,
  ].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
}

/**
 * The message's words as the core reads them, mentions removed: its content, or, when it has
 * none (embeds only), what its embeds say; empty for a message of files or images alone.
 */
export function textToVerify(message: (Pick<Message, 'content'> & { embeds: readonly (Embed | { data: Embed })[] }) | APIMessage): string {
  const own = typeof message.content === 'string' ? message.content : '';
  if (own.trim() !== '') return withoutMentions(own);
  const embeds = (message.embeds ?? []).map((e) => ('data' in e ? e.data : e) as Embed);
  return withoutMentions(embeds.flatMap(embedText).join('\n'));
}
