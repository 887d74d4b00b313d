/**
 * The load generator of `npm run bench:slack`, run as a child process so its work is not
 * charged to the app under test. The parent sends one LoadRequest over IPC; the child answers
 * with a LoadResult and exits.
 *
 * - `paced`: an open loop at a fixed rate, requests evenly spaced (one every 1 ms at
 *   1,000/s). autocannon's own rate limit sends each connection's quota for a second in one
 *   burst, so its "1,000 req/s" measures queueing behind 32 connections, not a steady load.
 * - `max`: autocannon, 32 connections, as fast as the app answers.
 * - `max-distinct`: the same, but every request carries a text never sent before.
 */
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { commandBody, FORM, signedHeaders } from '../tests/slack/signed-requests.ts';

export interface LoadRequest {
  url: string;
  mode: 'paced' | 'max' | 'max-distinct';
  /** Requests per second (paced only). */
  rate: number;
  durationS: number;
  /** Command texts, cycled; every request carries the same response_url. */
  texts: string[];
  responseUrl: string;
}

export interface LoadResult {
  ok: number;
  failed: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

const CONNECTIONS = 32;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * Each request as Slack would send it: its own trigger_id (a repeated one is a replay, answered
 * once) and, here, its own user, so the per-user rate limit never refuses the load.
 */
let users = 0;
function signed(text: string, responseUrl: string) {
  const body = commandBody(text, responseUrl, { user_id: `UBENCH${++users}` });
  return { method: 'POST' as const, body, headers: signedHeaders(body, FORM) };
}

async function paced(request: LoadRequest): Promise<LoadResult> {
  const url = new URL(request.url);
  const pool = new Pool(url.origin, { connections: 64 });
  const total = Math.round(request.rate * request.durationS);
  const interval = 1000 / request.rate;
  const latencies: number[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(Math.floor(wait));
    const sent = performance.now();
    inFlight.push(
      pool
        .request({ path: url.pathname, ...signed(request.texts[i % request.texts.length], request.responseUrl) })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode === 200) latencies.push(performance.now() - sent);
          else failed += 1;
        })
        .catch(() => {
          failed += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    failed,
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function unthrottled(request: LoadRequest): Promise<LoadResult> {
  const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;
  let sequence = 0;
  // Signed here, so the app pays only for what it answers; `max-distinct` adds a text never sent before.
  const distinct = request.mode === 'max-distinct';
  const fresh = {
    method: 'POST',
    setupRequest: (req: Record<string, unknown>) => {
      const text = request.texts[sequence++ % request.texts.length];
      return { ...req, ...signed(distinct ? `${text} (${sequence})` : text, request.responseUrl) };
    },
  };
  const result = await autocannon({
    url: request.url,
    connections: CONNECTIONS,
    duration: request.durationS,
    requests: [fresh],
  });
  return {
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

process.on('disconnect', () => process.exit(1));
process.once('message', async (request: LoadRequest) => {
  const result = request.mode === 'paced' ? await paced(request) : await unthrottled(request);
  process.send?.(result, () => process.exit(0));
});
