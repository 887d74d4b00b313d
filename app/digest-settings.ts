import type { DigestStoreSettings } from '../src/digest/open-store.ts';
import { ConfigError } from '../src/config-error.ts';

/** DATABASE_URL (PostgreSQL, for several instances) or DATA_DIR (the SQLite file's folder). */
export function readDigestSettings(env: Record<string, string | undefined>): DigestStoreSettings {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a PostgreSQL URL such as postgres://user@host:5432/db');
  }
  return { databaseUrl, dataDir: env.DATA_DIR?.trim() || undefined };
}
