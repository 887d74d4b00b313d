/**
 * `npm run bench:slack`: ack latency and throughput of the Slack adapter in HTTP mode, beside
 * a bare Bolt app whose command handler only acks, in the same run. Each runs in a process of
 * its own: the adapter exactly as `npm start` runs it (the bundle, configured by environment),
 * the bare app from bench/slack-bare-bolt.js. Load comes from a child process
 * (bench/slack-load.ts); the fake Slack that receives the answers runs in another, as Slack
 * would, and counts them: every acked command must get its answer.
 *
 * `--quick` runs only the unthrottled comparison, once, for experiments.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPIC_NAMES } from '../src/knowledge/topics.ts';
import { SIGNING_SECRET } from '../tests/slack/signed-requests.ts';
import type { LoadRequest, LoadResult } from './slack-load.ts';

const QUICK = process.argv.includes('--quick');
const TRIALS = QUICK ? 1 : 3;
/** The target rate runs TRIALS times, so its p99 is a median, not one 5-second sample. */
const TARGET_RATE = 1000;
const PACED_RATES = QUICK ? [] : [250, 500, ...Array<number>(TRIALS).fill(TARGET_RATE)];
const DURATION_S = 5;

/** What teams type: every topic, the other commands, and questions. */
const VOCABULARY = [
  ...TOPIC_NAMES,
  'help',
  'topics',
  'timeline',
  'timeline energy',
  'sources',
  'how big is bilateral trade',
  'power of siberia gas pipeline',
  'what did xi say about putin',
  'arms sales to china',
  'yuan payments and the dollar',
  'joint military exercises',
];

// ---- the fake Slack (child process) ----

/** The fake Slack, in its own process: answers auth.test and counts answers per run. */
function serveFakeSlack() {
  const delivered = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (path.startsWith('/api/auth.test')) return res.end('{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T0FAKE"}');
      if (path.startsWith('/response/')) delivered.set(path, (delivered.get(path) ?? 0) + 1);
      res.end('{"ok":true}');
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('message', ({ run }: { run: string }) => process.send?.({ run, count: delivered.get(`/response/${run}`) ?? 0 }));
  process.on('disconnect', () => process.exit(0));
}

async function startFakeSlack() {
  const child = fork(process.argv[1], ['--fake'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  const base = `http://127.0.0.1:${port}`;
  const delivered = (run: string) =>
    new Promise<number>((resolve) => {
      const onMessage = (m: { run?: string; count?: number }) => {
        if (m.run !== run) return;
        child.off('message', onMessage);
        resolve(m.count ?? 0);
      };
      child.on('message', onMessage);
      child.send({ run });
    });
  return { apiUrl: `${base}/api/`, responseUrl: (run: string) => `${base}/response/${run}`, delivered, close: () => child.kill() };
}
type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

function load(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(new URL('./slack-load.ts', import.meta.url).pathname, [], { execArgv: process.execArgv });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited with ${code}`))));
    child.send(request);
  });
}

// ---- the apps under test (each in its own process) ----

/** The app under test: its URL, whether it answers, and its probe (bench/slack-probe.js). */
interface Target {
  url: string;
  answers: boolean;
  begin(): Promise<void>;
  end(): Promise<{ cpuMicros: number; stallMs: number }>;
  /** Stops the app and resolves once its process has exited (answers in flight drained). */
  stop(): Promise<void>;
}

const PROBE = ['--import', new URL('./slack-probe.js', import.meta.url).href];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Forks an app with the probe loaded and waits until its port accepts connections. */
async function startTarget(child: ChildProcess, port: number, answers: boolean): Promise<Target> {
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`app exited with ${code} before it listened`))),
  );
  const listening = (async () => {
    for (;;) {
      const accepted = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => resolve(true)).once('error', () => resolve(false));
        socket.unref();
        setTimeout(() => socket.destroy(), 100);
      });
      if (accepted) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await Promise.race([listening, exited]);
  const probe = (message: 'begin' | 'end') =>
    new Promise<{ cpuMicros: number; stallMs: number }>((resolve) => {
      child.once('message', (m) => resolve(m as { cpuMicros: number; stallMs: number }));
      child.send(message);
    });
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    answers,
    begin: async () => void (await probe('begin')),
    end: () => probe('end'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** The product as `npm start` runs it (the bundle, when fresh), configured for HTTP mode. */
async function startAdapter(apiUrl: string, dataDir: string): Promise<Target> {
  const port = await freePort();
  const env = {
    ...process.env,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_APP_TOKEN: '',
    DISCORD_TOKEN: '',
    DATABASE_URL: '',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  const child = fork(new URL('../bin/start.js', import.meta.url).pathname, [], {
    env,
    execArgv: PROBE,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return startTarget(child, port, true);
}

/** A bare Bolt app whose handler only acks (bench/slack-bare-bolt.js). */
async function startBareBolt(apiUrl: string): Promise<Target> {
  const port = await freePort();
  const child = fork(new URL('./slack-bare-bolt.js', import.meta.url).pathname, [String(port), apiUrl, SIGNING_SECRET], {
    execArgv: PROBE,
  });
  return startTarget(child, port, false);
}

interface Measured extends LoadResult {
  /** CPU time of this process (the app, all its threads) per acked request, µs. */
  cpuUs: number;
  delivered?: number;
  /** How long after the load ended the last answer arrived, ms. */
  drainMs?: number;
  /** The app's longest event-loop stall during the run, ms: a tail no load generator causes. */
  stallMs: number;
}

let runs = 0;
async function measure(target: Target, fake: FakeSlack, mode: LoadRequest['mode'], rate = 0): Promise<Measured> {
  const run = `run-${++runs}`;
  await target.begin();
  const result = await load({ url: target.url, mode, rate, durationS: DURATION_S, texts: VOCABULARY, responseUrl: fake.responseUrl(run) });
  const loadEnded = performance.now();
  let delivered: number | undefined;
  if (target.answers) {
    // autocannon counts only the acks that came back within its run; requests still in flight
    // at its end are answered too, so delivered may exceed acked. Fewer means a lost answer.
    const deadline = loadEnded + 30_000;
    while ((delivered = await fake.delivered(run)) < result.ok && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  }
  const drainMs = target.answers ? performance.now() - loadEnded : undefined;
  const { cpuMicros, stallMs } = await target.end();
  return { ...result, cpuUs: cpuMicros / Math.max(1, result.ok), stallMs, delivered, drainMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fixed = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main() {
  const fake = await startFakeSlack();
  const dataDir = mkdtempSync(join(tmpdir(), 'sinorussia-bench-'));
  const adapter = await startAdapter(fake.apiUrl, dataDir);
  const baseline = await startBareBolt(fake.apiUrl);
  const all: Measured[] = [];
  const keep = (m: Measured) => (all.push(m), m);

  // Warm-up: JIT, connection pools, and one answer rendered per text of the vocabulary.
  await measure(adapter, fake, 'paced', 500);
  await measure(baseline, fake, 'paced', 500);

  console.log(`Workload: ${VOCABULARY.length} /sinorussia texts, cycled (topics, commands, questions). ${DURATION_S} s a run.`);
  if (PACED_RATES.length > 0) {
    console.log('\nSteady load: requests evenly spaced, from a second process; latency = request sent → ack received.');
    console.log(
      'target req/s │ adapter: req/s  p50 ms  p99 ms  CPU µs/req  stall ms │ bare Bolt: req/s  p50 ms  p99 ms  CPU µs/req  stall ms',
    );
  }
  const atTarget: [Measured, Measured][] = [];
  for (const rate of PACED_RATES) {
    const a = keep(await measure(adapter, fake, 'paced', rate));
    const b = await measure(baseline, fake, 'paced', rate);
    if (rate === TARGET_RATE) atTarget.push([a, b]);
    const cells = (m: Measured) =>
      `${fixed(m.requestsPerSecond).padStart(5)}  ${fixed(m.p50, 1).padStart(6)}  ${fixed(m.p99, 1).padStart(6)}  ${fixed(m.cpuUs).padStart(10)}  ${fixed(m.stallMs, 1).padStart(8)}`;
    console.log(`${String(rate).padStart(12)} │ adapter: ${cells(a)} │ bare Bolt: ${cells(b)}`);
  }

  console.log(`\nUnthrottled: autocannon, 32 connections; adapter and bare Bolt alternate, ${TRIALS} trial(s).`);
  console.log('trial │ adapter req/s  CPU µs/req │ bare Bolt req/s  CPU µs/req │ ratio');
  const ratios: number[] = [];
  for (let trial = 1; trial <= TRIALS; trial++) {
    const a = keep(await measure(adapter, fake, 'max'));
    const b = await measure(baseline, fake, 'max');
    ratios.push(a.requestsPerSecond / b.requestsPerSecond);
    console.log(
      `${String(trial).padStart(5)} │ ${fixed(a.requestsPerSecond).padStart(13)}  ${fixed(a.cpuUs).padStart(10)} │ ${fixed(b.requestsPerSecond).padStart(15)}  ${fixed(b.cpuUs).padStart(10)} │ ${ratios.at(-1)?.toFixed(2)}`,
    );
  }
  const distinct = keep(await measure(adapter, fake, 'max-distinct'));
  console.log(
    `every text distinct (no answer cached): adapter ${fixed(distinct.requestsPerSecond)} req/s, ${fixed(distinct.cpuUs)} CPU µs/req`,
  );

  // The fake Slack goes last: the adapter delivers what it has acked before it exits.
  await Promise.all([adapter.stop(), baseline.stop()]);
  fake.close();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(
    `\nthroughput ratio (adapter / bare, unthrottled): median ${median(ratios).toFixed(2)}, range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} (target ≥ 0.67)`,
  );
  if (atTarget.length > 0) {
    const p99s = (which: 0 | 1) => atTarget.map((pair) => pair[which].p99);
    const summary = (which: 0 | 1) =>
      `median ${fixed(median(p99s(which)), 1)} ms (${p99s(which)
        .map((p) => fixed(p, 1))
        .join(', ')})`;
    console.log(
      `p99 ack at a steady 1,000 req/s, ${atTarget.length} runs: adapter ${summary(0)}, bare Bolt ${summary(1)} (target < 20 ms)`,
    );
  }
  const lost = all.reduce((n, m) => n + Math.max(0, m.ok - (m.delivered ?? 0)), 0);
  const delivered = all.reduce((n, m) => n + (m.delivered ?? 0), 0);
  const acked = all.reduce((n, m) => n + m.ok, 0);
  const failed = all.reduce((n, m) => n + m.failed, 0);
  const drain = Math.max(...all.map((m) => m.drainMs ?? 0));
  console.log(
    lost === 0
      ? `every acked command got its answer: ${delivered} answers for ${acked} acks; the last arrived at most ${fixed(drain)} ms after its run ended`
      : `${lost} answers were not delivered`,
  );
  if (failed > 0) console.log(`${failed} requests failed`);
  process.exitCode = lost === 0 && failed === 0 ? 0 : 1;
}

if (process.argv[2] === '--fake') serveFakeSlack();
else await main();
