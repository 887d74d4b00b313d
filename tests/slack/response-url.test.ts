/**
 * The response_url poster over real sockets: what it sends, which URLs it refuses, and how it
 * retries a passing failure (500, 429 with Retry-After, a reset) but never a post that hung.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedResponseOrigins, createResponsePoster, ResponseUrlError, retryAfterMs } from '../../adapters/slack/response-url.ts';
import { readBody } from './fake-slack-api.ts';

interface Received {
  path: string;
  contentType?: string;
  body: string;
  at: number;
}
type Step = number | 'reset' | 'hang' | { status: number; retryAfter: string };

let server: Server;
let base: string;
const received: Received[] = [];
/** Per path: how the next requests to it are answered (then 200). */
const steps = new Map<string, Step[]>();
let poster: ReturnType<typeof createResponsePoster>;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = req.url ?? '';
    received.push({ path, contentType: req.headers['content-type'], body: await readBody(req), at: Date.now() });
    const step = steps.get(path)?.shift() ?? (path.startsWith('/gone') ? 404 : 200);
    if (step === 'hang') return;
    if (step === 'reset') return void req.socket.resetAndDestroy();
    const status = typeof step === 'number' ? step : step.status;
    res.writeHead(status, typeof step === 'object' ? { 'retry-after': step.retryAfter } : {});
    res.end(status === 200 ? 'ok' : 'no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  poster = createResponsePoster({ connections: 4, allowedOrigins: [base], retryBaseMs: 20, timeoutMs: 500 });
});

afterAll(async () => {
  await poster.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const to = (path: string) => received.filter((r) => r.path === path);

describe('response_url poster', () => {
  it('posts the JSON as is, with its content type, to the path and query of the URL', async () => {
    await poster.post(`${base}/commands/T1/2/abc?x=1`, '{"text":"hi"}');
    expect(received.at(-1)).toMatchObject({ path: '/commands/T1/2/abc?x=1', contentType: 'application/json', body: '{"text":"hi"}' });
  });

  it('delivers many concurrent posts, each to its own path, through a pool of 4 connections', async () => {
    const before = received.length;
    await Promise.all(Array.from({ length: 50 }, (_, i) => poster.post(`${base}/many/${i}`, `{"n":${i}}`)));
    expect(
      received
        .slice(before)
        .map((r) => r.path)
        .sort(),
    ).toEqual(Array.from({ length: 50 }, (_, i) => `/many/${i}`).sort());
  });

  it('a 404 (an expired URL) is not retried and rejects with the status', async () => {
    const error = await poster.post(`${base}/gone/1`, '{}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseUrlError);
    expect(error).toMatchObject({ code: 'RESPONSE_URL_FAILED', failure: 'rejected', status: 404, attempts: 1 });
    expect(to('/gone/1')).toHaveLength(1);
  });

  it('retries a 500 and a reset, then delivers', async () => {
    steps.set('/flaky', [500, 'reset']);
    await poster.post(`${base}/flaky`, '{"n":1}');
    expect(to('/flaky')).toHaveLength(3);
  });

  it('waits as long as Retry-After says before trying again', async () => {
    steps.set('/limited', [{ status: 429, retryAfter: '1' }]);
    await poster.post(`${base}/limited`, '{}');
    const [first, second] = to('/limited');
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up after five attempts (Slack takes five responses a URL), saying it was unavailable', async () => {
    steps.set('/down', [503, 503, 503, 503, 503, 503]);
    const error = await poster.post(`${base}/down`, '{}').catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unavailable', status: 503, attempts: 5 });
    expect(to('/down')).toHaveLength(5);
  });

  it("does not retry past the URL's 30 minutes", async () => {
    steps.set('/late', [{ status: 429, retryAfter: '120' }]);
    const error = await poster.post(`${base}/late`, '{}', { issuedAt: Date.now() - 29 * 60_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unavailable', status: 429, attempts: 1 });
  });

  it('a post that hangs is given up on after the timeout and never retried: it may have landed', async () => {
    steps.set('/hang', ['hang']);
    const error = await poster.post(`${base}/hang`, '{}').catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unknown', attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(to('/hang')).toHaveLength(1);
  });

  it('refuses a URL on another origin (or not http at all) without sending anything', async () => {
    const before = received.length;
    for (const url of ['file:///etc/passwd', 'http://127.0.0.1:1/x', 'https://evil.example/commands/1', 'not a url']) {
      const error = await poster.post(url, '{}').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'RESPONSE_URL_FAILED', failure: 'refused', url });
    }
    expect(received.length).toBe(before);
  });

  it('allows only hooks.slack.com, or only the overridden API origin', () => {
    expect(allowedResponseOrigins(undefined)).toEqual(['https://hooks.slack.com']);
    expect(allowedResponseOrigins('http://127.0.0.1:9/api/')).toEqual(['http://127.0.0.1:9']);
  });

  it('destroy() ends a retry wait at once', async () => {
    const own = createResponsePoster({ allowedOrigins: [base], retryBaseMs: 60_000 });
    steps.set('/waiting', [500]);
    const posting = own.post(`${base}/waiting`, '{}').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await own.destroy();
    expect(await posting).toMatchObject({ failure: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });
});
