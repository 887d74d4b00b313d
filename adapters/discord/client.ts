/**
 * The real discord.js client: the smallest intents that still deliver mentions and DMs
 * (mentions carry their content without the privileged Message Content intent), no pings
 * by default, internal sharding, and an injectable REST base for a fake Discord.
 */
import { workerData } from 'node:worker_threads';
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { DiscordConfig } from './config.ts';

/** What discord.js itself reads the ShardingManager's shard list from. */
const shardingEnv = (): Record<string, unknown> => (workerData as Record<string, unknown> | null) ?? process.env;

export const DISCORD_REST_TIMEOUT_MS = 10_000;

export function createDiscordClient(config: Pick<DiscordConfig, 'apiUrl'>, restTimeoutMs = DISCORD_REST_TIMEOUT_MS): Client {
  // Under a ShardingManager, discord.js takes SHARDS/SHARD_COUNT from the environment, but
  // only when `shards` is left unset: an explicit 'auto' would make every process run all shards.
  const managed = 'SHARDS' in shardingEnv();
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached, so without this partial DMs would never arrive.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    ...(managed ? {} : { shards: 'auto' as const }),
    // Every REST call (replies, thread starts, posts) gives up after this long.
    rest: { timeout: restTimeoutMs, ...(config.apiUrl ? { api: config.apiUrl } : {}) },
  });
}
