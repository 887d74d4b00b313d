import { describe, expect, it } from 'vitest';
import { readDiscordConfig } from '../../adapters/discord/config.ts';
import { ConfigError } from '../../src/config-error.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';

function errorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    readDiscordConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readDiscordConfig', () => {
  it('is undefined when DISCORD_TOKEN is unset or blank', () => {
    expect(readDiscordConfig({})).toBeUndefined();
    expect(readDiscordConfig({ DISCORD_TOKEN: '  ', DISCORD_GUILD_ID: 'x' })).toBeUndefined();
  });

  it('reads a full configuration and drops a "Bot " prefix', () => {
    expect(
      readDiscordConfig({
        DISCORD_TOKEN: `Bot ${FAKE_DISCORD_TOKEN}`,
        DISCORD_APPLICATION_ID: '900000000000000001',
        DISCORD_GUILD_ID: '900000000000000100',
        DISCORD_API_URL: 'http://127.0.0.1:8080/api',
      }),
    ).toEqual({
      token: FAKE_DISCORD_TOKEN,
      applicationId: '900000000000000001',
      guildId: '900000000000000100',
      apiUrl: 'http://127.0.0.1:8080/api',
    });
    expect(readDiscordConfig({ DISCORD_TOKEN: FAKE_DISCORD_TOKEN })).toEqual({ token: FAKE_DISCORD_TOKEN });
  });

  it.each([
    [{ DISCORD_TOKEN: 'xoxb-123-456' }, 'DISCORD_TOKEN', /does not look like a bot token/],
    [{ DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID', /numeric Discord id.*"my-server"/],
    [{ DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_APPLICATION_ID: '12ab' }, 'DISCORD_APPLICATION_ID', /numeric/],
    [{ DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: 'discord.com/api' }, 'DISCORD_API_URL', /absolute http\(s\) URL/],
    [{ DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: 'ftp://127.0.0.1/api' }, 'DISCORD_API_URL', /http or https/],
    [{ DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: 'http://127.0.0.1:8080/api/' }, 'DISCORD_API_URL', /must not end in "\/"/],
  ])('rejects %o naming %s', (env, variable, problem) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.code).toBe('BAD_CONFIG');
    expect(error.message).toMatch(new RegExp(`^sinorussia: ${variable} `));
    expect(error.message).toMatch(problem);
  });

  it('never echoes the token in an error', () => {
    const secret = 'not-a-token-but-secret-looking-value';
    expect(errorOf({ DISCORD_TOKEN: secret }).message).not.toContain(secret);
  });
});
