import {
  SinorussiaError
} from "./chunk-7DL6OGDQ.js";

// src/config-error.ts
var ConfigError = class extends SinorussiaError {
  variable;
  constructor(variable, problem) {
    super("BAD_CONFIG", `${variable} ${problem}`, variable);
    this.name = "ConfigError";
    this.variable = variable;
  }
};

// adapters/discord/config.ts
var BOT_TOKEN = /^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}$/;
var SNOWFLAKE = /^[0-9]{15,21}$/;
function optional(env, name) {
  const value = env[name]?.trim();
  return value ? value : void 0;
}
function snowflake(env, name) {
  const value = optional(env, name);
  if (value !== void 0 && !SNOWFLAKE.test(value)) {
    throw new ConfigError(name, `must be a numeric Discord id (15 to 21 digits), got "${value.slice(0, 40)}"`);
  }
  return value;
}
function apiUrl(env, name) {
  const value = optional(env, name);
  if (value === void 0) return void 0;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL such as https://discord.com/api, got "${value.slice(0, 100)}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(name, `must use http or https, got "${url.protocol}"`);
  }
  if (value.endsWith("/")) throw new ConfigError(name, `must not end in "/", got "${value.slice(0, 100)}"`);
  return value;
}
function readDiscordConfig(env) {
  const raw = optional(env, "DISCORD_TOKEN");
  if (raw === void 0) return void 0;
  const token = raw.replace(/^Bot\s+/i, "");
  if (!BOT_TOKEN.test(token)) {
    throw new ConfigError("DISCORD_TOKEN", "does not look like a bot token (three dot-separated parts, from the Bot page of the developer portal)");
  }
  return {
    token,
    applicationId: snowflake(env, "DISCORD_APPLICATION_ID"),
    guildId: snowflake(env, "DISCORD_GUILD_ID"),
    apiUrl: apiUrl(env, "DISCORD_API_URL")
  };
}

export {
  ConfigError,
  readDiscordConfig
};
