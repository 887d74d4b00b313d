/**
 * Posts answers to a slash command's `response_url`. Every response_url of a workspace lives
 * on one origin (hooks.slack.com), so one undici Pool per origin keeps its connections open.
 * Measured against a loopback receiver: Bolt's `respond()` (global fetch) cost ~500 µs of CPU
 * a post, node:http with a keep-alive agent ~140 µs, an undici Pool 40–80 µs: the post is most
 * of what an answer costs beyond Bolt's own ack.
 *
 * A passing failure (5xx, 429, a reset, a refused connection) is retried with backoff,
 * honouring Retry-After, as long as the URL is still valid (Slack: 5 responses within 30
 * minutes). A post that timed out may have landed, so it is never retried.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { noAnswerCode, statusCode } from '../outbound-errors.ts';

export interface PostOptions {
  /** When Slack issued the URL (the request's arrival), ms since the epoch; default now. */
  issuedAt?: number;
}

export interface ResponsePoster {
  /** Posts a JSON message (already serialised); rejects with ResponseUrlError when it cannot. */
  post(responseUrl: string, json: string, options?: PostOptions): Promise<void>;
  /** Waits for posts under way, then closes the connections. */
  close(): Promise<void>;
  /** Ends every post and retry wait at once (the stop's deadline). */
  destroy(): Promise<void>;
}

/**
 * Why a post failed: `refused` (not a Slack URL: nothing sent), `rejected` (a 4xx other than
 * 429: the URL is dead or used up), `unavailable` (passing failures until retries or the URL's
 * validity ran out), `unknown` (timed out after sending: it may have been delivered).
 */
export type ResponseFailure = 'refused' | 'rejected' | 'unavailable' | 'unknown';

export class ResponseUrlError extends Error {
  readonly code = 'RESPONSE_URL_FAILED';
  constructor(
    readonly failure: ResponseFailure,
    readonly status: number | undefined,
    readonly url: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`posting to the response_url failed (${failure}${status === undefined ? '' : `, HTTP ${status}`}, ${attempts} attempt${attempts === 1 ? '' : 's'})`, options);
    this.name = 'ResponseUrlError';
  }
}

export const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';
/** Slack accepts up to five responses within 30 minutes of the request. */
const MAX_ATTEMPTS = 5;
const VALIDITY_MS = 30 * 60_000;
const JSON_HEADERS = { 'content-type': 'application/json' };

export interface ResponsePosterOptions {
  /** The only origins posts may go to (see allowedResponseOrigins). */
  allowedOrigins: readonly string[];
  connections?: number;
  /** Per attempt: no response headers within this long means "unknown". */
  timeoutMs?: number;
  /** The first retry's delay; each next one doubles (a Retry-After longer than that wins). */
  retryBaseMs?: number;
  now?: () => number;
  /** Every failed attempt (retried or not), by code (see adapters/outbound-errors.ts). */
  onFailedAttempt?: (code: string) => void;
}

/** Slack's hooks host, or only the overridden API's origin (a fake Slack in tests). */
export function allowedResponseOrigins(slackApiUrl: string | undefined): string[] {
  return [slackApiUrl ? new URL(slackApiUrl).origin : SLACK_HOOKS_ORIGIN];
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const isTimeout = (error: unknown) => TIMEOUT_CODES.has((error as { code?: string })?.code ?? '');

/** One signal ends every retry wait; each adds a listener, so the usual cap of 10 would warn. */
function stopSignal(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

export function createResponsePoster(options: ResponsePosterOptions): ResponsePoster {
  const pools = new Map<string, Pool>();
  const allowed = new Set(options.allowedOrigins);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const now = options.now ?? Date.now;
  const stopping = stopSignal();
  const failed = options.onFailedAttempt ?? (() => undefined);
  let destroyed = false;

  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: options.connections ?? 64, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      pools.set(origin, pool);
    }
    return pool;
  };

  const parse = (responseUrl: string): URL => {
    let url: URL;
    try {
      url = new URL(responseUrl);
    } catch (error) {
      throw new ResponseUrlError('refused', undefined, responseUrl, 0, { cause: error });
    }
    if (!allowed.has(url.origin)) {
      throw new ResponseUrlError('refused', undefined, responseUrl, 0, { cause: new Error(`${url.origin} is not a Slack response_url origin`) });
    }
    return url;
  };

  /**
   * One attempt: the status and Retry-After, or the network error. No abort signal per post
   * (each would add and remove a listener on one shared signal, costly with thousands under
   * way): destroy() destroys the pools, which fails every post under way at once.
   */
  const attempt = async (url: URL, json: string) => {
    const response = await poolFor(url.origin).request({
      path: url.pathname + url.search, method: 'POST', headers: JSON_HEADERS, body: json,
    });
    await response.body.dump().catch(() => undefined);
    return { status: response.statusCode, retryAfter: response.headers['retry-after'] };
  };

  return {
    async post(responseUrl, json, postOptions = {}) {
      const url = parse(responseUrl);
      if (destroyed) throw new ResponseUrlError('unavailable', undefined, responseUrl, 0, { cause: new Error('the bot is stopping') });
      const validUntil = (postOptions.issuedAt ?? now()) + VALIDITY_MS;
      const { signal } = stopping;
      let lastStatus: number | undefined;
      let lastError: unknown;
      for (let attempts = 1; ; attempts += 1) {
        let wait: number | undefined;
        try {
          const { status, retryAfter } = await attempt(url, json);
          if (status >= 200 && status < 300) return;
          failed(statusCode(status) ?? 'rejected');
          lastStatus = status;
          lastError = undefined;
          if (status !== 429 && status < 500) throw new ResponseUrlError('rejected', status, responseUrl, attempts);
          wait = retryAfterMs(retryAfter, now());
        } catch (error) {
          if (error instanceof ResponseUrlError) throw error;
          if (!signal.aborted) failed(isTimeout(error) ? 'timeout' : noAnswerCode(error));
          if (isTimeout(error)) throw new ResponseUrlError('unknown', undefined, responseUrl, attempts, { cause: error });
          if (signal.aborted) throw new ResponseUrlError('unavailable', undefined, responseUrl, attempts, { cause: error });
          lastStatus = undefined;
          lastError = error;
        }
        const delay = Math.max(wait ?? 0, retryBaseMs * 2 ** (attempts - 1));
        if (attempts >= MAX_ATTEMPTS || now() + delay > validUntil) {
          throw new ResponseUrlError('unavailable', lastStatus, responseUrl, attempts, { cause: lastError });
        }
        try {
          await sleep(delay, undefined, { signal });
        } catch (error) {
          throw new ResponseUrlError('unavailable', lastStatus, responseUrl, attempts, { cause: error });
        }
      }
    },
    async close() {
      const closing = [...pools.values()].map((pool) => pool.close());
      pools.clear();
      await Promise.all(closing);
    },
    async destroy() {
      destroyed = true;
      stopping.abort(new Error('the bot is stopping'));
      const destroying = [...pools.values()].map((pool) => pool.destroy());
      pools.clear();
      await Promise.all(destroying);
    },
  };
}
