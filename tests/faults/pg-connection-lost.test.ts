/**
 * A lost PostgreSQL connection is survived: the store's idle connection is cut (a TCP proxy
 * on loopback resets it) or terminated by the server (pg_terminate_backend on our own
 * session only), and the process neither crashes nor loses the digest: the next tick
 * reconnects and posts. Needs a real server: runs when TEST_DATABASE_URL is set.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestScheduler } from '../../src/digest/scheduler.ts';
import { memoryLogger } from '../../src/log.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { openPostgresStore } from '../../stores/sql/open-store.ts';
import { FakeClock, fakePoster, realBase, TEST_DATABASE_URL, UNPACED } from '../digest/support.ts';
import { until } from '../helpers/until.ts';
import { startTcpProxy, type TcpProxy, viaProxy } from './tcp-proxy.ts';

const url = TEST_DATABASE_URL;
const APP = `sinorussia_fault_${process.pid}`;

async function admin(statement: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement, params);
  } finally {
    await client.end();
  }
}

const lostLogged = (logger: ReturnType<typeof memoryLogger>) => logger.entries.some((e) => String(e.msg).includes('connection lost'));

describe.runIf(url)('the digest store on PostgreSQL loses its connection', () => {
  const schema = `fault_pg_${process.pid}_${Date.now().toString(36)}`;
  let proxy: TcpProxy;
  let store: KyselyDigestStore | undefined;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeEach(async () => {
    crashes.length = 0;
    process.on('uncaughtException', onCrash);
    const target = new URL(url!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterEach(async () => {
    process.off('uncaughtException', onCrash);
    await store?.close().catch(() => undefined);
    store = undefined;
    await proxy.close();
    await admin(`drop schema if exists ${schema} cascade`);
  });

  async function subscribedScheduler(clock: FakeClock, logger = memoryLogger()) {
    const proxied = new URL(viaProxy(url!, proxy));
    proxied.searchParams.set('application_name', APP);
    store = await openPostgresStore(proxied.toString(), { schema, logger });
    for (const channelId of ['C0ONE', 'C0TWO']) {
      await store.saveSubscription({
        platform: 'slack',
        channelId,
        time: channelId === 'C0ONE' ? '09:00' : '10:00',
        timeZone: 'UTC',
        topics: [],
        subscribedBy: 'U1',
        subscribedAt: '2026-06-01T00:00:00Z',
      });
    }
    const poster = fakePoster('slack', clock);
    const scheduler = new DigestScheduler({
      store,
      ...realBase(),
      posters: [poster],
      logger,
      clock,
      sleep: clock.sleep,
      settings: UNPACED,
    });
    return { scheduler, poster, logger };
  }

  it('survives a cut link and posts on the next tick', async () => {
    const clock = new FakeClock('2026-06-10T09:05:00Z');
    const { scheduler, poster, logger } = await subscribedScheduler(clock);
    expect((await scheduler.tick()).sent).toBe(1);
    expect(proxy.open).toBeGreaterThan(0);

    proxy.cut();
    await until(() => crashes.length > 0 || lostLogged(logger), 'the lost connection to be noticed');
    expect(crashes).toEqual([]);

    clock.set('2026-06-10T10:05:00Z');
    expect((await scheduler.tick()).sent).toBe(1);
    expect(poster.posts.map((p) => p.channelId)).toEqual(['C0ONE', 'C0TWO']);
  });

  it('survives pg_terminate_backend on its idle session', async () => {
    const clock = new FakeClock('2026-06-10T09:05:00Z');
    const { scheduler, poster, logger } = await subscribedScheduler(clock);
    expect((await scheduler.tick()).sent).toBe(1);

    // Only this test's own sessions, named by application_name.
    const killed = await admin(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()',
      [APP],
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    await until(() => crashes.length > 0 || lostLogged(logger), 'the terminated session to be noticed');
    expect(crashes).toEqual([]);

    clock.set('2026-06-10T10:05:00Z');
    expect((await scheduler.tick()).sent).toBe(1);
    expect(poster.posts).toHaveLength(2);
  });

  it('survives a cut while a query is in flight: that query fails, the next one reconnects', async () => {
    const clock = new FakeClock('2026-06-10T09:05:00Z');
    const { scheduler, poster } = await subscribedScheduler(clock);
    expect((await scheduler.tick()).sent).toBe(1);
    // A checked-out client has no pool listener: its 'error' must still be heard.
    const slow = sql`select pg_sleep(3)`.execute(store!.db);
    await new Promise((resolve) => setTimeout(resolve, 200));
    proxy.cut();
    await expect(slow).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(crashes).toEqual([]);
    clock.set('2026-06-10T10:05:00Z');
    expect((await scheduler.tick()).sent).toBe(1);
    expect(poster.posts).toHaveLength(2);
  });
});
