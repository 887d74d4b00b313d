/**
 * A Discord digest post with a chart, against the fake Discord's REST: the PNG goes as
 * `files[0]` with its description (alt text naming every point), the embed shows it, the
 * 👍 / 👎 row names the post's day; a channel that refuses the file (no Attach Files, 50013)
 * gets the post without the image instead of pausing the subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartImages } from '../../adapters/discord/chart-attachment.ts';
import { createDiscordDigestPoster } from '../../adapters/discord/digest-poster.ts';
import { renderEmbed } from '../../adapters/discord/render.ts';
import { Composer } from '../../src/answer/compose.ts';
import { chartWords } from '../../src/chart/describe.ts';
import { selectDigest } from '../../src/digest/select.ts';
import { MemoryFeedbackStore } from '../../src/feedback/memory-store.ts';
import { createFeedbackRecorder } from '../../src/feedback/recorder.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock, realKnowledge } from '../digest/support.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { FakeDiscord, type RecordedCall } from './fake-discord.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const knowledge = realKnowledge();
const selection = selectDigest({
  knowledge,
  composer: new Composer(knowledge),
  topics: ['trade'],
  localDate: '2026-06-10',
  history: [],
  firstSeen: new Map(),
});
const digest = selection.answer;
const options = { deliveryId: '20260610abcdef', localDate: '2026-06-10', factIds: selection.factIds };

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.close();
});

const channel = (n: number) => String(930000000000000000n + BigInt(n));
const postsTo = (channelId: string) => (c: RecordedCall) => c.method === 'POST' && c.path === `/api/v10/channels/${channelId}/messages`;
const logger = memoryLogger();
const feedback = createFeedbackRecorder({
  store: new MemoryFeedbackStore(),
  hashUser: (platform, user) => `${platform}:${user}`,
  clock: new FakeClock('2026-06-10T09:00:00Z'),
  logger,
});
const poster = () =>
  createDiscordDigestPoster({ token: FAKE_DISCORD_TOKEN, apiUrl: fake.apiUrl }, { logger, charts: new ChartImages(), feedback });

describe('a Discord digest post with a chart', () => {
  it('attaches the PNG the embed shows, described point by point, with the 👍 / 👎 row of its day', async () => {
    expect(digest.chart).toBeDefined();
    const result = await poster().post(channel(1), digest, options);
    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
    const [sent] = fake.calls.filter(postsTo(channel(1)));
    const [file] = sent.files ?? [];
    expect(file).toMatchObject({ field: 'files[0]', name: 'chart.png', contentType: 'image/png' });
    expect(file.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(file.size).toBeGreaterThan(1000);
    expect(sent.body.embeds[0].image?.url).toBe('attachment://chart.png');
    expect(sent.body.attachments).toEqual([
      { id: 0, filename: 'chart.png', description: expect.stringContaining(chartWords(digest.chart!)) },
    ]);
    expect(sent.body.components[0].components.map((c) => c.custom_id)).toEqual(['sr-fbd:up:2026-06-10', 'sr-fbd:down:2026-06-10']);
    expect(sent.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
  });

  it('a channel refusing the file (Missing Permissions) gets the post without the image, not a pause', async () => {
    fake.failNext((c) => postsTo(channel(2))(c) && (c.files?.length ?? 0) > 0, 403, {
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const result = await poster().post(channel(2), digest, options);
    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
    const [refused, again] = fake.calls.filter(postsTo(channel(2)));
    expect(refused.status).toBe(403);
    expect(again.files).toBeUndefined();
    expect(again.body.attachments).toBeUndefined();
    expect(again.body.embeds).toEqual([renderEmbed(digest)]);
    expect(again.body.nonce).toBe(refused.body.nonce);
  });

  it('a correction edits the post keeping its chart image (the same file, listed in attachments) and its 👍 / 👎', async () => {
    const LINE = 'Corrected on 1 Dec 2026, see the reply.';
    const posted = await poster().post(channel(4), digest, options);
    if (!posted.ok || !posted.messageId) throw new Error('post failed');
    const message = () => fake.channelMessages.get(channel(4))!.find((m) => m.id === posted.messageId)!;
    const [file] = message().attachments;
    const components = message().components;
    expect(file).toMatchObject({ id: expect.stringMatching(/^\d+$/), filename: 'chart.png' });
    expect(await poster().edit(channel(4), posted.messageId, { answer: digest }, LINE)).toEqual({ ok: true, messageId: posted.messageId });
    const patch = fake.calls.find((c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${posted.messageId}`))!;
    expect(patch.status).toBeUndefined();
    expect(patch.files).toBeUndefined(); // nothing uploaded again
    expect(patch.body.attachments).toEqual([{ id: file.id }]);
    expect(patch.body.embeds[0].image).toEqual({ url: 'attachment://chart.png' });
    expect(patch.body.embeds[0].footer.text.startsWith(LINE)).toBe(true);
    expect(patch.body.components).toBeUndefined(); // left out: Discord keeps the row as it was
    expect(message().attachments).toEqual([file]);
    expect(message().components).toEqual(components);
    expect((message().embeds as { image?: unknown }[])[0].image).toEqual({ url: 'attachment://chart.png' });
  });

  it('a post that went without the image is edited without one', async () => {
    fake.failNext((c) => postsTo(channel(5))(c) && (c.files?.length ?? 0) > 0, 403, {
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const posted = await poster().post(channel(5), digest, options);
    if (!posted.ok || !posted.messageId) throw new Error('post failed');
    expect(await poster().edit(channel(5), posted.messageId, { answer: digest }, 'Corrected.')).toMatchObject({ ok: true });
    const patch = fake.calls.find((c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${posted.messageId}`))!;
    expect(patch.body.attachments).toBeUndefined();
    expect(patch.body.embeds[0].image).toBeUndefined();
  });

  it('a post the bot may no longer read (no Read Message History) is still corrected, without the image, and says so', async () => {
    const posted = await poster().post(channel(6), digest, options);
    if (!posted.ok || !posted.messageId) throw new Error('post failed');
    const read = (c: RecordedCall) => c.method === 'GET' && c.path.endsWith(`/channels/${channel(6)}/messages/${posted.messageId}`);
    fake.failNext(read, 403, { body: { message: 'Missing Access', code: 50001 } });
    expect(await poster().edit(channel(6), posted.messageId, { answer: digest }, 'Corrected.')).toMatchObject({ ok: true });
    expect(fake.calls.filter(read).map((c) => c.status)).toEqual([403]);
    const patch = fake.calls.find((c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${posted.messageId}`))!;
    expect(patch.body.attachments).toBeUndefined();
    expect(patch.body.embeds[0].image).toBeUndefined();
    expect(patch.body.embeds[0].footer.text.startsWith('Corrected.')).toBe(true);
    expect(logger.entries.filter((e) => String(e.msg).startsWith('discord: could not read the post to correct'))).toHaveLength(1);
  });

  it('a channel that is gone is still gone: Unknown Channel pauses as before', async () => {
    fake.failNext(postsTo(channel(3)), 404, { body: { message: 'Unknown Channel', code: 10003 } });
    const result = await poster().post(channel(3), digest, options);
    expect(result).toMatchObject({ ok: false, kind: 'gone' });
    expect(fake.calls.filter(postsTo(channel(3)))).toHaveLength(1);
  });
});
