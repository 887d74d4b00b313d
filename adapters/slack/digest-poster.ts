/**
 * Posts a daily digest in a Slack channel with chat.postMessage, rendered like any answer.
 * The scheduler owns retries and pacing, so this client never retries or waits by itself:
 * a 429 comes back at once as `retry` with Slack's Retry-After. Never throws.
 */
import { webApi } from '@slack/bolt';
import type { Answer } from '../../src/answer/types.ts';
import type { DigestPoster, PostResult } from '../../src/digest/types.ts';
import type { Logger } from '../../src/log.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackConfig } from './config.ts';
import { renderAnswer } from './render.ts';

/**
 * Slack errors that mean "this channel is closed to the bot" and pause its subscription:
 * deleted or unknown (`channel_not_found`), archived, a private channel the bot was removed
 * from (`not_in_channel`), or one where only admins may post (`restricted_action`).
 * Token errors (`invalid_auth`, `token_revoked`, `account_inactive`, …) are not here on
 * purpose: they hit every channel at once, so they are retried (each day's post expires on
 * its own) rather than pausing every subscription over one fixable credential.
 */
export const SLACK_GONE_ERRORS = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'restricted_action']);

const { ErrorCode } = webApi;

/** Maps what the Web API client threw to a PostResult. */
export function slackPostFailure(error: unknown): PostResult {
  const e = error as { code?: unknown; retryAfter?: unknown; statusCode?: unknown; data?: { error?: unknown }; message?: unknown };
  if (e?.code === ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
    return { ok: false, kind: 'retry', ...(seconds === undefined ? {} : { retryAfterMs: seconds * 1000 }), error: 'ratelimited' };
  }
  if (e?.code === ErrorCode.PlatformError) {
    const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
    if (SLACK_GONE_ERRORS.has(code)) return { ok: false, kind: 'gone', error: code };
    return { ok: false, kind: 'retry', error: code };
  }
  if (e?.code === ErrorCode.HTTPError) return { ok: false, kind: 'retry', error: `HTTP ${String(e.statusCode)}` };
  // Network failures (RequestError) and anything unexpected: a passing failure.
  return { ok: false, kind: 'retry', error: typeof e?.message === 'string' ? e.message : String(error) };
}

/** A Web API client for digests only: no retries, and 429s rejected instead of waited out. */
export function digestWebClient(config: Pick<SlackConfig, 'botToken' | 'apiUrl'>, logger?: Logger): InstanceType<typeof webApi.WebClient> {
  return new webApi.WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Bounded so a hung connection becomes a retry, not a stuck scheduler slot.
    timeout: 30_000,
    ...(logger ? { logger: boltLogger(logger) } : {}),
  });
}

export function createSlackDigestPoster(config: Pick<SlackConfig, 'botToken' | 'apiUrl'>, logger?: Logger): DigestPoster {
  const client = digestWebClient(config, logger);
  return {
    platform: 'slack',
    // Slack has no idempotency key for posts: the nonce is the scheduler's, not Slack's.
    async post(channelId: string, digest: Answer): Promise<PostResult> {
      try {
        const message = renderAnswer(digest);
        const result = await client.chat.postMessage({ channel: channelId, ...message, unfurl_links: false, unfurl_media: false });
        return { ok: true, ...(typeof result.ts === 'string' ? { messageId: result.ts } : {}) };
      } catch (error) {
        return slackPostFailure(error);
      }
    },
  };
}
