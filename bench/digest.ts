/**
 * `npm run bench:digest`: 10,000 subscriptions across time zones, all due in the same minute,
 * against in-process fake platforms that render each digest (console renderer) and answer ok.
 * Measures one tick that claims, selects, renders, posts and settles them all, and a second
 * tick over the settled day; per subscription and heap/RSS. Pacing is off (the platforms'
 * rate limits would set the pace in production). SQLite always; PostgreSQL when
 * DATABASE_URL or TEST_DATABASE_URL is set (in a throwaway schema). Prints; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pg from 'pg';
import { renderTerminal } from '../adapters/console/render.ts';
import { KNOWLEDGE_DIR } from '../app/knowledge-dir.ts';
import { Composer } from '../src/answer/compose.ts';
import type { Answer } from '../src/answer/types.ts';
import { DigestScheduler } from '../src/digest/scheduler.ts';
import type { DigestPoster, PlatformName } from '../src/digest/types.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { TOPIC_NAMES } from '../src/knowledge/topics.ts';
import { createLogger } from '../src/log.ts';
import type { KyselyDigestStore } from '../stores/sql/digest-store.ts';
import { openPostgresStore, openSqliteStore } from '../stores/sql/open-store.ts';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/Moscow',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Asia/Tokyo',
  'America/Sao_Paulo',
  'Africa/Nairobi',
  'Pacific/Auckland',
];
const NOW = new Date('2026-05-04T12:00:00Z');
const knowledge = loadKnowledge(KNOWLEDGE_DIR);
const composer = new Composer(knowledge);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function fakePlatform(platform: PlatformName): DigestPoster & { posts: number; chars: number } {
  const poster = {
    platform,
    posts: 0,
    chars: 0,
    async post(_channel: string, digest: Answer) {
      poster.chars += renderTerminal(digest).length;
      poster.posts += 1;
      return { ok: true as const, messageId: String(poster.posts) };
    },
  };
  return poster;
}

async function seed(store: KyselyDigestStore) {
  const rows = Array.from({ length: SUBSCRIPTIONS }, (_, i) => {
    const zone = ZONES[i % ZONES.length];
    const due = DateTime.fromJSDate(NOW, { zone }); // due this very minute
    return {
      platform: i % 2 ? 'discord' : 'slack',
      channel_id: `C${i}`,
      time: due.toFormat('HH:mm'),
      time_zone: zone,
      topics: JSON.stringify(i % 3 ? [TOPIC_NAMES[i % TOPIC_NAMES.length], TOPIC_NAMES[(i + 5) % TOPIC_NAMES.length]] : []),
      subscribed_by: 'U1',
      subscribed_at: '2026-01-01T00:00:00.000Z',
      paused_reason: null,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await store.db
      .insertInto('subscriptions')
      .values(rows.slice(i, i + 500))
      .execute();
}

async function run(name: string, store: KyselyDigestStore) {
  await seed(store);
  const slack = fakePlatform('slack');
  const discord = fakePlatform('discord');
  const scheduler = new DigestScheduler({
    store,
    knowledge,
    composer,
    posters: [slack, discord],
    logger: createLogger({ level: 'warn' }),
    clock: { now: () => NOW },
    settings: { postsPerSecond: Infinity, channelGapMs: 0 },
  });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const report = await scheduler.tick();
  const elapsed = performance.now() - started;
  const memory = process.memoryUsage();
  const again = performance.now();
  const second = await scheduler.tick();
  const settledElapsed = performance.now() - again;
  const posted = slack.posts + discord.posts;
  console.log(
    [
      `${name}: ${SUBSCRIPTIONS} subscriptions in ${ZONES.length} zones, ${posted} posted (${report.sent} sent), ${(elapsed / 1000).toFixed(2)} s`,
      `  per subscription: ${(elapsed / SUBSCRIPTIONS).toFixed(3)} ms (claim, history, select, render, post, settle); target < 5 ms`,
      `  rendered: ${Math.round((slack.chars + discord.chars) / posted)} chars per digest`,
      `  second tick over the settled day: ${settledElapsed.toFixed(0)} ms (${second.sent} sent)`,
      `  memory: heap +${mib(memory.heapUsed - heapBefore)} during the tick, heap ${mib(memory.heapUsed)}, rss ${mib(memory.rss)}`,
    ].join('\n'),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'sinorussia-bench-digest-'));
try {
  const sqlite = await openSqliteStore(join(dir, 'bench.sqlite'));
  await run('sqlite', sqlite);
  await sqlite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const url = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `digest_bench_${process.pid}`;
  const store = await openPostgresStore(url, { schema });
  try {
    await run('postgresql', store);
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
} else {
  console.log('postgresql: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
}
