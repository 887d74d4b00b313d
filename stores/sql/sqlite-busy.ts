/**
 * better-sqlite3 is synchronous: while another process holds the write lock, SQLite's own
 * busy_timeout waits inside the call and so blocks the whole event loop (every answer with
 * it). This dialect keeps that wait short and retries a busy statement after an async
 * backoff instead, so other work runs while the digest store waits its turn.
 */
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
} from 'kysely';

export interface BusyRetry {
  /** Gives up (throws SQLITE_BUSY) after waiting this long in all. */
  lockWaitMs: number;
  /** First backoff, doubled each time up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BUSY_RETRY: BusyRetry = { lockWaitMs: 10_000, firstDelayMs: 5, maxDelayMs: 100 };

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY, …). */
export const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retryWhileBusy<T>(run: () => Promise<T>, retry: BusyRetry = DEFAULT_BUSY_RETRY): Promise<T> {
  const deadline = Date.now() + retry.lockWaitMs;
  for (let delay = retry.firstDelayMs; ; delay = Math.min(delay * 2, retry.maxDelayMs)) {
    try {
      return await run();
    } catch (error) {
      if (!isBusy(error) || Date.now() + delay > deadline) throw error;
      await sleep(delay);
    }
  }
}

class RetryingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly retry: BusyRetry,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return retryWhileBusy(() => this.inner.executeQuery<R>(query), this.retry);
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

export class BusyRetryingSqliteDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private readonly retry: BusyRetry = DEFAULT_BUSY_RETRY,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const wrapped = new WeakMap<DatabaseConnection, RetryingConnection>();
    const retry = this.retry;
    return {
      init: () => driver.init(),
      async acquireConnection() {
        const connection = await driver.acquireConnection();
        let outer = wrapped.get(connection);
        if (!outer) wrapped.set(connection, (outer = new RetryingConnection(connection, retry)));
        return outer;
      },
      beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
      commitTransaction: (connection) => driver.commitTransaction(connection),
      rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
      releaseConnection: () => driver.releaseConnection(undefined as never),
      destroy: () => driver.destroy(),
    };
  }
}
