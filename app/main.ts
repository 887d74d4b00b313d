/**
 * `npm start`: reads the environment once, then starts every platform that is configured
 * (Slack, Discord), or the local console when none is.
 */
import { config as loadDotenv } from 'dotenv';
import { CONSOLE_BANNER, startConsole } from '../adapters/console/repl.ts';
import { createAnswerer } from '../src/commands/index.ts';
import { SinorussiaError } from '../src/errors.ts';
import { loadKnowledgeCached } from '../src/knowledge/cache.ts';
import { createLogger, type LogLevel } from '../src/log.ts';
import { CACHE_DIR, KNOWLEDGE_DIR } from './knowledge-dir.ts';
import { configuredPlatforms } from './platforms.ts';

export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const env = { ...process.env };
  const logger = createLogger({ level: (env.LOG_LEVEL as LogLevel | undefined) ?? 'info' });
  try {
    const platforms = configuredPlatforms(env);
    const answerer = createAnswerer(await loadKnowledgeCached(KNOWLEDGE_DIR, CACHE_DIR));
    if (platforms.length === 0) {
      await startConsole({ answerer, logger, input: process.stdin, output: process.stdout, banner: CONSOLE_BANNER });
      return;
    }
    const running = await Promise.all(platforms.map((p) => p.start({ answerer, logger })));
    logger.info('started', { platforms: platforms.map((p) => p.name) });
    const stop = async (signal: string) => {
      logger.info('stopping', { signal });
      await Promise.allSettled(running.map((r) => r.stop()));
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  } catch (err) {
    // A bad setting or knowledge file stops start-up with one clear line.
    if (!(err instanceof SinorussiaError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  }
}
