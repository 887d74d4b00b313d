/**
 * The last line of defence: a rejection or exception nobody handled is logged and the bot
 * keeps serving, instead of Node ending the process (and every answer under way with it).
 * Each part of the bot handles its own failures; reaching here is a bug to fix, not a plan.
 */
import type { Logger } from '../src/log.ts';

export function guardProcess(logger: Logger, target: NodeJS.EventEmitter = process): void {
  target.on('unhandledRejection', (reason: unknown) => logger.error('unhandled rejection (kept running)', { error: reason }));
  target.on('uncaughtException', (error: Error) => logger.error('uncaught exception (kept running)', { error }));
}
