/**
 * Discord settings, read from the environment once at start-up. A missing or malformed
 * value stops start-up with one ConfigError naming the variable (never echoing the token).
 */
import { ConfigError } from '../../src/config-error.ts';

export interface DiscordConfig {
  /** The bot token, without a `Bot ` prefix. */
  token: string;
  /** Needed only by the deploy script; it asks Discord (`/applications/@me`) when unset. */
  applicationId?: string;
  /** Deploy commands to this guild only (instant, for development) instead of globally. */
  guildId?: string;
  /** REST API base for discord.js, e.g. a fake Discord on loopback in tests. */
  apiUrl?: string;
}

type Env = Record<string, string | undefined>;

// Three base64url parts: the bot's user id, a timestamp and an HMAC.
const BOT_TOKEN = /^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}$/;
const SNOWFLAKE = /^[0-9]{15,21}$/;

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function snowflake(env: Env, name: string): string | undefined {
  const value = optional(env, name);
  if (value !== undefined && !SNOWFLAKE.test(value)) {
    throw new ConfigError(name, `must be a numeric Discord id (15 to 21 digits), got "${value.slice(0, 40)}"`);
  }
  return value;
}

function apiUrl(env: Env, name: string): string | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL such as https://discord.com/api, got "${value.slice(0, 100)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must use http or https, got "${url.protocol}"`);
  }
  // discord.js appends `/v10/...`; a trailing slash would give `//v10`.
  if (value.endsWith('/')) throw new ConfigError(name, `must not end in "/", got "${value.slice(0, 100)}"`);
  return value;
}

/** Undefined when DISCORD_TOKEN is unset: Discord is simply not configured. */
export function readDiscordConfig(env: Env): DiscordConfig | undefined {
  const raw = optional(env, 'DISCORD_TOKEN');
  if (raw === undefined) return undefined;
  const token = raw.replace(/^Bot\s+/i, '');
  if (!BOT_TOKEN.test(token)) {
    throw new ConfigError(
      'DISCORD_TOKEN',
      'does not look like a bot token (three dot-separated parts, from the Bot page of the developer portal)',
    );
  }
  return {
    token,
    applicationId: snowflake(env, 'DISCORD_APPLICATION_ID'),
    guildId: snowflake(env, 'DISCORD_GUILD_ID'),
    apiUrl: apiUrl(env, 'DISCORD_API_URL'),
  };
}
