/** One reading of Slack's errors for both paths: the digest's pause/wait/retry and the interactive metric code. */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackPostFailure } from '../../adapters/slack/digest-poster.ts';
import { classifySlackError, codeToCount } from '../../adapters/slack/errors.ts';

const refused = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

describe('classifySlackError', () => {
  it.each([
    ['channel_not_found', 'gone', 'not_found'],
    ['is_archived', 'gone', 'not_found'],
    ['not_in_channel', 'gone', 'forbidden'],
    ['restricted_action', 'gone', 'forbidden'],
    ['thread_not_found', 'retry', 'not_found'],
    ['invalid_auth', 'auth', 'auth'],
    ['token_revoked', 'auth', 'auth'],
    ['missing_scope', 'auth', 'auth'],
    ['ratelimited', 'rate-limited', 'rate_limited'],
    ['internal_error', 'retry', 'server_error'],
    ['msg_too_long', 'retry', 'rejected'],
  ])('ok: false with %s → %s, counted as %s', (name, kind, code) => {
    expect(classifySlackError(refused(name))).toEqual({ kind, code, seen: 'body', detail: name });
    expect(codeToCount(refused(name))).toBe(code);
  });

  it('a 429 carries Retry-After, is seen as a status (the counting fetch has it) and is not counted again', () => {
    const error = new webApi.WebAPIRateLimitedError(7);
    expect(classifySlackError(error)).toEqual({
      kind: 'rate-limited',
      code: 'rate_limited',
      seen: 'status',
      retryAfterMs: 7000,
      detail: 'ratelimited',
    });
    expect(codeToCount(error)).toBeUndefined();
  });

  it('HTTP statuses and missing answers are the transport’s to count', () => {
    const unavailable = new webApi.WebAPIHTTPError(503, 'Service Unavailable', {});
    expect(classifySlackError(unavailable)).toEqual({ kind: 'retry', code: 'server_error', seen: 'status', detail: 'HTTP 503' });
    const refusedToken = new webApi.WebAPIHTTPError(401, 'Unauthorized', {});
    expect(classifySlackError(refusedToken)).toMatchObject({ kind: 'auth', code: 'auth' });
    const reset = new webApi.WebAPIRequestError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));
    expect(classifySlackError(reset)).toMatchObject({ kind: 'retry', code: 'network', seen: 'no-answer' });
    for (const error of [unavailable, refusedToken, reset]) expect(codeToCount(error)).toBeUndefined();
  });

  it('an error that is not Slack’s has no metric code', () => {
    expect(classifySlackError(new RangeError('bad render'))).toEqual({ kind: 'retry', seen: 'local', detail: 'bad render' });
    expect(codeToCount(new RangeError('bad render'))).toBeUndefined();
  });
});

describe('the digest reads the same classification', () => {
  it('gone pauses; a token error, a limit and the rest are retried', () => {
    expect(slackPostFailure(refused('not_in_channel'))).toEqual({ ok: false, kind: 'gone', error: 'not_in_channel' });
    expect(slackPostFailure(refused('token_revoked'))).toEqual({ ok: false, kind: 'retry', error: 'token_revoked' });
    expect(slackPostFailure(new webApi.WebAPIRateLimitedError(30))).toEqual({
      ok: false,
      kind: 'retry',
      retryAfterMs: 30_000,
      error: 'ratelimited',
    });
    expect(slackPostFailure(new webApi.WebAPIHTTPError(502, 'Bad Gateway', {}))).toEqual({ ok: false, kind: 'retry', error: 'HTTP 502' });
  });
});
