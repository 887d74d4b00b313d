/**
 * `npm start`: the process around the bot (start-bot.ts builds the bot itself). Reads .env,
 * keeps the process up through a stray rejection, reloads the base on SIGHUP, stops cleanly
 * on SIGINT and SIGTERM, and turns a failed start-up into one line and exit code 1.
 */
import { config as loadDotenv } from 'dotenv';
import { SinorussiaError } from '../src/errors.ts';
import { StartupError } from '../src/startup-error.ts';
import { loggerFromEnv } from './log-settings.ts';
import { guardProcess } from './process-guard.ts';
import { STOP_MS, startBot } from './start-bot.ts';

/** Past the deadline, the store's own close gets this long before the process exits anyway. */
const STOP_GRACE_MS = 1000;

export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const env = { ...process.env };
  try {
    const logger = loggerFromEnv(env);
    guardProcess(logger);
    const bot = await startBot(env, { logger });
    process.on('SIGHUP', () => void bot.reload('SIGHUP'));
    const stop = async (signal: string) => {
      logger.info('stopping', { signal });
      setTimeout(() => {
        logger.error('stop: the deadline passed; exiting with work unfinished', { deadlineMs: STOP_MS });
        process.exit(1);
      }, STOP_MS + STOP_GRACE_MS).unref();
      await bot.stop(Date.now() + STOP_MS);
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    // The console ends when its user quits; the process then ends by itself, with 0.
    void bot.ended.then(() => bot.stop());
  } catch (err) {
    // A bad setting, a knowledge file, a refused token, a taken port, an unreachable platform:
    // start-up stops with one clear line, and exits even if a platform or database had opened.
    const known = err instanceof SinorussiaError || err instanceof StartupError;
    const error = err as NodeJS.ErrnoException;
    process.stderr.write(
      known
        ? `${error.message}\n`
        : `sinorussia: could not start: ${error?.message ?? String(err)}${error?.code ? ` (${error.code})` : ''}\n`,
    );
    process.exit(1);
  }
}
