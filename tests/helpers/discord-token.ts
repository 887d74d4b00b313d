/**
 * The one Discord bot token the tests use, plainly fake. discord.js asks only for a non-empty
 * string; readDiscordConfig asks for three dot-separated base64url parts, so the first is the
 * fake bot's id in base64 (as a real token's is). The middle part is `fake`, not six
 * characters like a real token's, so secret scanners' Discord token patterns do not match it.
 */
export const FAKE_DISCORD_TOKEN = 'OTAwMDAwMDAwMDAwMDAwMDAx.fake.not-a-real-discord-bot-token';
