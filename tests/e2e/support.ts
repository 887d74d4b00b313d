/**
 * Starts the bot as `npm start` does, through the same `startBot` (app/start-bot.ts), from an
 * environment: the platforms it configures (real Bolt, real discord.js, pointed at the fakes),
 * the digest store opened from DATA_DIR / DATABASE_URL. The overrides: the shipped base loaded
 * once per file, the digest on a fake clock, and the test calling `scheduler.tick()` itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configuredPlatforms } from '../../app/platforms.ts';
import { type BotOverrides, type ChatBot, startBot } from '../../app/start-bot.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock, realKnowledge } from '../digest/support.ts';

export { FakeClock };

export type Instance = ChatBot & { logger: ReturnType<typeof memoryLogger> };

/** One `npm start` with this environment, its digest on `clock`. */
export async function startInstance(
  env: Record<string, string | undefined>,
  clock: FakeClock,
  overrides: BotOverrides = {},
): Promise<Instance> {
  // Without a platform startBot would open the console on the test runner's own stdin.
  if (!overrides.platforms && configuredPlatforms(env).length === 0) throw new Error('no platform configured in the test environment');
  const logger = memoryLogger();
  const bot = await startBot(env, { logger, knowledge: realKnowledge(), clock, sleep: clock.sleep, startScheduler: false, ...overrides });
  if (bot.mode !== 'chat') throw new Error('startBot ran the console, not the platforms');
  return Object.assign(bot, { logger });
}

/** A fresh DATA_DIR, removed by `remove()`. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sinorussia-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
