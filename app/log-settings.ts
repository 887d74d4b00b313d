import { SinorussiaError } from '../src/errors.ts';
import { createLogger, type Logger, type LogLevel } from '../src/log.ts';

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** The bot's logger: JSON lines on stderr from LOG_LEVEL (`info` when unset) up. */
export function loggerFromEnv(env: Record<string, string | undefined>): Logger {
  const level = env.LOG_LEVEL;
  if (level && !LEVELS.includes(level as LogLevel)) {
    throw new SinorussiaError('BAD_CONFIG', `LOG_LEVEL must be one of ${LEVELS.join(', ')} (got "${level}")`, level);
  }
  return createLogger({ level: (level as LogLevel | undefined) ?? 'info' });
}
