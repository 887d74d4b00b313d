/**
 * Charts on Discord through the real discord.js client against the fake Discord: the PNG
 * goes as a multipart `files[0]` with `payload_json`, the embed shows it by
 * `attachment://chart.png`, and an answer without a chart sends no file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartImages, chartedEmbed } from '../../adapters/discord/chart-attachment.ts';
import { startDiscord } from '../../adapters/discord/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { buttonInteraction, commandInteraction, FakeDiscord, IDS, messageCreate, type RecordedCall } from '../discord/fake-discord.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const logger = memoryLogger();
let fake: FakeDiscord;
let bot: { stop(): Promise<void> };

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  bot = await startDiscord(
    { token: FAKE_DISCORD_TOKEN, apiUrl: fake.apiUrl },
    { answerer: realAnswerer(), logger, limiter: new RateLimiter({ burst: 1000, perMinute: 1000 }) },
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

async function interact(interaction: { id: string; token: string }): Promise<RecordedCall> {
  const start = fake.calls.length;
  fake.dispatch('INTERACTION_CREATE', interaction);
  return fake.waitForCall(
    (c) => c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`,
    start,
  );
}

/** The message carries chart.png as its one file, a real PNG, and its embed shows it with the alt text every point. */
function expectChart(files: RecordedCall['files'], message: RecordedCall['body']) {
  expect(files?.map((f) => [f.field, f.name, f.contentType])).toEqual([['files[0]', 'chart.png', 'image/png']]);
  const [file] = files ?? [];
  expect(file.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(file.size).toBe(file.data.length);
  expect(file.size).toBeGreaterThan(1000);
  expect(message.embeds[0].image).toEqual({ url: 'attachment://chart.png' });
  const [attachment] = message.attachments;
  expect(attachment).toMatchObject({ id: '0', description: expect.stringMatching(/\S/) });
  const chart = answerText(realAnswerer(), 'trade').chart;
  for (const point of chart?.points ?? []) expect(attachment.description).toContain(String(point.value));
}

describe('charts on Discord', () => {
  it('/sinorussia trade replies with chart.png attached and shown in the embed', async () => {
    const call = await interact(commandInteraction(fake, 'trade'));
    expect(call.body.type).toBe(4);
    expectChart(call.files, call.body.data);
    expect(call.body.data.embeds[0].description).toMatch(/190/); // the numbers stay in the text
  });

  it('an answer without a chart sends no file and no image', async () => {
    const call = await interact(commandInteraction(fake, 'help'));
    expect(call.files).toBeUndefined();
    expect(call.body.data.embeds[0].image).toBeUndefined();
  });

  it('a shared post carries the chart too', async () => {
    const call = await interact(buttonInteraction(fake, 'share:trade'));
    expectChart(call.files, call.body.data);
  });

  it('a mention is answered in its thread with the chart', async () => {
    const start = fake.calls.length;
    const message = messageCreate(fake, `<@${IDS.bot}> trade`, 'channel');
    fake.dispatch('MESSAGE_CREATE', message);
    const answer = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/channels/${message.id}/messages`, start);
    expectChart(answer.files, answer.body);
  });

  it('a channel that refuses the file (no Attach Files, 50013) gets the mention answered without the image', async () => {
    for (const where of ['channel', 'thread'] as const) {
      const start = fake.calls.length;
      const message = messageCreate(fake, `<@${IDS.bot}> trade`, where);
      // A new thread is named after the mention's message; an existing thread is its own channel.
      const postsTo = where === 'channel' ? message.id : IDS.thread;
      const isAnswer = (c: RecordedCall) => c.method === 'POST' && c.path === `/api/v10/channels/${postsTo}/messages`;
      fake.failNext((c) => isAnswer(c) && (c.files?.length ?? 0) > 0, 403, { body: { message: 'Missing Permissions', code: 50013 } });
      fake.dispatch('MESSAGE_CREATE', message);
      const plain = await fake.waitForCall((c) => isAnswer(c) && c.status === undefined, start);
      const tries = fake.callsFrom(start).filter(isAnswer);
      expect(tries.map((c) => [c.status, c.files?.length ?? 0])).toEqual([
        [403, 1],
        [undefined, 0],
      ]);
      expect(plain.body.embeds[0].image).toBeUndefined();
      expect(plain.body.attachments ?? []).toEqual([]);
      expect(plain.body.embeds[0].description).toMatch(/190/); // the numbers stay in the text
      expect(plain.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
    expect(logger.entries.filter((e) => e.msg === 'discord: message failed')).toEqual([]);
    expect(logger.entries.filter((e) => String(e.msg).includes('the chart was refused'))).toHaveLength(2);
  });

  it('a chart that fails to draw is logged, and the answer goes without it', async () => {
    const failing = memoryLogger();
    const answer = answerText(realAnswerer(), 'trade');
    const sent = await chartedEmbed(answer, failing, { draw: () => Promise.reject(new Error('resvg exploded')) });
    expect(sent.files).toEqual([]);
    expect(sent.embeds[0].image).toBeUndefined();
    expect(sent.embeds[0].description).toMatch(/190/);
    expect(JSON.stringify(failing.entries)).toMatch(/could not draw the chart/);
    const slow = await chartedEmbed(answer, failing, { draw: () => new Promise(() => {}), timeoutMs: 20 });
    expect(slow.files).toEqual([]);
  });

  it('a bot draws each distinct chart once, and tries again after a failed drawing', async () => {
    const images = new ChartImages();
    const answer = answerText(realAnswerer(), 'trade');
    let drawings = 0;
    const draw = async () => {
      drawings += 1;
      if (drawings === 1) throw new Error('first drawing fails');
      return { png: Buffer.from('png'), name: 'chart.png' as const, alt: 'alt', width: 1, height: 1 };
    };
    expect((await chartedEmbed(answer, memoryLogger(), { draw, images })).files).toEqual([]);
    expect((await chartedEmbed(answer, memoryLogger(), { draw, images })).files).toHaveLength(1);
    expect((await chartedEmbed(answer, memoryLogger(), { draw, images })).files).toHaveLength(1);
    expect(drawings).toBe(2);
  });
});
