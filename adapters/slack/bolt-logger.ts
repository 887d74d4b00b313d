/**
 * Bolt's own messages (refused signatures, Web API retries) go through our structured logger,
 * so one log stream tells the whole story.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/log.ts';

const text = (parts: unknown[]) =>
  parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');

export function boltLogger(logger: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initial;
  let name = 'bolt';
  return {
    // Bolt's debug output is per request and verbose: kept only when asked for.
    debug: (...parts) => (level === LogLevel.DEBUG ? logger.debug(text(parts), { source: name }) : undefined),
    info: (...parts) => logger.info(text(parts), { source: name }),
    warn: (...parts) => logger.warn(text(parts), { source: name }),
    error: (...parts) => logger.error(text(parts), { source: name }),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
