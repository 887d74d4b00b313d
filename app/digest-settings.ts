import type { DigestStoreSettings } from '../src/digest/open-store.ts';
import type { DigestSchedulerSettings } from '../src/digest/scheduler.ts';
import { ConfigError } from '../src/config-error.ts';

/** DATABASE_URL (PostgreSQL, for several instances) or DATA_DIR (the SQLite file's folder). */
export function readDigestSettings(env: Record<string, string | undefined>): DigestStoreSettings {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a PostgreSQL URL such as postgres://user@host:5432/db');
  }
  return { databaseUrl, dataDir: env.DATA_DIR?.trim() || undefined };
}

/** DIGEST_TICK_MS: how often the digest looks for due channels (default 30 s; the soak run uses less). */
export function readSchedulerSettings(env: Record<string, string | undefined>): Partial<DigestSchedulerSettings> {
  const raw = env.DIGEST_TICK_MS?.trim();
  if (!raw) return {};
  const tickMs = Number(raw);
  if (!Number.isInteger(tickMs) || tickMs < 100) throw new ConfigError('DIGEST_TICK_MS', `must be a whole number of milliseconds, at least 100 (got "${raw}")`);
  return { tickMs };
}
