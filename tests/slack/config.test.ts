import { describe, expect, it } from 'vitest';
import { readSlackConfig } from '../../adapters/slack/config.ts';
import { ConfigError } from '../../src/config-error.ts';

const failure = (env: Record<string, string | undefined>) => {
  try {
    readSlackConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('readSlackConfig', () => {
  it('is off without SLACK_BOT_TOKEN (blank counts as unset)', () => {
    expect(readSlackConfig({})).toBeUndefined();
    expect(readSlackConfig({ SLACK_BOT_TOKEN: '  ' })).toBeUndefined();
  });

  it('chooses Socket Mode with an app token, HTTP mode otherwise', () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual({
      mode: 'socket',
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      apiUrl: undefined,
    });
    expect(
      readSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api' }),
    ).toEqual({
      mode: 'http',
      botToken: 'xoxb-1',
      signingSecret: 'abc',
      port: 8080,
      apiUrl: 'http://127.0.0.1:9/api/',
    });
    expect(readSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc' })).toMatchObject({ port: 3000 });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN', /xoxb-.*"xoxp-…"/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, 'SLACK_APP_TOKEN', /xapp-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET', /missing/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: 'eighty' }, 'PORT', /"eighty"/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '70000' }, 'PORT', /"70000"/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL', /"ftp:\/\/x"/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'not a url' }, 'SLACK_API_URL', /"not a url"/],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN', /SLACK_APP_TOKEN is set/],
  ])('%j fails naming %s', (env, variable, message) => {
    const error = failure(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('BAD_CONFIG');
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });

  it('never prints a whole secret', () => {
    expect(failure({ SLACK_BOT_TOKEN: 'xoxp-secret-secret' }).message).not.toContain('secret-secret');
  });
});
