/**
 * Discord's uploads when Slack runs in the same process, started as npm start starts them
 * (app/platforms.ts: Slack first, each platform's library loaded as it starts). Bolt and the
 * response_url poster load undici 7, whose global dispatcher discord.js's own undici must not
 * end up sending its multipart bodies through: the chart PNG of `/sinorussia trade` still
 * reaches Discord, a whole PNG, and nothing fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../adapters/contract.ts';
import { configuredPlatforms } from '../../app/platforms.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { SIGNING_SECRET } from '../slack/signed-requests.ts';
import { commandInteraction, FakeDiscord } from './fake-discord.ts';
import { PNG_SIGNATURE } from './fake-discord-files.ts';

const logger = memoryLogger();
let slackFake: FakeSlack;
let discordFake: FakeDiscord;
const running: RunningAdapter[] = [];

beforeAll(async () => {
  slackFake = await startFakeSlack();
  discordFake = await new FakeDiscord().start();
  const platforms = configuredPlatforms({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackFake.apiUrl,
    PORT: '0',
    DISCORD_TOKEN: FAKE_DISCORD_TOKEN,
    DISCORD_API_URL: discordFake.apiUrl,
  });
  expect(platforms.map((p) => p.name)).toEqual(['slack', 'discord']);
  for (const platform of platforms)
    running.push(await platform.start({ answerer: realAnswerer(), logger, limiter: new RateLimiter({ burst: 100, perMinute: 100 }) }));
});

afterAll(async () => {
  for (const adapter of running.reverse()) await adapter.stop();
  await discordFake?.close();
  await slackFake?.close();
});

describe('Discord beside Slack in one process', () => {
  it('/sinorussia trade still replies with chart.png attached', async () => {
    const interaction = commandInteraction(discordFake, 'trade');
    const start = discordFake.calls.length;
    discordFake.dispatch('INTERACTION_CREATE', interaction);
    const call = await discordFake.waitForCall((c) => c.method === 'POST' && c.path.includes(`/interactions/${interaction.id}/`), start);
    expect(JSON.stringify(logger.entries)).not.toMatch(/interaction failed/);
    expect(call.status).toBeUndefined();
    expect(call.files?.map((f) => f.name)).toEqual(['chart.png']);
    expect(call.files?.[0].data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
