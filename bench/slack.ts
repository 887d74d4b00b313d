/**
 * `npm run bench:slack`: ack latency and throughput of the Slack adapter in HTTP mode, against
 * a bare Bolt app whose command handler only acks. Load comes from a second process
 * (autocannon in a forked child) over loopback; every answer must reach its response_url.
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { App } from '@slack/bolt';
import { KNOWLEDGE_DIR } from '../app/knowledge-dir.ts';
import { createAnswerer } from '../src/commands/index.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { createLogger } from '../src/log.ts';
import { startSlack } from '../adapters/slack/index.ts';
import { commandBody, FORM, signedHeaders, SIGNING_SECRET } from '../tests/slack/signed-requests.ts';

const RATES = [250, 500, 1000, 0]; // requests/s; 0 = as fast as the app goes
const DURATION_S = 5;
const CONNECTIONS = 32;

interface LoadResult {
  rate: number;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  ok: number;
  failed: number;
}

// ---- the load generator (child process) ----

interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

async function runLoad(url: string, rate: number, body: string): Promise<LoadResult> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const result = await autocannon({
    url,
    method: 'POST',
    body,
    headers: signedHeaders(body, FORM), // one timestamp, valid for 5 minutes: enough for a run
    connections: CONNECTIONS,
    duration: DURATION_S,
    ...(rate > 0 ? { overallRate: rate } : {}),
  });
  return {
    rate,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerSecond: result.requests.average,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

if (process.argv[2] === '--load') {
  const [url, rate, body] = process.argv.slice(3);
  runLoad(url, Number(rate), body).then((result) => {
    process.send?.(result);
    process.exit(0);
  });
} else if (process.argv[2] === '--fake') {
  await serveFakeSlack();
} else {
  await main();
}

function loadFromChild(url: string, rate: number, body: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1], ['--load', url, String(rate), body], { execArgv: process.execArgv });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited with ${code}`))));
  });
}

// ---- the apps under test (this process) ----

/**
 * The fake Web API and the response_url receiver, counting answers per run. It runs in a
 * process of its own, as Slack would, so its work is not charged to the app under test.
 */
async function serveFakeSlack() {
  const delivered = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (path.startsWith('/api/auth.test')) return res.end('{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T0FAKE"}');
      if (path.startsWith('/response/')) delivered.set(path, (delivered.get(path) ?? 0) + 1);
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', (message: { run: string }) => process.send?.({ run: message.run, count: delivered.get(`/response/${message.run}`) ?? 0 }));
  process.send?.({ port: (server.address() as AddressInfo).port });
}

async function startFakeSlackCounter() {
  const child = fork(process.argv[1], ['--fake'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  const base = `http://127.0.0.1:${port}`;
  const counts = new Map<string, number>();
  child.on('message', (m) => {
    const { run, count } = m as { run?: string; count?: number };
    if (run !== undefined) counts.set(run, count ?? 0);
  });
  const ask = (run: string) =>
    new Promise<number>((resolve) => {
      child.send({ run });
      const poll = () => (counts.has(run) ? resolve(counts.get(run) as number) : setTimeout(poll, 5));
      counts.delete(run);
      poll();
    });
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (run: string) => `${base}/response/${run}`,
    delivered: ask,
    close: async () => {
      child.kill();
    },
  };
}

async function startBareBolt(apiUrl: string) {
  const app = new App({ token: 'xoxb-bench', signingSecret: SIGNING_SECRET, deferInitialization: true, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/sinorussia', async ({ ack }) => {
    await ack();
  });
  await app.init();
  const server = (await app.start(0)) as Server;
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop() };
}

async function waitFor(predicate: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await predicate()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function measure(name: string, port: number, fake: Awaited<ReturnType<typeof startFakeSlackCounter>>, checkDelivery: boolean) {
  const url = `http://127.0.0.1:${port}/slack/events`;
  // Warm up JIT and connection pools before measuring.
  await loadFromChild(url, 500, commandBody('trade', fake.responseUrl(`${name}-warmup`)));
  const results: (LoadResult & { delivered?: number })[] = [];
  for (const rate of RATES) {
    const run = `${name}-${rate}`;
    const result = await loadFromChild(url, rate, commandBody('trade', fake.responseUrl(run)));
    if (checkDelivery) await waitFor(async () => (await fake.delivered(run)) >= result.ok, 30_000);
    results.push({ ...result, ...(checkDelivery ? { delivered: await fake.delivered(run) } : {}) });
  }
  return results;
}

function table(name: string, results: (LoadResult & { delivered?: number })[]) {
  console.log(`\n${name}`);
  console.log('target req/s   achieved req/s   p50 ms   p99 ms   acked   failed   answers delivered');
  for (const r of results) {
    const target = r.rate === 0 ? 'max' : String(r.rate);
    const delivered = r.delivered === undefined ? '-' : `${r.delivered}/${r.ok}`;
    console.log(
      `${target.padStart(12)}   ${r.requestsPerSecond.toFixed(0).padStart(14)}   ${r.p50.toFixed(1).padStart(6)}   ${r.p99.toFixed(1).padStart(6)}   ${String(r.ok).padStart(5)}   ${String(r.failed).padStart(6)}   ${delivered}`,
    );
  }
}

async function main() {
  const fake = await startFakeSlackCounter();
  const logger = createLogger({ level: 'warn' });
  const answerer = createAnswerer(loadKnowledge(KNOWLEDGE_DIR));

  const slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
    { answerer, logger },
  );
  const adapter = await measure('sinorussia', slack.port as number, fake, true);
  await slack.stop();

  const bare = await startBareBolt(fake.apiUrl);
  const baseline = await measure('bare', bare.port, fake, false);
  await bare.stop();
  await fake.close();

  table('sinorussia Slack adapter (ack, then answer via response_url)', adapter);
  table('bare Bolt app (ack only)', baseline);
  const max = (rs: LoadResult[]) => rs.find((r) => r.rate === 0)?.requestsPerSecond ?? 0;
  const at1000 = adapter.find((r) => r.rate === 1000);
  console.log(`\nthroughput ratio (adapter / bare, unthrottled): ${(max(adapter) / max(baseline)).toFixed(2)} (target ≥ 0.67)`);
  console.log(`p99 ack at 1,000 req/s: ${at1000?.p99.toFixed(1)} ms (target < 20 ms)`);
  // autocannon counts only acks that arrived within the run; requests still in flight at its
  // end are answered too, so delivered may exceed acked. Fewer would mean a lost answer.
  const lost = adapter.reduce((n, r) => n + Math.max(0, r.ok - (r.delivered ?? 0)), 0);
  const delivered = adapter.reduce((n, r) => n + (r.delivered ?? 0), 0);
  const acked = adapter.reduce((n, r) => n + r.ok, 0);
  console.log(lost === 0 ? `every acked request got its answer: ${delivered} answers for ${acked} acks` : `${lost} answers were not delivered`);
  process.exitCode = lost === 0 ? 0 : 1;
}
