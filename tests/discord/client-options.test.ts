import { GatewayIntentBits, Partials } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordClient } from '../../adapters/discord/client.ts';

describe('createDiscordClient', () => {
  const saved = { SHARDS: process.env.SHARDS, SHARD_COUNT: process.env.SHARD_COUNT };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('asks for minimal intents, DM partials, no pings, internal sharding and the given API base', async () => {
    const client = createDiscordClient({ apiUrl: 'http://127.0.0.1:1/api' });
    expect(client.options.intents.bitfield).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    );
    expect(client.options.intents.has(GatewayIntentBits.MessageContent)).toBe(false);
    expect(client.options.partials).toEqual([Partials.Channel]);
    expect(client.options.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(client.options.shards).toBe('auto');
    expect(client.options.rest?.api).toBe('http://127.0.0.1:1/api');
    expect(client.options.rest?.timeout).toBe(10_000);
    await client.destroy();
  });

  it('runs only the shards a ShardingManager assigns to its process', async () => {
    process.env.SHARDS = '[1]';
    process.env.SHARD_COUNT = '2';
    const client = createDiscordClient({});
    expect(client.options.shards).toEqual([1]);
    expect(client.options.shardCount).toBe(2);
    await client.destroy();
  });
});
