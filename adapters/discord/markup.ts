/**
 * Discord's own markup in what people type, removed before the core reads the text: user,
 * role and channel mentions (`<@1>`, `<@!1>`, `<@&1>`, `<#1>`), `@everyone` and `@here`, and
 * the bot's name written before the command (`@sinorussia`, `/sinorussia`, `sinorussia:`).
 */
const MENTIONS = /<(?:@[!&]?|#)[^<>\s]*>|@(?:everyone|here)\b/gi;
const ADDRESS = /^(?:[/@]?sinorussia\b[:,]?\s*)+/i;

/** A typed option's value without mentions: people can mention in a slash command's options too. */
export function withoutMentions(content: unknown): string {
  const text = typeof content === 'string' ? content : '';
  return text.replace(MENTIONS, ' ').replace(/\s+/g, ' ').trim();
}

export function mentionText(content: unknown): string {
  return withoutMentions(content).replace(ADDRESS, '').trim();
}
