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
 *
 * With an outbox, a post is saved once its first retry is scheduled (never on the first
 * attempt: that is the ack's path) and held under a lease while it waits, so a kill -9 loses
 * no answer: `resume()` (on start, then every little while) takes over the posts whose lease
 * ran out and delivers them. Delivered or given up on, the saved post is deleted.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Logger } from '../../src/log.ts';
import type { Outbox } from '../../src/outbox.ts';
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
  /** Ends every post and retry wait at once (the stop's deadline); saved posts stay for the next start. */
  destroy(): Promise<void>;
  /**
   * Delivers the saved posts no process holds any more (this one's predecessor was killed),
   * and looks again every `sweepEveryMs` until closed; resolves with how many were taken over.
   */
  resume(): Promise<number>;
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
    options?: { cause?: unknown; detail?: string },
  ) {
    const http = status === undefined ? '' : `, HTTP ${status}`;
    const said = options?.detail ? `: ${options.detail}` : '';
    super(`posting to the response_url failed (${failure}${http}${said}, ${attempts} attempt${attempts === 1 ? '' : 's'})`, options);
    this.name = 'ResponseUrlError';
    this.detail = options?.detail;
  }

  /** What Slack said with a refusal (`invalid_blocks`, `expired_url`), cut short; absent otherwise. */
  readonly detail?: string;
}

export const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';
/** Slack accepts up to five responses within 30 minutes of the request. */
const MAX_ATTEMPTS = 5;
const VALIDITY_MS = 30 * 60_000;
const JSON_HEADERS = { 'content-type': 'application/json' };
/** The most of a refusal's body kept in the error. */
const MAX_DETAIL = 200;

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
  /** Where posts waiting to retry are kept; in memory only when absent. */
  outbox?: Outbox;
  /** Reports the outbox's troubles and give-ups; silent when absent. */
  logger?: Logger;
  /** A held post's lease outlasts its next attempt's timeout by this much. */
  leaseMarginMs?: number;
  /** How often resume() looks again for posts whose holder died. */
  sweepEveryMs?: number;
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
  let closed = false;
  const { outbox, logger } = options;
  const owner = randomUUID();
  const leaseMarginMs = options.leaseMarginMs ?? 5000;
  const sweepEveryMs = options.sweepEveryMs ?? 5000;
  let sweepTimer: NodeJS.Timeout | undefined;

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
      throw new ResponseUrlError('refused', undefined, responseUrl, 0, {
        cause: new Error(`${url.origin} is not a Slack response_url origin`),
      });
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
      path: url.pathname + url.search,
      method: 'POST',
      headers: JSON_HEADERS,
      body: json,
    });
    const status = response.statusCode;
    // A refusal's body names why (`invalid_blocks`); everything else is dropped unread.
    const refused = status >= 400 && status < 500 && status !== 429;
    const detail = refused
      ? await response.body.text().then(
          (t) => t.slice(0, MAX_DETAIL),
          () => undefined,
        )
      : undefined;
    if (!refused) await response.body.dump().catch(() => undefined);
    return { status, retryAfter: response.headers['retry-after'], detail };
  };

  /** Saves (first retry) or renews (later ones) the post's row; false when another instance took it over. */
  const hold = async (
    held: { id?: string },
    responseUrl: string,
    json: string,
    attempts: number,
    validUntil: number,
    nextAttemptAt: number,
  ): Promise<boolean> => {
    if (!outbox) return true;
    const leaseUntil = nextAttemptAt + timeoutMs + leaseMarginMs;
    try {
      if (held.id) return await outbox.renew(held.id, owner, { attempts, nextAttemptAt, leaseUntil });
      const id = randomUUID();
      await outbox.save({ id, url: responseUrl, body: json, attempts, expiresAt: validUntil, nextAttemptAt }, owner, leaseUntil);
      held.id = id;
    } catch (error) {
      // The retry goes on in memory; only a restart in the meantime would lose it.
      logger?.warn('slack: a response_url post waiting to retry could not be saved', { error: (error as Error).message });
    }
    return true;
  };

  const forget = async (held: { id?: string }) => {
    if (!outbox || !held.id) return;
    const { id } = held;
    held.id = undefined;
    await outbox
      .remove(id)
      .catch((error: unknown) =>
        logger?.warn('slack: a delivered response_url post could not be forgotten', { error: (error as Error).message }),
      );
  };

  /** Attempts after the `attempts` already made, until delivered or given up on. */
  const deliver = async (
    url: URL,
    responseUrl: string,
    json: string,
    start: { attempts: number; validUntil: number; id?: string },
  ): Promise<void> => {
    const { signal } = stopping;
    const { validUntil } = start;
    const held: { id?: string } = { id: start.id };
    let lastStatus: number | undefined;
    let lastError: unknown;
    for (let attempts = start.attempts + 1; ; attempts += 1) {
      let wait: number | undefined;
      try {
        const { status, retryAfter, detail } = await attempt(url, json);
        if (status >= 200 && status < 300) return await forget(held);
        failed(statusCode(status) ?? 'rejected');
        lastStatus = status;
        lastError = undefined;
        if (status !== 429 && status < 500) {
          await forget(held);
          throw new ResponseUrlError('rejected', status, responseUrl, attempts, { detail });
        }
        wait = retryAfterMs(retryAfter, now());
      } catch (error) {
        if (error instanceof ResponseUrlError) throw error;
        if (!signal.aborted) failed(isTimeout(error) ? 'timeout' : noAnswerCode(error));
        if (isTimeout(error)) {
          // It may have landed: never sent again, so not kept either.
          await forget(held);
          throw new ResponseUrlError('unknown', undefined, responseUrl, attempts, { cause: error });
        }
        // Stopping: a saved post stays for the next start.
        if (signal.aborted) throw new ResponseUrlError('unavailable', undefined, responseUrl, attempts, { cause: error });
        lastStatus = undefined;
        lastError = error;
      }
      const delay = Math.max(wait ?? 0, retryBaseMs * 2 ** (attempts - 1));
      if (attempts >= MAX_ATTEMPTS || now() + delay > validUntil) {
        if (held.id) logger?.warn('slack: gave up on a saved response_url post', { attempts, status: lastStatus });
        await forget(held);
        throw new ResponseUrlError('unavailable', lastStatus, responseUrl, attempts, { cause: lastError });
      }
      if (!(await hold(held, responseUrl, json, attempts, validUntil, now() + delay))) {
        logger?.info('slack: another instance took over a response_url post waiting to retry', { attempts });
        return;
      }
      try {
        await sleep(delay, undefined, { signal });
      } catch (error) {
        throw new ResponseUrlError('unavailable', lastStatus, responseUrl, attempts, { cause: error });
      }
    }
  };

  /** Stops the sweep and every retry wait, then ends each connection pool the way given. */
  async function endPools(end: (pool: Pool) => Promise<void>): Promise<void> {
    clearTimeout(sweepTimer);
    stopping.abort(new Error('the bot is stopping'));
    const ending = [...pools.values()].map(end);
    pools.clear();
    await Promise.all(ending);
  }
  const poster: ResponsePoster = {
    async post(responseUrl, json, postOptions = {}) {
      const url = parse(responseUrl);
      if (destroyed) throw new ResponseUrlError('unavailable', undefined, responseUrl, 0, { cause: new Error('the bot is stopping') });
      await deliver(url, responseUrl, json, { attempts: 0, validUntil: (postOptions.issuedAt ?? now()) + VALIDITY_MS });
    },
    async resume() {
      if (!outbox || destroyed || closed) return 0;
      clearTimeout(sweepTimer);
      let taken = 0;
      try {
        const at = now();
        const expired = await outbox.removeExpired(at);
        if (expired > 0) logger?.warn('slack: saved response_url posts expired before they could be delivered; dropped', { expired });
        // Stopped while this sweep waited on the database: take over and send nothing (the pools
        // are gone; a post claimed just now waits for its lease to run out, as after a kill).
        if (destroyed || closed) return 0;
        const orphans = await outbox.claimOrphans(owner, at, at + timeoutMs + leaseMarginMs);
        if (destroyed || closed) return 0;
        taken = orphans.length;
        if (taken > 0) logger?.info('slack: delivering response_url posts saved by a stopped instance', { posts: taken });
        for (const post of orphans) {
          let url: URL;
          try {
            url = parse(post.url);
          } catch (error) {
            logger?.warn('slack: a saved response_url post names a URL no longer allowed; dropped', { error: (error as Error).message });
            await outbox.remove(post.id);
            continue;
          }
          void deliver(url, post.url, post.body, { attempts: post.attempts, validUntil: post.expiresAt, id: post.id }).catch(
            (error: unknown) =>
              logger?.warn('slack: a saved response_url post could not be delivered', { error: (error as Error).message }),
          );
        }
      } catch (error) {
        logger?.warn('slack: the saved response_url posts could not be read; trying again later', { error: (error as Error).message });
      }
      if (!destroyed && !closed) sweepTimer = setTimeout(() => void poster.resume(), sweepEveryMs).unref();
      return taken;
    },
    async close() {
      closed = true;
      // Only taken-over posts can still be waiting here (answers were drained): their rows stay.
      await endPools((pool) => pool.close());
    },
    async destroy() {
      destroyed = true;
      await endPools((pool) => pool.destroy());
    },
  };
  return poster;
}
