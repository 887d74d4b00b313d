/**
 * What the bot keeps in its database, opened and closed together: the digest's store, the
 * outbox of answers waiting to retry (same database, so a restart still delivers them), and
 * with PostgreSQL the requests already answered, shared by every instance. The drivers load
 * only here, and only with a chat platform to serve.
 */

import type { Logger } from '../src/log.ts';
import type { Outbox } from '../src/outbox.ts';
import type { SeenStore } from '../src/seen-store.ts';
import type { KyselyDigestStore } from '../stores/sql/digest-store.ts';
import type { DigestStoreSettings } from '../stores/sql/open-store.ts';

export interface Storage {
  store: KyselyDigestStore;
  outbox: Outbox;
  /** Only with DATABASE_URL: a redelivery that reaches another instance is still answered once. */
  seen?: SeenStore;
  close(): Promise<void>;
}

/** The digest's store alone (the CLI's preview of a channel's digest). */
export async function openStore(settings: DigestStoreSettings, logger?: Logger): Promise<KyselyDigestStore> {
  return (await import('../stores/sql/open-store.ts')).openDigestStore(settings, { logger });
}

/** `open` replaces opening from the settings (a test's own schema); the storage closes it all the same. */
export async function openStorage(
  settings: DigestStoreSettings,
  logger: Logger,
  open?: () => Promise<KyselyDigestStore>,
): Promise<Storage> {
  const store = open ? await open() : await openStore(settings, logger);
  const outbox = (await import('../stores/sql/outbox.ts')).createSqlOutbox(store.db);
  let seen: SeenStore | undefined;
  try {
    if (settings.databaseUrl)
      seen = await (await import('../stores/sql/seen-store.ts')).openPostgresSeenStore(settings.databaseUrl, logger);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return {
    store,
    outbox,
    seen,
    close: async () => {
      await seen?.close();
      await store.close();
    },
  };
}
