/**
 * Answers waiting to retry their response_url survive the process: saved once a retry is
 * scheduled, delivered exactly once by the next instance on the same database (a SQLite file,
 * and a real PostgreSQL when TEST_DATABASE_URL is set), never taken from a live holder.
 *
 * Each test has a database of its own and ends its posters: a poster that resumed keeps
 * sweeping its database, and would take or drop the next test's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResponsePoster, type ResponsePoster } from '../../adapters/slack/response-url.ts';
import { memoryLogger } from '../../src/log.ts';
import type { Outbox } from '../../src/outbox.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { openPostgresStore, openSqliteStore } from '../../stores/sql/open-store.ts';
import { createSqlOutbox } from '../../stores/sql/outbox.ts';
import { until } from '../helpers/until.ts';
import { readBody } from './fake-slack-api.ts';

type Step = number | 'hang';
interface Received {
  path: string;
  body: string;
  status: number | 'hang';
}

let server: Server;
let base: string;
const received: Received[] = [];
/** Per path: how requests are answered while listed (then 200). */
const steps = new Map<string, Step[]>();

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = req.url ?? '';
    const body = await readBody(req);
    const step = steps.get(path)?.shift() ?? 200;
    received.push({ path, body, status: step });
    if (step === 'hang') return;
    res.writeHead(step);
    res.end(step === 200 ? 'ok' : 'no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const delivered = (path: string) => received.filter((r) => r.path === path && r.status === 200);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Database {
  /** Another instance: its own connection to the same database. */
  open(): Promise<KyselyDigestStore>;
  cleanup(): Promise<void>;
}

function sqliteDatabase(): Database {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  const opened: KyselyDigestStore[] = [];
  return {
    async open() {
      const store = await openSqliteStore(join(dir, 'bot.sqlite'));
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let schemas = 0;
function postgresDatabase(url: string): Database {
  const schema = `outbox_test_${process.pid}_${Date.now().toString(36)}_${schemas++}`;
  const opened: KyselyDigestStore[] = [];
  return {
    async open() {
      const store = await openPostgresStore(url, { schema, logger: memoryLogger() });
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close().catch(() => undefined);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

const DATABASES: [string, () => Database][] = [['SQLite file', sqliteDatabase]];
if (process.env.TEST_DATABASE_URL) DATABASES.push(['PostgreSQL', () => postgresDatabase(process.env.TEST_DATABASE_URL!)]);

const rows = async (store: KyselyDigestStore) =>
  (await store.db
    .selectFrom('pending_posts' as never)
    .selectAll()
    .execute()) as unknown as { url: string; attempts: number | string }[];

/** Counts the outbox's writes, to show the first attempt makes none. */
function counting(outbox: Outbox) {
  const writes: string[] = [];
  const counted: Outbox = {
    save: (...args) => (writes.push('save'), outbox.save(...args)),
    renew: (...args) => (writes.push('renew'), outbox.renew(...args)),
    claimOrphans: (...args) => outbox.claimOrphans(...args),
    remove: (...args) => (writes.push('remove'), outbox.remove(...args)),
    removeExpired: (...args) => outbox.removeExpired(...args),
  };
  return { outbox: counted, writes };
}

describe.each(DATABASES)('response_url outbox on %s', (_name, makeDatabase) => {
  let database: Database;
  let posters: ResponsePoster[] = [];
  const instance = async (options: { retryBaseMs?: number; leaseMarginMs?: number } = {}) => {
    const store = await database.open();
    const poster = createResponsePoster({
      allowedOrigins: [base],
      timeoutMs: 300,
      retryBaseMs: options.retryBaseMs ?? 100,
      leaseMarginMs: options.leaseMarginMs ?? 100,
      sweepEveryMs: 50,
      outbox: createSqlOutbox(store.db),
      logger: memoryLogger(),
    });
    posters.push(poster);
    return { store, poster };
  };

  beforeEach(() => {
    database = makeDatabase();
  });
  afterEach(async () => {
    for (const poster of posters) await poster.destroy();
    posters = [];
    await database.cleanup();
  });

  it('an answer retrying after a 500 when its process dies is delivered exactly once by the next instance', async () => {
    const path = `/restart/${_name.length}`;
    steps.set(path, [500, 500, 500, 500]);
    const first = await instance({ retryBaseMs: 200 });
    const lost = first.poster.post(`${base}${path}`, '{"text":"answer"}').catch((e: unknown) => e);
    await until(() => received.some((r) => r.path === path), 'the first attempt');
    for (let i = 0; i < 100 && (await rows(first.store)).length === 0; i++) await sleep(10);
    expect(await rows(first.store)).toMatchObject([{ url: `${base}${path}` }]);
    // The process dies: its retry wait ends with nothing delivered, and the row stays.
    await first.poster.destroy();
    await lost;
    await first.store.close();
    steps.set(path, []);
    expect(delivered(path)).toHaveLength(0);

    const second = await instance();
    await second.poster.resume();
    await until(() => delivered(path).length > 0, 'the saved answer to be delivered', 5000);
    for (let i = 0; i < 100 && (await rows(second.store)).length > 0; i++) await sleep(10);
    expect(await rows(second.store)).toEqual([]);
    // Another instance starting later finds nothing left to send.
    const third = await instance();
    await third.poster.resume();
    await sleep(300);
    expect(delivered(path)).toHaveLength(1);
    expect(delivered(path)[0].body).toBe('{"text":"answer"}');
  });

  it('a live holder keeps its answer: another instance does not take it, and it is delivered once', async () => {
    const path = `/held/${_name.length}`;
    steps.set(path, [500]);
    // Its lease must outlast a slow start of the other instance on a loaded machine.
    const holder = await instance({ retryBaseMs: 600, leaseMarginMs: 3000 });
    const posting = holder.poster.post(`${base}${path}`, '{"text":"held"}');
    for (let i = 0; i < 100 && (await rows(holder.store)).length === 0; i++) await sleep(10);
    expect(await rows(holder.store)).toHaveLength(1);
    const other = await instance();
    expect(await other.poster.resume()).toBe(0);
    await posting;
    await sleep(300);
    expect(delivered(path)).toHaveLength(1);
    expect(await rows(holder.store)).toEqual([]);
  });

  it('the first attempt writes nothing; a post that timed out (it may have landed) is never kept', async () => {
    const store = await database.open();
    const { outbox, writes } = counting(createSqlOutbox(store.db));
    const poster = createResponsePoster({ allowedOrigins: [base], timeoutMs: 300, retryBaseMs: 50, outbox });
    posters.push(poster);
    await poster.post(`${base}/fine/${_name.length}`, '{}');
    expect(writes).toEqual([]);
    steps.set(`/hangs/${_name.length}`, [500, 'hang']);
    await expect(poster.post(`${base}/hangs/${_name.length}`, '{}')).rejects.toMatchObject({ failure: 'unknown', attempts: 2 });
    expect(await rows(store)).toEqual([]);
    expect(received.filter((r) => r.path === `/hangs/${_name.length}`)).toHaveLength(2);
  });

  it('a saved answer whose URL expired is dropped on start, not posted', async () => {
    const store = await database.open();
    await createSqlOutbox(store.db).save(
      {
        id: `old-${_name.length}`,
        url: `${base}/expired`,
        body: '{}',
        attempts: 2,
        expiresAt: Date.now() - 1,
        nextAttemptAt: Date.now() - 60_000,
      },
      'gone',
      Date.now() - 1,
    );
    const logger = memoryLogger();
    const poster = createResponsePoster({ allowedOrigins: [base], outbox: createSqlOutbox(store.db), logger });
    posters.push(poster);
    expect(await poster.resume()).toBe(0);
    expect(await rows(store)).toEqual([]);
    expect(received.filter((r) => r.path === '/expired')).toEqual([]);
    expect(logger.entries.some((l) => String(l.msg).includes('expired'))).toBe(true);
  });
});

describe('a sweep under way when the poster closes', () => {
  it.each(['removeExpired', 'claimOrphans'] as const)('held in %s: sends nothing once close() is called', async (held) => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const path = `/after-close/${held}`;
    const orphan = { id: 'orphan', url: `${base}${path}`, body: '{}', attempts: 1, expiresAt: Date.now() + 60_000, nextAttemptAt: 0 };
    const calls: string[] = [];
    // The sweep is held at one database call while the bot stops.
    const waitIf = async (call: string) => (calls.push(call), call === held ? gate : undefined);
    const outbox: Outbox = {
      save: async () => undefined,
      renew: async () => true,
      removeExpired: async () => (await waitIf('removeExpired'), 0),
      claimOrphans: async () => (await waitIf('claimOrphans'), [orphan]),
      remove: async () => undefined,
    };
    const poster = createResponsePoster({ allowedOrigins: [base], outbox, sweepEveryMs: 50 });
    const sweep = poster.resume();
    await until(() => calls.includes(held), `the sweep to reach ${held}`);
    await poster.close();
    release();
    expect(await sweep).toBe(0);
    await sleep(100);
    // Held before the takeover, it takes over nothing; held in it, it sends nothing (the lease runs out for the next start).
    expect(calls).toEqual(held === 'removeExpired' ? ['removeExpired'] : ['removeExpired', 'claimOrphans']);
    expect(received.filter((r) => r.path === path)).toEqual([]);
  });
});
