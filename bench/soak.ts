/**
 * `npm run soak`: the real `npm start` (Slack in HTTP mode, real signing) under a mixed load
 * with faults injected, on loopback only, for about two and a half minutes; then it stops by
 * itself and prints what happened. Prints; asserts nothing.
 *
 * Load: signed slash commands at a steady rate (topics, questions, help, nonsense), each
 * with its own response_url; 300 channels whose digest falls due at the start.
 * Faults: 429s with Retry-After and posts that land but whose answer is lost (a reset) on
 * chat.postMessage; on one slash command in ten, its response_url answers a 500, a 429 with
 * Retry-After, a reset, or two 500s before it accepts the answer; the PostgreSQL link cut twice through a TCP proxy (when
 * SOAK_DATABASE_URL or TEST_DATABASE_URL is set; SQLite otherwise, without cuts); a kill -9
 * of the bot in the middle of the digest tick while a post that landed awaits its answer,
 * and a restart (which must find that post rather than post again).
 * Counts: answers acked, delivered once, doubled, lost (acked, never delivered), refused
 * while the bot was down; digests posted once, doubled, missing; restarts; the bot's RSS.
 */
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openDigestStore } from '../stores/sql/open-store.ts';
import { tempDataDir } from '../tests/e2e/support.ts';
import { startTcpProxy, type TcpProxy, viaProxy } from '../tests/faults/tcp-proxy.ts';
import { type BotProcess, startBot } from '../tests/helpers/bot-process.ts';
import { type ResponseStep, startFakeSlack } from '../tests/slack/fake-slack-api.ts';
import { commandBody, FORM, SIGNING_SECRET, signedHeaders } from '../tests/slack/signed-requests.ts';

const LOAD_MS = Number(process.env.SOAK_LOAD_MS ?? 100_000);
const SETTLE_MS = 45_000;
const COMMANDS_PER_SECOND = 20;
const CHANNELS = 300;
/** What one command in ten meets at its response_url before the answer is accepted (the bot retries). */
const RESPONSE_FAULTS: { name: string; steps: ResponseStep[] }[] = [
  { name: '500', steps: [{ status: 500 }] },
  { name: '429 with Retry-After 1', steps: [{ status: 429, headers: { 'retry-after': '1' } }] },
  { name: 'reset', steps: ['reset'] },
  { name: 'two 500s', steps: [{ status: 500 }, { status: 500 }] },
];
const QUESTIONS = [
  'trade',
  'energy',
  'arms',
  'what did Putin say about the partnership?',
  'help',
  'topics',
  'timeline energy',
  'sources',
  'recipe for pancakes please',
];

const databaseUrl = process.env.SOAK_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const started = Date.now();
const at = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`;
const say = (line: string) => process.stdout.write(`${at()}  ${line}\n`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function main() {
  const slack = await startFakeSlack();
  const data = tempDataDir();
  const port = await freePort();
  let proxy: TcpProxy | undefined;
  const schema = `soak_${process.pid}`;
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-soak',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: String(port),
    SLACK_API_URL: slack.apiUrl,
    DATA_DIR: data.dir,
    DIGEST_TICK_MS: '1000',
    DIGEST_LEASE_MS: '15000',
    DIGEST_BACKOFF_MS: '5000',
    LOG_LEVEL: 'info',
  };
  if (databaseUrl) {
    const target = new URL(databaseUrl);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    await admin(`create schema if not exists ${schema}`);
    const url = new URL(viaProxy(databaseUrl, proxy));
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  say(`store: ${databaseUrl ? 'PostgreSQL through a cuttable TCP proxy' : 'SQLite (no PostgreSQL: the link-cut faults are skipped)'}`);

  // Channels due now: subscribed yesterday, for this very minute (UTC).
  const store = await openDigestStore({ databaseUrl: env.DATABASE_URL, dataDir: data.dir });
  const now = new Date();
  const time = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
  for (let i = 0; i < CHANNELS; i++) {
    await store.saveSubscription({
      platform: 'slack',
      channelId: `C0SOAK${String(i).padStart(4, '0')}`,
      time,
      timeZone: 'UTC',
      topics: [],
      subscribedBy: 'U0SOAK',
      subscribedAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
  }
  await store.close();

  let bot: BotProcess = startBot(env, data.dir);
  // However the soak ends, the bot it started goes with it.
  process.once('exit', () => bot.kill());
  let restarts = 0;
  let crashes = 0;
  let killing = false;
  const watch = (b: BotProcess) =>
    void b.exited.then(() => {
      if (killing || stopping) return;
      crashes += 1;
      say(`the bot exited by itself (${JSON.stringify(b.logLines().slice(-3))}); restarting`);
      restart();
    });
  const restart = () => {
    restarts += 1;
    bot = startBot(env, data.dir);
    watch(bot);
  };
  let stopping = false;
  let killedAt: number | undefined;
  watch(bot);
  await bot.waitForLog((l) => l.msg === 'started', 'the bot to start', 30_000);
  const up = Date.now();
  say(`bot up on port ${port}`);

  // --- the load ---
  const sent = new Set<string>();
  const acked = new Set<string>();
  let refused = 0;
  let sequence = 0;
  const faulted = new Map<string, string>();
  const ackedAt = new Map<string, number>();
  const send = async () => {
    const id = `soak-${++sequence}`;
    sent.add(id);
    if (sequence % 10 === 5) {
      const fault = RESPONSE_FAULTS[Math.floor(sequence / 10) % RESPONSE_FAULTS.length];
      slack.failResponses(id, ...fault.steps);
      faulted.set(id, fault.name);
    }
    const body = commandBody(QUESTIONS[sequence % QUESTIONS.length], slack.responseUrl(id), {
      trigger_id: `${sequence}.soak`,
      user_id: `U${sequence % 50}`,
    });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: signedHeaders(body, FORM),
        body,
        signal: AbortSignal.timeout(5_000),
      });
      await res.arrayBuffer();
      if (res.status === 200) {
        acked.add(id);
        ackedAt.set(id, Date.now());
      } else refused += 1;
    } catch {
      refused += 1;
    }
  };
  const load = setInterval(() => void send(), 1000 / COMMANDS_PER_SECOND);

  // --- the faults, on a timetable ---
  const rss: string[] = [];
  const sampleRss = async () => {
    try {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(2_000) })).text();
      const bytes = Number(/^process_resident_memory_bytes ([0-9.e+]+)$/m.exec(text)?.[1]);
      rss.push(`${at()} ${(bytes / 1024 / 1024).toFixed(0)} MiB`);
    } catch {
      rss.push(`${at()} (down)`);
    }
  };
  const sampler = setInterval(() => void sampleRss(), 10_000);
  // Every 2 s, one random channel's next post meets a 429 and another's lands but loses its answer.
  // (Only odd-numbered channels: the kill -9 below needs one whose fate it alone decides.)
  const channel = () => `C0SOAK${String(Math.floor(Math.random() * CHANNELS) | 1).padStart(4, '0')}`;
  const faults = setInterval(() => {
    slack.digest.faultNextPost('ratelimited', channel());
    slack.digest.faultNextPost('land-then-reset', channel());
  }, 2_000);

  const timetable: [number, string, () => void | Promise<void>][] = [
    [12_000, 'cut the PostgreSQL link', () => proxy?.cut()],
    [
      25_000,
      'kill -9 the bot mid-tick, restart it',
      async () => {
        // Killed while a post is in flight: it lands, the answer never comes back, the bot dies.
        const name = (i: number) => `C0SOAK${String(i).padStart(4, '0')}`;
        // Channels are posted in order (retries aside): a little past the furthest one posted.
        const furthest = Math.max(-1, ...Array.from({ length: CHANNELS }, (_, i) => i).filter((i) => slack.digest.history.has(name(i))));
        const ahead = name(Math.min(CHANNELS - 10, Math.ceil((furthest + 10) / 10) * 10));
        slack.digest.faultNextPost('land-then-hang', ahead);
        const by = Date.now() + 20_000;
        while (!slack.digest.faultsMet['land-then-hang'] && Date.now() < by) await sleep(5);
        say(`  (${slack.digest.faultsMet['land-then-hang'] ? `a post to ${ahead} is in flight` : 'no post in flight'})`);
        killing = true;
        killedAt = Date.now();
        bot.kill('SIGKILL');
        await bot.exited;
        killing = false;
        restart();
      },
    ],
    [55_000, 'cut the PostgreSQL link again', () => proxy?.cut()],
  ];
  for (const [when, what, act] of timetable) {
    await sleep(Math.max(0, when - (Date.now() - up)));
    if (what.includes('PostgreSQL') && !proxy) continue;
    say(`${what} (digests posted so far: ${slack.digest.history.size})`);
    await act();
  }
  await sleep(Math.max(0, LOAD_MS - (Date.now() - up)));
  clearInterval(load);
  clearInterval(faults);
  say(`load stopped after ${sent.size} commands; waiting for answers and the remaining digests`);

  // The store must agree too: a post that landed but lost its answer is recorded once its retry finds it.
  const check = await openDigestStore({
    databaseUrl: env.DATABASE_URL?.replace(`127.0.0.1:${proxy?.port}`, `${new URL(databaseUrl ?? 'postgres://x').host}`),
    dataDir: data.dir,
  });
  const unsentDeliveries = async () =>
    (await check.deliveriesOn([new Date().toISOString().slice(0, 10), now.toISOString().slice(0, 10)])).filter((d) => d.status !== 'sent');
  const settleBy = Date.now() + SETTLE_MS;
  const delivered = () => new Set(slack.responses.map((r) => r.id));
  while (
    Date.now() < settleBy &&
    (slack.digest.history.size < CHANNELS || [...acked].some((id) => !delivered().has(id)) || (await unsentDeliveries()).length > 0)
  )
    await sleep(500);
  await sampleRss();
  clearInterval(sampler);

  stopping = true;
  bot.kill('SIGTERM');
  const exitCode = await Promise.race([bot.exited.then((e) => e.code), sleep(12_000).then(() => 'still running')]);
  bot.kill();

  // --- the figures ---
  const unsent = await unsentDeliveries();
  await check.close();
  const perId = new Map<string, number>();
  for (const r of slack.responses) perId.set(r.id, (perId.get(r.id) ?? 0) + 1);
  const doubled = [...perId.values()].filter((n) => n > 1).length;
  const lostIds = [...acked].filter((id) => !perId.has(id));
  const lost = lostIds.length;
  // An answer in its retry's wait when the kill -9 came is in the store; the restarted bot delivers it.
  const lostAtKill = lostIds.filter(
    (id) => killedAt !== undefined && (ackedAt.get(id) ?? 0) <= killedAt && (ackedAt.get(id) ?? 0) > killedAt - 30_000,
  ).length;
  const faultedDelivered = [...faulted.keys()].filter((id) => perId.has(id)).length;
  const faultedAcked = [...faulted.keys()].filter((id) => acked.has(id)).length;
  const faultNames = [...new Set(faulted.values())]
    .map((name) => `${[...faulted.values()].filter((n) => n === name).length} ${name}`)
    .join(', ');
  const posts = [...slack.digest.history.values()].map((list) => list.length);
  const posted = slack.calls.filter((c) => c.method === 'chat.postMessage').length;
  const faultsMet = Object.entries(slack.digest.faultsMet)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  const lookups = slack.calls.filter((c) => c.method === 'conversations.history').length;
  process.stdout.write(`
soak: ${((Date.now() - started) / 1000).toFixed(0)} s, ${COMMANDS_PER_SECOND} commands/s for ${(LOAD_MS / 1000).toFixed(0)} s, store ${databaseUrl ? 'PostgreSQL' : 'SQLite'}
  answers: ${sent.size} sent, ${acked.size} acked, ${[...perId.keys()].length} delivered, ${doubled} doubled, ${lost} lost (acked, never delivered; ${lostAtKill} of them acked shortly before the kill -9), ${refused} refused or unanswered while the bot was down
    response_url faults: ${faulted.size} commands (${faultNames}); ${faultedAcked} acked, ${faultedDelivered} delivered after their retries; ${slack.attempts.length - slack.responses.length} failed attempts in all
  digests: ${CHANNELS} channels due, ${posts.filter((n) => n === 1).length} posted once, ${posts.filter((n) => n > 1).length} doubled, ${CHANNELS - posts.length} missing
    (${posted} chat.postMessage calls, of which faults: ${faultsMet || 'none'}; ${lookups} conversations.history look-ups before retries)
  recorded in the store as not sent: ${unsent.length ? unsent.map((d) => `${d.channelId} ${d.status} after ${d.attempts} attempts: ${d.error ?? ''}`).join('; ') : 'none'}
  restarts: ${restarts} (${restarts - crashes} by the soak's kill -9, ${crashes} after the bot exited by itself); SIGTERM at the end: exit ${String(exitCode)}
  rss: ${rss.join(' · ')}
`);
  await slack.close();
  await proxy?.close();
  if (databaseUrl) await admin(`drop schema if exists ${schema} cascade`);
  data.remove();
}

try {
  await main();
  process.exit(0);
} catch (error) {
  process.stderr.write(`soak failed: ${(error as Error).stack ?? String(error)}\n`);
  if (databaseUrl) await admin(`drop schema if exists soak_${process.pid} cascade`).catch(() => undefined);
  process.exit(1);
}
