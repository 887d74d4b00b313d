/**
 * `npm start`: reads the environment once, then starts every platform that is configured
 * (Slack, Discord) with the daily digest, or the local console when none is.
 */
import { config as loadDotenv } from 'dotenv';
import { CONSOLE_BANNER, startConsole } from '../adapters/console/repl.ts';
import { createAnswerer } from '../src/commands/index.ts';
import { SinorussiaError } from '../src/errors.ts';
import { loadKnowledgeCached } from '../src/knowledge/cache.ts';
import { KnowledgeHolder } from '../src/knowledge/live.ts';
import type { Knowledge } from '../src/knowledge/types.ts';
import { createLogger, type LogLevel } from '../src/log.ts';
import { readDigestSettings, readSchedulerSettings } from './digest-settings.ts';
import { createOps } from './ops/index.ts';
import { CACHE_DIR, knowledgeLocation } from './knowledge-dir.ts';
import { watchKnowledge } from './knowledge-reload.ts';
import { configuredPlatforms } from './platforms.ts';
import { guardProcess } from './process-guard.ts';
import { readRateLimit } from './rate-limit-settings.ts';
import { RateLimiter } from '../src/rate-limit.ts';
import { StartupError } from '../src/startup-error.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'];
/** The whole stop, answers and apologies included, ends within this, leaving room to close the store within 10 s (README: "clean stop"). */
const STOP_MS = 9_500;
/** Past the deadline, the store's own close gets this long before the process exits anyway. */
const STOP_GRACE_MS = 1000;

export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const env = { ...process.env };
  try {
    if (env.LOG_LEVEL && !LEVELS.includes(env.LOG_LEVEL)) {
      throw new SinorussiaError('BAD_CONFIG', `LOG_LEVEL must be one of ${LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`, env.LOG_LEVEL);
    }
    const logger = createLogger({ level: (env.LOG_LEVEL as LogLevel | undefined) ?? 'info' });
    guardProcess(logger);
    const platforms = configuredPlatforms(env);
    const digestSettings = readDigestSettings(env);
    const rateLimit = readRateLimit(env);
    const location = knowledgeLocation(env);
    // With a texts folder every load checks each quote against its article; the cache is
    // only for a base whose quotes are not checked.
    const load = async (): Promise<Knowledge> => {
      if (!location.textsDir) return loadKnowledgeCached(location.dir, CACHE_DIR);
      const { loadKnowledge } = await import('../src/knowledge/load.ts');
      return loadKnowledge(location.dir, { textsDir: location.textsDir });
    };
    const knowledge = await load();
    // A reload reads and validates in a worker thread, so answers go on meanwhile.
    const reload = async (): Promise<Knowledge> => {
      const { loadKnowledgeOffThread } = await import('../src/knowledge/load-off-thread.ts');
      return loadKnowledgeOffThread(location.dir, { textsDir: location.textsDir });
    };
    if (platforms.length === 0) {
      const holder = new KnowledgeHolder(knowledge, (k) => createAnswerer(k));
      const reloader = watchKnowledge({ holder, load: reload, dir: location.dir, textsDir: location.textsDir, logger });
      process.on('SIGHUP', () => void reloader.reload('SIGHUP'));
      await startConsole({ answerer: holder.answerer(), logger, input: process.stdin, output: process.stdout, banner: CONSOLE_BANNER });
      reloader.close();
      return;
    }

    // The digest's store and scheduler load only with a platform to post to.
    const { createDigestCommands, DigestScheduler } = await import('../src/digest/index.ts');
    const { openDigestStore } = await import('../stores/sql/open-store.ts');
    const ops = createOps(env, logger);
    ops.metrics.knowledgeLoaded(knowledge);
    await ops.listen();
    const store = await openDigestStore(digestSettings, { logger });
    ops.needs({ name: 'store', check: () => store.ping().then(() => true) });
    // Answers waiting to retry are kept in the same database, so a restart still delivers them.
    const outbox = (await import('../stores/sql/outbox.ts')).createSqlOutbox(store.db);
    // Everything built from the base is rebuilt with it: the index, the composer, the digest commands.
    const holder = new KnowledgeHolder(knowledge, (k) => createAnswerer(k, { digest: createDigestCommands({ store, knowledge: k, logger }) }));
    const answerer = holder.answerer();
    const onKnowledgeReload = (listener: () => void) => void holder.onReload(listener);
    // With several instances on one PostgreSQL, a redelivery that reaches another one is still answered once.
    const seen = digestSettings.databaseUrl ? await (await import('../stores/sql/seen-store.ts')).openPostgresSeenStore(digestSettings.databaseUrl, logger) : undefined;
    // One bucket per person and platform, whichever surface they ask on.
    const limiter = new RateLimiter(rateLimit);
    const running = await Promise.all(
      platforms.map(async (p) => {
        const started = await p.start({ answerer: ops.metrics.instrument(answerer, p.name), logger, seen, limiter, routes: ops.routes, outboundError: ops.metrics.outboundError, onKnowledgeReload, outbox });
        ops.needs({ name: p.name, check: () => started.ready?.() ?? true });
        return started;
      }),
    );
    const current = () => ({ knowledge: holder.snapshot.knowledge, composer: holder.snapshot.answerer.context.composer });
    const scheduler = new DigestScheduler({ store, knowledge, current, posters: running.map((r) => r.poster), logger, observer: ops.metrics.digest, settings: readSchedulerSettings(env) });
    scheduler.start();
    const reloader = watchKnowledge({
      holder,
      load: reload,
      dir: location.dir,
      textsDir: location.textsDir,
      logger,
      observe: (outcome, k) => ops.metrics.knowledgeReload(outcome, k),
    });
    process.on('SIGHUP', () => void reloader.reload('SIGHUP'));
    logger.info('started', { platforms: platforms.map((p) => p.name), digestStore: digestSettings.databaseUrl ? 'postgresql' : 'sqlite' });

    const stop = async (signal: string) => {
      logger.info('stopping', { signal });
      const deadline = Date.now() + STOP_MS;
      setTimeout(() => {
        logger.error('stop: the deadline passed; exiting with work unfinished', { deadlineMs: STOP_MS });
        process.exit(1);
      }, STOP_MS + STOP_GRACE_MS).unref();
      ops.draining();
      reloader.close();
      // Together, not one after the other: the platforms stop taking requests at once while
      // the digest finishes only the posts in flight (within its grace), then the store closes.
      await Promise.allSettled([scheduler.stop(), ...running.map((r) => r.stop(deadline))]);
      await seen?.close();
      await store.close();
      await ops.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  } catch (err) {
    // A bad setting, a knowledge file, a refused token, a taken port, an unreachable platform:
    // start-up stops with one clear line, and exits even if a platform or database had opened.
    const known = err instanceof SinorussiaError || err instanceof StartupError;
    const error = err as NodeJS.ErrnoException;
    process.stderr.write(known ? `${error.message}\n` : `sinorussia: could not start: ${error?.message ?? String(err)}${error?.code ? ` (${error.code})` : ''}\n`);
    process.exit(1);
  }
}
