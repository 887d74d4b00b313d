/**
 * Opens the digest store: SQLite in a file under DATA_DIR when no DATABASE_URL is set (so
 * `npm start` needs nothing installed), PostgreSQL when it is (several instances share it).
 * Either way the schema is migrated before the store is returned.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DigestStore } from '../../src/digest/store.ts';
import { SinorussiaError } from '../../src/errors.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { type DigestTables, KyselyDigestStore } from './digest-store.ts';
import { migrateToLatest } from './migrations.ts';
import { BusyRetryingSqliteDialect, retryWhileBusy } from './sqlite-busy.ts';

export interface DigestStoreSettings {
  /** PostgreSQL when set (several instances may share it); otherwise SQLite under dataDir. */
  databaseUrl?: string;
  /** Where the SQLite file lives; default `./data` (created). */
  dataDir?: string;
}

export const SQLITE_FILE = 'sinorussia.sqlite';

export interface OpenStoreOptions {
  /** Where connection losses are reported (they are survived, not thrown); stderr by default. */
  logger?: Logger;
}

export async function openDigestStore(settings: DigestStoreSettings = {}, options: OpenStoreOptions = {}): Promise<KyselyDigestStore> {
  if (settings.databaseUrl) return openPostgresStore(settings.databaseUrl, options);
  const dir = resolve(settings.dataDir || './data');
  makeDataDir(dir);
  return openSqliteStore(join(dir, SQLITE_FILE));
}

/**
 * Creates DATA_DIR one level at a time from its nearest existing ancestor. Not
 * `mkdirSync(dir, { recursive: true })`: under a pseudo file system such as /proc that call
 * spins forever at full CPU instead of failing.
 */
function makeDataDir(dir: string): void {
  const fail = (problem: string, cause?: unknown) => {
    throw new SinorussiaError('BAD_CONFIG', `DATA_DIR ${dir} ${problem}`, dir, { cause });
  };
  const missing: string[] = [];
  let existing = dir;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!statSync(existing).isDirectory()) fail(`cannot be created: ${existing} is not a folder`);
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (e) {
      fail(`cannot be created: ${(e as Error).message}`, e);
    }
  }
}

async function migrated(db: Kysely<DigestTables>, migrate = () => migrateToLatest(db)): Promise<KyselyDigestStore> {
  try {
    await migrate();
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw e;
  }
  return new KyselyDigestStore(db);
}

export async function openSqliteStore(file: string): Promise<KyselyDigestStore> {
  let database: SQLite.Database;
  try {
    database = new SQLite(file);
  } catch (e) {
    throw new SinorussiaError('BAD_CONFIG', `the digest database ${file} cannot be opened: ${(e as Error).message}`, file, { cause: e });
  }
  // WAL lets readers and a writer overlap. A busy database is waited for in short blocking
  // slices and async backoff between them (sqlite-busy.ts), never seconds on the event loop.
  const db = new Kysely<DigestTables>({ dialect: new BusyRetryingSqliteDialect({ database }) });
  try {
    database.pragma(`busy_timeout = ${SQLITE_BUSY_SLICE_MS}`);
    await retryWhileBusy(async () => database.pragma('journal_mode = WAL'));
    return await migrated(db, () => migrateSqliteFile(db, resolve(file)));
  } catch (e) {
    database.close();
    throw sqliteOpenError(file, e);
  }
}

/** The longest a single SQLite call may block the event loop waiting for a lock. */
export const SQLITE_BUSY_SLICE_MS = 20;

/** A file that is not a database, or that cannot be written: one line naming it and what to do. */
function sqliteOpenError(file: string, e: unknown): SinorussiaError {
  const error = (e as { cause?: unknown })?.cause ?? e;
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = (error as Error)?.message ?? String(error);
  const hint =
    code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
      ? 'is not a SQLite database (or is damaged); move it away or point DATA_DIR elsewhere'
      : code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_IOERR')
        ? 'cannot be written; give the bot write access to it and its folder (DATA_DIR)'
        : 'cannot be opened';
  return new SinorussiaError('BAD_CONFIG', `the digest database ${file} ${hint}: ${message}`, file, { cause: e });
}

/** SQLite files being migrated in this process, so two opens of one file take turns. */
const sqliteMigrations = new Map<string, Promise<void>>();

/**
 * Kysely takes no migration lock on SQLite, so instances starting together on a fresh file
 * both ran the first migration and one failed ("table subscriptions already exists"). The
 * migration runs in one BEGIN IMMEDIATE transaction (other processes wait on the write lock,
 * and a crash leaves no half-made schema) and, within this process, one at a time per file.
 */
function migrateSqliteFile(db: Kysely<DigestTables>, file: string): Promise<void> {
  const run = (sqliteMigrations.get(file) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      await sql`begin immediate`.execute(db);
      try {
        await migrateToLatest(db);
        await sql`commit`.execute(db);
      } catch (e) {
        await sql`rollback`.execute(db).catch(() => undefined);
        throw e;
      }
    });
  const settled = run.finally(() => {
    if (sqliteMigrations.get(file) === settled) sqliteMigrations.delete(file);
  });
  sqliteMigrations.set(file, settled);
  return settled;
}

/** `schema` (tests) confines every table to that PostgreSQL schema, created if missing. */
export async function openPostgresStore(url: string, options: OpenStoreOptions & { schema?: string } = {}): Promise<KyselyDigestStore> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new SinorussiaError('BAD_ARGUMENT', `bad schema name "${schema}"`, schema);
  const pool = new pg.Pool({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle client whose connection drops (server restart, pg_terminate_backend, a cut link)
  // makes the pool emit 'error'; unheard, Node ends the process. The pool has already dropped
  // that client, so the next query simply opens a new connection.
  const logger = options.logger ?? createLogger();
  const lost = (error: Error) =>
    logger.warn('digest store: PostgreSQL connection lost; reconnecting on the next query', {
      error: error.message,
      code: (error as { code?: unknown }).code,
    });
  pool.on('error', lost);
  // A client checked out of the pool (mid-query) has no pool listener: its query fails with
  // the error, and then the client emits it too. Heard here; the pool discards that client.
  pool.on('connect', (client) =>
    client.on('error', (error) => logger.debug('digest store: a PostgreSQL connection in use failed', { error: error.message })),
  );
  try {
    if (schema) await pool.query(`create schema if not exists ${schema}`);
    else await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new SinorussiaError(
      'BAD_CONFIG',
      `DATABASE_URL: cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`,
      redact(url),
      { cause: e },
    );
  }
  return migrated(new Kysely<DigestTables>({ dialect: new PostgresDialect({ pool }) }));
}

/** The store on a database reached through any other Kysely dialect (tests: PGlite), migrated first. */
export function openKyselyStore(db: Kysely<DigestTables>): Promise<KyselyDigestStore> {
  return migrated(db);
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export type { DigestStore };
