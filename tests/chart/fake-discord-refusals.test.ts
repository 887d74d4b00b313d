/**
 * The fake Discord refuses what Discord would not show, so a broken chart fails a test: it
 * answers 400 to a "PNG" without the PNG signature, an empty or truncated one, or an embed
 * showing a file that was not sent. What the bot really sends passes.
 */
import { AttachmentBuilder, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartPng } from '../../adapters/discord/chart-png.ts';
import type { Answer } from '../../src/answer/types.ts';
import type { Chart } from '../../src/chart/types.ts';
import { FakeDiscord, IDS } from '../discord/fake-discord.ts';
import { PNG_SIGNATURE } from '../discord/fake-discord-files.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

let discordFake: FakeDiscord;
let trade: Answer;

beforeAll(async () => {
  discordFake = await new FakeDiscord().start();
  trade = answerText(realAnswerer(), 'trade');
});

afterAll(async () => {
  await discordFake?.close();
});

describe('the fake Discord and attached PNGs', () => {
  const rest = () => new REST({ api: discordFake.apiUrl, retries: 0 }).setToken(FAKE_DISCORD_TOKEN);
  const send = (data: Buffer, imageUrl = 'attachment://chart.png') => {
    const file = new AttachmentBuilder(data, { name: 'chart.png', description: 'alt' });
    return rest().post(Routes.channelMessages(IDS.channel), {
      body: { embeds: [{ title: 'chart', image: { url: imageUrl } }], attachments: [{ id: 0, description: 'alt' }] },
      files: [{ name: file.name ?? 'chart.png', data, contentType: 'image/png' }],
    });
  };
  const refusalOf = async (data: Buffer, imageUrl?: string) => {
    const start = discordFake.calls.length;
    const error = await send(data, imageUrl).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { status: (error as { status?: number } | undefined)?.status, problem: discordFake.callsFrom(start)[0]?.problem };
  };

  it('takes the chart the bot draws for the trade answer', async () => {
    const png = chartPng(trade.chart as Chart, trade.sources);
    expect(png?.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    await expect(refusalOf(png?.png as Buffer)).resolves.toEqual({ status: undefined, problem: undefined });
  });

  it('refuses a file that is not a PNG, an empty one, a truncated one, and an embed showing a file not sent', async () => {
    const png = chartPng(trade.chart as Chart, trade.sources)?.png as Buffer;
    expect(await refusalOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({
      status: 400,
      problem: 'chart.png: not a PNG (no PNG signature)',
    });
    expect(await refusalOf(Buffer.alloc(0))).toMatchObject({ status: 400 });
    expect(await refusalOf(png.subarray(0, 12))).toEqual({ status: 400, problem: 'chart.png: 12 bytes is too small for a PNG' });
    expect(await refusalOf(png, 'attachment://other.png')).toEqual({
      status: 400,
      problem: 'an embed shows attachment://other.png, but no such file was sent',
    });
  });
});
