/**
 * The daily digest: what app/main.ts and the adapters use. The store is opened by app/ from
 * stores/ (SQLite or PostgreSQL); the digest logic here only knows the DigestStore interface.
 *
 *   const store = await openDigestStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });  // stores/sql/open-store.ts
 *   const digest = createDigestCommands({ store, knowledge });
 *   const answerer = createAnswerer(knowledge, { digest });
 *   const scheduler = new DigestScheduler({ store, knowledge, composer, posters: [slackPoster, discordPoster], logger });
 *   scheduler.start();  // … on shutdown: await scheduler.stop(); await store.close();
 */
export { createDigestCommands, type DigestCommandsDeps } from './commands.ts';
export { previewForChannel } from './preview.ts';
export {
  type DigestBase,
  DigestScheduler,
  type DigestSchedulerDeps,
  type DigestSchedulerSettings,
  digestDeliveryId,
  recordKnownFacts,
  type TickReport,
} from './scheduler.ts';
export type { DigestStore } from './store.ts';
export type { ChannelContext, Clock, DigestCommands, DigestPoster, PlatformName, PostResult, Subscription } from './types.ts';
export { systemClock } from './types.ts';
