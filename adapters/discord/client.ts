/**
 * The real discord.js client: the smallest intents that still deliver mentions and DMs
 * (mentions carry their content without the privileged Message Content intent), no pings
 * by default, internal sharding, and an injectable REST base for a fake Discord.
 */
import { workerData } from 'node:worker_threads';
import { Client, GatewayIntentBits, Partials, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from './config.ts';

/** What discord.js itself reads the ShardingManager's shard list from. */
const shardingEnv = (): Record<string, unknown> => (workerData as Record<string, unknown> | null) ?? process.env;

export const DISCORD_REST_TIMEOUT_MS = 10_000;

/**
 * REST calls go through Node's own fetch, as discord.js allows. Its default sends them with
 * the undici it bundles, but through whatever global dispatcher the process installed first:
 * beside Slack (whose libraries and our response_url poster load undici 7 first) that is
 * undici 7's, which cannot read undici 6's multipart bodies ("action is not a function"), so
 * every answer with a chart PNG failed. Node's fetch builds and sends its bodies itself.
 */
const makeRequest = fetch as unknown as RESTOptions['makeRequest'];

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
    rest: { timeout: restTimeoutMs, makeRequest, ...(config.apiUrl ? { api: config.apiUrl } : {}) },
  });
}
