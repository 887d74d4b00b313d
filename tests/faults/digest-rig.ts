/**
 * What the digest fault suites share: per test a real SQLite file, the fake Slack and the fake
 * Discord on loopback, the real platform posters pointed at them, and a scheduler on a fake
 * clock. Call `digestRig()` at the top of a file; its fields are fresh in every test.
 */
import { afterEach, beforeEach } from 'vitest';
import { createDiscordDigestPoster } from '../../adapters/discord/digest-poster.ts';
import { createSlackDigestPoster } from '../../adapters/slack/digest-poster.ts';
import { DigestScheduler, type DigestSchedulerSettings } from '../../src/digest/scheduler.ts';
import type { DigestPoster, PlatformName, Subscription } from '../../src/digest/types.ts';
import { memoryLogger } from '../../src/log.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { type Backend, type FakeClock, realBase, sqliteBackend, UNPACED } from '../digest/support.ts';
import { FakeDiscord } from '../discord/fake-discord.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';

/** A subscription due at 09:00 UTC every day, made long ago. */
export const dueAtNine = (platform: PlatformName, channelId: string): Subscription => ({
  platform,
  channelId,
  time: '09:00',
  timeZone: 'UTC',
  topics: [],
  subscribedBy: 'U1',
  subscribedAt: '2026-01-01T00:00:00.000Z',
});

export interface DigestRig {
  store: KyselyDigestStore;
  slack: FakeSlack;
  discord: FakeDiscord;
  slackPoster(): DigestPoster;
  discordPoster(): DigestPoster;
  scheduler(
    clock: FakeClock,
    posters: DigestPoster[],
    settings?: Partial<DigestSchedulerSettings>,
  ): { instance: DigestScheduler; logger: ReturnType<typeof memoryLogger> };
}

export function digestRig(): DigestRig {
  let backend: Backend;
  const rig = {
    slackPoster: (): DigestPoster => createSlackDigestPoster({ botToken: 'xoxb-fault', apiUrl: rig.slack.apiUrl }),
    discordPoster: (): DigestPoster => createDiscordDigestPoster({ token: FAKE_DISCORD_TOKEN, apiUrl: rig.discord.apiUrl }),
    scheduler(clock, posters, settings = {}) {
      const logger = memoryLogger();
      const instance = new DigestScheduler({
        store: rig.store,
        ...realBase(),
        posters,
        logger,
        clock,
        sleep: clock.sleep,
        settings: { ...UNPACED, ...settings },
      });
      return { instance, logger };
    },
  } as DigestRig;
  beforeEach(async () => {
    backend = sqliteBackend();
    rig.store = await backend.open();
    rig.slack = await startFakeSlack();
    rig.discord = await new FakeDiscord().start();
  });
  afterEach(async () => {
    await backend.cleanup();
    await rig.slack.close();
    await rig.discord.close();
  });
  return rig;
}
