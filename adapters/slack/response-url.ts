/**
 * Posts answers to a slash command's `response_url`. Every response_url of a workspace lives
 * on one origin (hooks.slack.com), so one undici Pool per origin keeps its connections open.
 * Measured against a loopback receiver: Bolt's `respond()` (global fetch) cost ~500 µs of CPU
 * a post, node:http with a keep-alive agent ~140 µs, an undici Pool 40–80 µs: the post is most
 * of what an answer costs beyond Bolt's own ack.
 */
import { Pool } from 'undici';

export interface ResponsePoster {
  /** Posts a JSON message (already serialised); rejects with ResponseUrlError on a non-2xx. */
  post(responseUrl: string, json: string): Promise<void>;
  close(): Promise<void>;
}

export class ResponseUrlError extends Error {
  readonly code = 'RESPONSE_URL_FAILED';
  constructor(readonly status: number | undefined, readonly url: string, options?: { cause?: unknown }) {
    super(`posting to the response_url failed${status === undefined ? '' : ` with HTTP ${status}`}`, options);
    this.name = 'ResponseUrlError';
  }
}

const TIMEOUT_MS = 10_000;
/** Slack serves response_urls from one host; anything beyond a few origins is not Slack. */
const MAX_ORIGINS = 8;
const JSON_HEADERS = { 'content-type': 'application/json' };

export function createResponsePoster(options: { connections?: number } = {}): ResponsePoster {
  const pools = new Map<string, Pool>();

  const poolFor = (url: URL): Pool => {
    let pool = pools.get(url.origin);
    if (!pool) {
      if (pools.size >= MAX_ORIGINS) {
        const [oldest, oldestPool] = pools.entries().next().value as [string, Pool];
        pools.delete(oldest);
        void oldestPool.close();
      }
      pool = new Pool(url.origin, { connections: options.connections ?? 64, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
      pools.set(url.origin, pool);
    }
    return pool;
  };

  return {
    async post(responseUrl, json) {
      let url: URL;
      try {
        url = new URL(responseUrl);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`unsupported protocol ${url.protocol}`);
      } catch (error) {
        throw new ResponseUrlError(undefined, responseUrl, { cause: error });
      }
      let status: number;
      try {
        const response = await poolFor(url).request({ path: url.pathname + url.search, method: 'POST', headers: JSON_HEADERS, body: json });
        status = response.statusCode;
        await response.body.dump();
      } catch (error) {
        throw new ResponseUrlError(undefined, responseUrl, { cause: error });
      }
      if (status < 200 || status >= 300) throw new ResponseUrlError(status, responseUrl);
    },
    async close() {
      const closing = [...pools.values()].map((pool) => pool.close());
      pools.clear();
      await Promise.all(closing);
    },
  };
}
