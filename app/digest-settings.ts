import { ConfigError } from '../src/config-error.ts';
import type { DigestSchedulerSettings } from '../src/digest/scheduler.ts';
import type { DigestStoreSettings } from '../stores/sql/open-store.ts';

/** DATABASE_URL (PostgreSQL, for several instances) or DATA_DIR (the SQLite file's folder). */
export function readDigestSettings(env: Record<string, string | undefined>): DigestStoreSettings {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a PostgreSQL URL such as postgres://user@host:5432/db');
  }
  return { databaseUrl, dataDir: env.DATA_DIR?.trim() || undefined };
}

const SCHEDULER_VARIABLES = {
  DIGEST_TICK_MS: 'tickMs',
  DIGEST_LEASE_MS: 'leaseMs',
  DIGEST_BACKOFF_MS: 'backoffMs',
} as const;

/**
 * The digest's timing, for tests and soak runs (the defaults suit production): how often it
 * looks for due channels (DIGEST_TICK_MS, 30 s), how long a claim is held before another
 * instance may take it over (DIGEST_LEASE_MS, 5 min), the first retry's backoff
 * (DIGEST_BACKOFF_MS, 1 min). Milliseconds, at least 100.
 */
export function readSchedulerSettings(env: Record<string, string | undefined>): Partial<DigestSchedulerSettings> {
  const settings: Partial<DigestSchedulerSettings> = {};
  for (const [variable, key] of Object.entries(SCHEDULER_VARIABLES)) {
    const raw = env[variable]?.trim();
    if (!raw) continue;
    const ms = Number(raw);
    if (!Number.isInteger(ms) || ms < 100)
      throw new ConfigError(variable, `must be a whole number of milliseconds, at least 100 (got "${raw}")`);
    settings[key] = ms;
  }
  return settings;
}
