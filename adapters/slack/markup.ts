/**
 * Slack's own markup in what people type, removed before the core reads the text: user,
 * channel and special mentions (`<@U1>`, `<#C1|general>`, `<!channel>`, `<!subteam^S1>`),
 * `@channel`, `@here`, `@everyone` written out, and the bot's name written before the
 * command (`@sinorussia`, `/sinorussia`, `sinorussia:`).
 */
const MENTIONS = /<[@#!][^<>\s]*>|@(?:everyone|here|channel)\b/gi;
const ADDRESS = /^(?:[/@]?sinorussia\b[:,]?\s*)+/i;

export function stripSlackMarkup(text: string): string {
  return text.replace(MENTIONS, ' ').replace(/\s+/g, ' ').trim().replace(ADDRESS, '').trim();
}
