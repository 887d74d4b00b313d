/**
 * Starts the bot as `npm start` does (app/main.ts), from an environment: the platforms
 * configured by it (real Bolt, real discord.js, pointed at the fakes), the digest store
 * opened from DATA_DIR / DATABASE_URL, the digest commands inside the answerer, and a
 * scheduler posting with the platforms' posters. The only differences from main.ts: the
 * digest runs on a fake clock, and the test calls `scheduler.tick()` instead of `start()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDigestSettings } from '../../app/digest-settings.ts';
import { configuredPlatforms, type RunningPlatform } from '../../app/platforms.ts';
import { createAnswerer } from '../../src/commands/index.ts';
import { createDigestCommands, DigestScheduler, type DigestStore } from '../../src/digest/index.ts';
import { openDigestStore } from '../../stores/sql/open-store.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock, realKnowledge } from '../digest/support.ts';

export { FakeClock };

export interface Instance {
  store: DigestStore;
  scheduler: DigestScheduler;
  running: RunningPlatform[];
  logger: ReturnType<typeof memoryLogger>;
  /** main.ts's shutdown: scheduler, platforms, store. */
  stop(): Promise<void>;
}

/** One `npm start` with this environment, its digest on `clock`. */
export async function startInstance(env: Record<string, string | undefined>, clock: FakeClock): Promise<Instance> {
  const logger = memoryLogger();
  const knowledge = realKnowledge();
  const platforms = configuredPlatforms(env);
  if (platforms.length === 0) throw new Error('no platform configured in the test environment');
  const store = await openDigestStore(readDigestSettings(env));
  const answerer = createAnswerer(knowledge, { digest: createDigestCommands({ store, knowledge, logger, clock }) });
  const running: RunningPlatform[] = [];
  try {
    for (const platform of platforms) running.push(await platform.start({ answerer, logger }));
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.stop()));
    await store.close();
    throw error;
  }
  // Pacing waits move the fake clock instead of sleeping.
  const scheduler = new DigestScheduler({ store, knowledge, composer: answerer.context.composer, posters: running.map((r) => r.poster), logger, clock, sleep: clock.sleep });
  let stopped = false;
  return {
    store,
    scheduler,
    running,
    logger,
    async stop() {
      if (stopped) return;
      stopped = true;
      await scheduler.stop();
      await Promise.allSettled(running.map((r) => r.stop()));
      await store.close();
    },
  };
}

/** A fresh DATA_DIR, removed by `remove()`. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sinorussia-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
