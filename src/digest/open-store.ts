/**
 * Opens the digest store: SQLite in a file under DATA_DIR when no DATABASE_URL is set (so
 * `npm start` needs nothing installed), PostgreSQL when it is (several instances share it).
 * Either way the schema is migrated before the store is returned.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { SinorussiaError } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import { KyselyDigestStore, type DigestTables } from './kysely-store.ts';
import { migrateToLatest } from './migrations.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DigestStore } from './store.ts';

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
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new SinorussiaError('BAD_CONFIG', `DATA_DIR ${dir} cannot be created: ${(e as Error).message}`, dir, { cause: e });
  }
  return openSqliteStore(join(dir, SQLITE_FILE));
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
  // WAL lets readers and a writer overlap; busy_timeout makes a second process wait its turn.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<DigestTables>({ dialect: new SqliteDialect({ database }) });
  return migrated(db, () => migrateSqliteFile(db, resolve(file)));
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
  const run = (sqliteMigrations.get(file) ?? Promise.resolve()).catch(() => undefined).then(async () => {
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
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new SinorussiaError('BAD_ARGUMENT', `bad schema name "${schema}"`, schema);
  const pool = new pg.Pool({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle client whose connection drops (server restart, pg_terminate_backend, a cut link)
  // makes the pool emit 'error'; unheard, Node ends the process. The pool has already dropped
  // that client, so the next query simply opens a new connection.
  const logger = options.logger ?? createLogger();
  pool.on('error', (error) => logger.warn('digest store: PostgreSQL connection lost; reconnecting on the next query', { error: error.message, code: (error as { code?: unknown }).code }));
  try {
    if (schema) await pool.query(`create schema if not exists ${schema}`);
    else await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new SinorussiaError('BAD_CONFIG', `DATABASE_URL: cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`, redact(url), { cause: e });
  }
  return migrated(new Kysely<DigestTables>({ dialect: new PostgresDialect({ pool }) }));
}

/** In-process PostgreSQL (tests, and trying PostgreSQL behaviour without a server). */
export async function openPGliteStore(pglite?: PGlite): Promise<KyselyDigestStore> {
  const instance = pglite ?? new (await import('@electric-sql/pglite')).PGlite();
  return migrated(new Kysely<DigestTables>({ dialect: new PGliteDialect(instance) }));
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
