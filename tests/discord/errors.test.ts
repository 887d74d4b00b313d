/** One reading of Discord's errors for both paths: the digest's pause/wait/retry and the interactive metric code. */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { discordPostFailure } from '../../adapters/discord/digest-poster.ts';
import { classifyDiscordError, codeToCount } from '../../adapters/discord/errors.ts';

const URL = 'http://127.0.0.1/api/v10/channels/123456789012345678/messages';
const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'POST', URL, { body: {} });
const rateLimit = (global: boolean, retryAfter: number) =>
  new RateLimitError({
    timeToReset: 9000,
    limit: 5,
    method: 'POST',
    hash: 'h',
    url: URL,
    route: '/channels/:id/messages',
    majorParameter: '1',
    global,
    retryAfter,
    sublimitTimeout: 0,
    scope: global ? 'global' : 'user',
  });

describe('classifyDiscordError', () => {
  it.each([
    [404, 10003, 'Unknown Channel', 'gone', 'not_found'],
    [403, 50001, 'Missing Access', 'gone', 'forbidden'],
    [401, 0, '401: Unauthorized', 'auth', 'auth'],
    [400, 50035, 'Invalid Form Body', 'retry', 'rejected'],
    [500, 0, 'Internal Server Error', 'retry', 'server_error'],
  ])('%i %i → %s, counted as %s', (status, code, message, kind, metric) => {
    expect(classifyDiscordError(apiError(status, code, message))).toEqual({
      kind,
      code: metric,
      seen: 'status',
      detail: `${status} ${code} ${message}`,
    });
  });

  it('a rate limit carries its wait and whose limit it was', () => {
    expect(classifyDiscordError(rateLimit(true, 1500))).toEqual({
      kind: 'rate-limited',
      code: 'rate_limited',
      seen: 'status',
      retryAfterMs: 1500,
      scope: 'platform',
      detail: '429 rate limited (global)',
    });
    expect(classifyDiscordError(rateLimit(false, 0))).toMatchObject({
      retryAfterMs: 9000,
      scope: 'channel',
      detail: '429 rate limited (/channels/:id/messages)',
    });
  });

  it('a body that is not JSON (an HTML 502) is a status too', () => {
    expect(classifyDiscordError(new HTTPError(502, 'Bad Gateway', 'POST', URL, { body: {} }))).toEqual({
      kind: 'retry',
      code: 'server_error',
      seen: 'status',
      detail: '502 Bad Gateway',
    });
  });

  it('only a missing answer is left to the handlers to count (statuses are counted as they arrive)', () => {
    const timeout = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    const refused = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    expect(classifyDiscordError(timeout)).toEqual({
      kind: 'retry',
      code: 'timeout',
      seen: 'no-answer',
      detail: 'This operation was aborted',
    });
    expect(codeToCount(timeout)).toBe('timeout');
    expect(codeToCount(refused)).toBe('network');
    expect(codeToCount(apiError(404, 10062, 'Unknown interaction'))).toBeUndefined();
    expect(classifyDiscordError(new Error('not a guild text or news channel'))).toEqual({
      kind: 'retry',
      seen: 'local',
      detail: 'not a guild text or news channel',
    });
    expect(codeToCount(new Error('not a guild text or news channel'))).toBeUndefined();
  });
});

describe('the digest reads the same classification', () => {
  it('gone pauses; a token error, a limit and the rest are retried', () => {
    expect(discordPostFailure(apiError(403, 50013, 'Missing Permissions'))).toEqual({
      ok: false,
      kind: 'gone',
      error: '403 50013 Missing Permissions',
    });
    expect(discordPostFailure(apiError(401, 0, '401: Unauthorized'))).toEqual({
      ok: false,
      kind: 'retry',
      error: '401 0 401: Unauthorized',
    });
    expect(discordPostFailure(rateLimit(true, 2000))).toEqual({
      ok: false,
      kind: 'retry',
      retryAfterMs: 2000,
      scope: 'platform',
      error: '429 rate limited (global)',
    });
  });
});
