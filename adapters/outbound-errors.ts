/**
 * Failed calls to a platform, as the operator's metrics count them (by platform and a short
 * code). Each adapter reports through the hook it is given; the codes are the same for both
 * platforms so one alert covers them: `rate_limited`, `server_error`, `auth`, `not_found`,
 * `forbidden`, `rejected` (another 4xx), `timeout`, `network`.
 */
import type { PostResult } from '../src/digest/types.ts';

export type OutboundErrorHook = (platform: string, code: string) => void;

export type OutboundCode = 'rate_limited' | 'server_error' | 'auth' | 'not_found' | 'forbidden' | 'rejected' | 'timeout' | 'network';

/**
 * One failed call to a platform, as each adapter's `classify…Error` reads it, once for its
 * interactive and its digest path alike.
 */
export interface PlatformFailure {
  /**
   * What it means for the caller: the channel is closed to the bot (`gone`), the platform
   * asks to wait (`rate-limited`), the bot's credentials are refused (`auth`), or anything
   * else that may pass (`retry`).
   */
  kind: 'gone' | 'rate-limited' | 'auth' | 'retry';
  /** The operator's metric code; absent when the error is not a platform's answer at all (a local bug). */
  code?: OutboundCode;
  /**
   * How it showed: an HTTP error status, a refusal in a 2xx body (Slack's `ok: false`), no
   * answer at all, or an error raised locally. Transport hooks count statuses (and, where
   * they see them, missing answers) as they happen; the rest is counted where it is caught.
   */
  seen: 'status' | 'body' | 'no-answer' | 'local';
  /** How long the platform asked to wait. */
  retryAfterMs?: number;
  /** Whose limit was hit: the whole platform's (every channel waits) or this channel's. */
  scope?: 'channel' | 'platform';
  /** Short, for logs and the digest's record: the platform's own error name or status. */
  detail: string;
}

export const NO_OUTBOUND_ERRORS: OutboundErrorHook = () => undefined;

/** An HTTP status that is a failure, as a code; undefined for a success. */
export function statusCode(status: number): OutboundCode | undefined {
  if (status < 400) return undefined;
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  return 'rejected';
}

const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ECONNABORTED']);

/** A call that got no HTTP answer at all: `timeout` when it gave up waiting, else `network`. */
export function noAnswerCode(error: unknown): 'timeout' | 'network' {
  const e = error as { name?: string; code?: string; cause?: { name?: string; code?: string } } | undefined;
  const names = [e?.name, e?.cause?.name];
  const codes = [e?.code, e?.cause?.code];
  return names.some((n) => n && TIMEOUT_NAMES.has(n)) || codes.some((c) => c && TIMEOUT_CODES.has(c)) ? 'timeout' : 'network';
}

/**
 * Whether an error is a fetch that got no answer (timed out, reset, refused): fetch rejects
 * with an AbortError or a TypeError whose cause names the socket's error. A store's own
 * connection errors (code on the error itself) are not the platform's.
 */
export function isNoAnswer(error: unknown): boolean {
  const e = error as { name?: string; cause?: { code?: unknown } } | undefined;
  if (e?.name && TIMEOUT_NAMES.has(e.name)) return true;
  return error instanceof TypeError && typeof e?.cause?.code === 'string';
}

/**
 * A digest post's result from a failure. Only `gone` pauses a subscription: an `auth` failure
 * hits every channel at once, so it is retried (each day's post expires on its own) rather
 * than pausing every subscription over one fixable credential.
 */
export function postResultOf(failure: PlatformFailure): PostResult {
  if (failure.kind === 'gone') return { ok: false, kind: 'gone', error: failure.detail };
  return {
    ok: false,
    kind: 'retry',
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    ...(failure.scope === undefined ? {} : { scope: failure.scope }),
    error: failure.detail,
  };
}
