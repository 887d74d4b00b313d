/**
 * Test support for the digest: a fake clock, the store backends every suite runs against,
 * fake posters (plain DigestPoster objects) and the knowledge bases used.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { Composer } from '../../src/answer/compose.ts';
import type { Answer } from '../../src/answer/types.ts';
import type { DigestBase } from '../../src/digest/scheduler.ts';
import type { Clock, DigestPoster, PlatformName, PostResult } from '../../src/digest/types.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Knowledge } from '../../src/knowledge/types.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { openPostgresStore, openSqliteStore } from '../../stores/sql/open-store.ts';
import { openPGliteStore } from '../helpers/pglite.ts';

export class FakeClock implements Clock {
  private ms: number;
  constructor(start: string | number) {
    this.ms = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  /** A sleep that only moves this clock: pacing without real waiting. */
  readonly sleep = async (ms: number) => {
    this.ms += ms;
  };
}

/** A database the store suite runs on: opened fresh per test, and dropped after. */
export interface Backend {
  name: string;
  /** Opens a store on this test's database; call again for a second, independent connection. */
  open(): Promise<KyselyDigestStore>;
  cleanup(): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

let counter = 0;
const unique = () => `${process.pid}_${Date.now().toString(36)}_${(counter++).toString(36)}`;

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'sinorussia-digest-'));
  const opened: KyselyDigestStore[] = [];
  return {
    name: 'sqlite',
    open: async () => {
      const store = await openSqliteStore(join(dir, 'digest.sqlite'));
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PGlite is one in-process session: a second open returns the same store. */
export function pgliteBackend(): Backend {
  let store: Promise<KyselyDigestStore> | undefined;
  return {
    name: 'pglite',
    open: () => (store ??= openPGliteStore()),
    cleanup: async () => {
      await (await store)?.close().catch(() => undefined);
    },
  };
}

export function postgresBackend(url: string): Backend {
  const schema = `digest_test_${unique()}`;
  const opened: KyselyDigestStore[] = [];
  return {
    name: 'postgres',
    open: async () => {
      const store = await openPostgresStore(url, { schema });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** Every backend of the store suite: SQLite and PGlite always, a real PostgreSQL when TEST_DATABASE_URL is set. */
export const STORE_BACKENDS: [string, () => Backend][] = [
  ['sqlite', sqliteBackend],
  ['pglite', pgliteBackend],
  ...(TEST_DATABASE_URL ? [['postgres', () => postgresBackend(TEST_DATABASE_URL)] as [string, () => Backend]] : []),
];

/** Backends with real concurrent connections, for several instances: SQLite always, PostgreSQL when set. */
export const MULTI_INSTANCE_BACKENDS: [string, () => Backend][] = STORE_BACKENDS.filter(([name]) => name !== 'pglite');

export interface Post {
  platform: PlatformName;
  channelId: string;
  title: string;
  deliveryId: string;
  factIds: string[];
  at: number;
}

/** A fake platform: records every post; `respond` decides each result (default ok). */
export function fakePoster(
  platform: PlatformName,
  clock: Clock,
  respond: (channelId: string, call: number) => PostResult | Promise<PostResult> = () => ({ ok: true }),
): DigestPoster & { posts: Post[]; calls: number } {
  const poster = {
    platform,
    posts: [] as Post[],
    calls: 0,
    async post(channelId: string, digest: Answer, options: { deliveryId: string }): Promise<PostResult> {
      poster.calls += 1;
      // Let other work interleave, as a network call would.
      await new Promise((resolve) => setImmediate(resolve));
      const result = await respond(channelId, poster.calls);
      if (result.ok) {
        poster.posts.push({
          platform,
          channelId,
          title: digest.title,
          deliveryId: options.deliveryId,
          factIds: digest.items.flatMap((i) => (i.type === 'guide' ? [] : i.evidence.map((e) => e.factId))),
          at: clock.now().getTime(),
        });
        return { ok: true, messageId: `m${poster.posts.length}` };
      }
      return result;
    },
  };
  return poster;
}

let real: Knowledge | undefined;
/** The bundled knowledge base, loaded once per file. */
export function realKnowledge(): Knowledge {
  real ??= loadKnowledge(KNOWLEDGE_DIR);
  return real;
}

let realBaseOnce: DigestBase | undefined;
/** The bundled base with one composer over it, as the bot's root shares it with the digest. */
export function realBase(): DigestBase {
  realBaseOnce ??= { knowledge: realKnowledge(), composer: new Composer(realKnowledge()) };
  return realBaseOnce;
}

/** Settings that keep tests quick: no pacing unless a test wants it. */
export const UNPACED = { postsPerSecond: Infinity, channelGapMs: 0 };
