/**
 * What a failed Discord REST call means, read once for every path that calls Discord: the
 * interactive answers (handlers.ts counts them) and the daily digest (digest-poster.ts
 * pauses, waits or retries on them).
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { isNoAnswer, noAnswerCode, type OutboundCode, type PlatformFailure, statusCode } from '../outbound-errors.ts';

const kindOf = (code: OutboundCode): PlatformFailure['kind'] =>
  code === 'rate_limited' ? 'rate-limited' : code === 'auth' ? 'auth' : 'retry';

/**
 * Reads what discord.js threw. 403 (Missing Access, Missing Permissions) and 404 (Unknown
 * Channel) mean the bot can no longer post there: gone. Other 4xx (a 401 token, a 400 body)
 * are not about the channel.
 */
export function classifyDiscordError(error: unknown): PlatformFailure {
  if (error instanceof RateLimitError) {
    const waitMs = error.retryAfter > 0 ? error.retryAfter : error.timeToReset;
    return {
      kind: 'rate-limited',
      code: 'rate_limited',
      seen: 'status',
      retryAfterMs: Math.max(0, Math.ceil(waitMs)),
      // The global limit holds every channel; a route's (this channel's) only this one.
      scope: error.global ? 'platform' : 'channel',
      detail: `429 rate limited (${error.global ? 'global' : error.route})`,
    };
  }
  if (error instanceof DiscordAPIError) {
    const code = statusCode(error.status) ?? 'rejected';
    const gone = error.status === 403 || error.status === 404;
    return { kind: gone ? 'gone' : kindOf(code), code, seen: 'status', detail: `${error.status} ${String(error.code)} ${error.message}` };
  }
  if (error instanceof HTTPError) {
    const code = statusCode(error.status) ?? 'rejected';
    return { kind: kindOf(code), code, seen: 'status', detail: `${error.status} ${error.message}` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (isNoAnswer(error)) return { kind: 'retry', code: noAnswerCode(error), seen: 'no-answer', detail };
  return { kind: 'retry', seen: 'local', detail };
}

/**
 * The metric code of a failure the REST client's response listener did not see (no answer
 * at all: timed out, reset, refused); undefined for the rest, already counted or not Discord's.
 */
export function codeToCount(error: unknown): OutboundCode | undefined {
  const failure = classifyDiscordError(error);
  return failure.seen === 'no-answer' ? failure.code : undefined;
}

/** Discord's "Missing Permissions" (50013): the channel refuses what was sent (a file, without Attach Files), not the bot. */
export const isMissingPermissions = (error: unknown) => error instanceof DiscordAPIError && error.code === 50013;
