/**
 * What a failed Slack Web API call means, read once for every path that calls Slack: the
 * interactive answers (handlers.ts counts them) and the daily digest (digest-poster.ts
 * pauses, waits or retries on them).
 */
import { webApi } from '@slack/bolt';
import { noAnswerCode, type OutboundCode, type PlatformFailure, statusCode } from '../outbound-errors.ts';

const { ErrorCode } = webApi;

/**
 * Slack errors that mean "this channel is closed to the bot": deleted or unknown
 * (`channel_not_found`), archived, a private channel the bot was removed from
 * (`not_in_channel`), or one where only admins may post (`restricted_action`).
 */
export const SLACK_GONE_ERRORS = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'restricted_action']);

/** Token errors: they hit every call at once and are fixed in the app's settings. */
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
]);
const NOT_FOUND_ERRORS = new Set(['channel_not_found', 'thread_not_found', 'message_not_found', 'is_archived', 'user_not_found']);
const FORBIDDEN_ERRORS = new Set([
  'not_in_channel',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'ekm_access_denied',
]);
const RATE_LIMITED_ERRORS = new Set(['ratelimited', 'rate_limited']);
const SERVER_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable']);

/** Slack's `ok: false` error name (`channel_not_found`, …) as a metric code. */
function refusalCode(name: string): OutboundCode {
  if (RATE_LIMITED_ERRORS.has(name)) return 'rate_limited';
  if (AUTH_ERRORS.has(name)) return 'auth';
  if (NOT_FOUND_ERRORS.has(name)) return 'not_found';
  if (FORBIDDEN_ERRORS.has(name)) return 'forbidden';
  if (SERVER_ERRORS.has(name)) return 'server_error';
  return 'rejected';
}

const kindOf = (code: OutboundCode | undefined): PlatformFailure['kind'] =>
  code === 'rate_limited' ? 'rate-limited' : code === 'auth' ? 'auth' : 'retry';

/** Reads what the Web API client threw. */
export function classifySlackError(error: unknown): PlatformFailure {
  const e = error as
    | { code?: unknown; retryAfter?: unknown; statusCode?: unknown; data?: { error?: unknown }; original?: unknown; message?: unknown }
    | undefined;
  if (e?.code === ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
    return {
      kind: 'rate-limited',
      code: 'rate_limited',
      seen: 'status',
      ...(seconds === undefined ? {} : { retryAfterMs: seconds * 1000 }),
      detail: 'ratelimited',
    };
  }
  if (e?.code === ErrorCode.PlatformError) {
    const name = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
    const code = refusalCode(name);
    return { kind: SLACK_GONE_ERRORS.has(name) ? 'gone' : kindOf(code), code, seen: 'body', detail: name };
  }
  if (e?.code === ErrorCode.HTTPError) {
    const code = typeof e.statusCode === 'number' ? (statusCode(e.statusCode) ?? 'rejected') : 'rejected';
    return { kind: kindOf(code), code, seen: 'status', detail: `HTTP ${String(e.statusCode)}` };
  }
  const detail = typeof e?.message === 'string' ? e.message : String(error);
  if (e?.code === ErrorCode.RequestError) return { kind: 'retry', code: noAnswerCode(e.original ?? error), seen: 'no-answer', detail };
  return { kind: 'retry', seen: 'local', detail };
}

/**
 * The metric code of a failure the Web API client's counting fetch did not see (Slack's
 * `ok: false` comes in a 200); undefined for the rest, already counted or not Slack's.
 */
export function codeToCount(error: unknown): OutboundCode | undefined {
  const failure = classifySlackError(error);
  return failure.seen === 'body' ? failure.code : undefined;
}
