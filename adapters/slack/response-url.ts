/**
 * Posts to a `response_url` over a keep-alive agent. Bolt's `respond()` uses global fetch,
 * whose per-request cost (~1–2 ms of CPU) capped the adapter near 250 answers/s on 2 cores;
 * node:http with pooled sockets costs a fraction of that. Throws on a non-2xx like respond().
 */
import http from 'node:http';
import https from 'node:https';

export type PostResponse = (responseUrl: string, message: Record<string, unknown>) => Promise<void>;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export class ResponseUrlError extends Error {
  readonly code = 'RESPONSE_URL_FAILED';
  constructor(readonly status: number | undefined, readonly url: string, options?: { cause?: unknown }) {
    super(`posting to the response_url failed${status === undefined ? '' : ` with HTTP ${status}`}`, options);
    this.name = 'ResponseUrlError';
  }
}

export const postResponse: PostResponse = (responseUrl, message) =>
  new Promise((resolve, reject) => {
    const url = new URL(responseUrl);
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) return reject(new ResponseUrlError(undefined, responseUrl, { cause: new Error(`unsupported protocol ${url.protocol}`) }));
    const body = JSON.stringify(message);
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new ResponseUrlError(status, responseUrl));
        });
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error('response_url timed out after 10 s')));
    request.on('error', (error) => reject(new ResponseUrlError(undefined, responseUrl, { cause: error })));
    request.end(body);
  });
