/**
 * Discord's uploads when Slack runs in the same process (npm start with both configured
 * starts Slack first): Bolt and our response_url poster load undici 7, whose global
 * dispatcher discord.js's own undici must not end up sending its multipart bodies through.
 * The chart PNG of `/sinorussia trade` still reaches Discord, a whole PNG.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.ts';
import { startSlack } from '../../adapters/slack/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { SIGNING_SECRET } from '../slack/signed-requests.ts';
import { commandInteraction, FakeDiscord } from './fake-discord.ts';
import { PNG_SIGNATURE } from './fake-discord-files.ts';

const TOKEN = 'OTAwMDAwMDAwMDAwMDAwMDAx.GfakeT.abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const logger = memoryLogger();
let slackFake: FakeSlack;
let discordFake: FakeDiscord;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  slackFake = await startFakeSlack();
  discordFake = await new FakeDiscord().start();
  const slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: slackFake.apiUrl, webApiRetries: 0 },
    { answerer: realAnswerer(), logger },
  );
  stops.push(() => slack.stop());
  const discord = await startDiscord(
    { token: TOKEN, apiUrl: discordFake.apiUrl },
    { answerer: realAnswerer(), logger, limiter: new RateLimiter({ burst: 100, perMinute: 100 }) },
  );
  stops.push(() => discord.stop());
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await discordFake?.close();
  await slackFake?.close();
});

describe('Discord beside Slack in one process', () => {
  it('/sinorussia trade still replies with chart.png attached', async () => {
    const interaction = commandInteraction(discordFake, 'trade');
    const start = discordFake.calls.length;
    discordFake.dispatch('INTERACTION_CREATE', interaction);
    const call = await discordFake.waitForCall((c) => c.method === 'POST' && c.path.includes(`/interactions/${interaction.id}/`), start);
    expect(call.status).toBeUndefined();
    expect(call.files?.map((f) => f.name)).toEqual(['chart.png']);
    expect(call.files?.[0].data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(JSON.stringify(logger.entries)).not.toMatch(/interaction failed/);
  });
});
