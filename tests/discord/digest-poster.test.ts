/**
 * The Discord digest poster against the fake Discord's REST: the exact message it posts,
 * and how Discord's answers become the scheduler's results (no retries of its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordDigestPoster, discordNonce } from '../../adapters/discord/digest-poster.ts';
import { renderEmbed } from '../../adapters/discord/render.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { FakeDiscord, type RecordedCall } from './fake-discord.ts';

const digest = answerText(realAnswerer(), 'trade');

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.close();
});

// Each test posts to a channel of its own, so one test's rate-limit state cannot touch another's.
const channel = (n: number) => String(920000000000000000n + BigInt(n));
const postsTo = (channelId: string) => (c: RecordedCall) => c.method === 'POST' && c.path === `/api/v10/channels/${channelId}/messages`;
const poster = () => createDiscordDigestPoster({ token: FAKE_DISCORD_TOKEN, apiUrl: fake.apiUrl });

describe('Discord digest poster', () => {
  it('POSTs the rendered embed with the nonce, enforce_nonce and no pings, and returns the message id', async () => {
    const result = await poster().post(channel(1), digest, { deliveryId: 'd-20250330-0001' });
    const sent = fake.calls.filter(postsTo(channel(1)));
    expect(sent).toHaveLength(1);
    expect(sent[0].authorization).toBe(`Bot ${FAKE_DISCORD_TOKEN}`);
    expect(sent[0].body).toEqual({
      embeds: [renderEmbed(digest)],
      nonce: 'd-20250330-0001',
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(sent[0].body.embeds[0].fields[0].name).toBe('Sources');
    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
  });

  it('a delivery id longer than Discord’s 25-character nonce is sent as a stable 25-character digest of it', async () => {
    const long = `${channel(2)}:2025-03-30:Europe/Berlin`;
    await poster().post(channel(2), digest, { deliveryId: long });
    const [sent] = fake.calls.filter(postsTo(channel(2)));
    expect(sent.body.nonce).toBe('2_MSY6yKfhGffJc8f-P6DnnXx');
    expect(discordNonce(`${channel(2)}:2025-03-31:Europe/Berlin`)).not.toBe(sent.body.nonce);
  });

  it('the core’s delivery id (25 characters) is sent as the nonce unchanged', async () => {
    await poster().post(channel(8), digest, { deliveryId: '202605042f2dbf6c997f55bc2' });
    const [sent] = fake.calls.filter(postsTo(channel(8)));
    expect(sent.body.nonce).toBe('202605042f2dbf6c997f55bc2');
  });

  it('a 429 comes back at once as retry with Discord’s wait in ms, sent once', async () => {
    fake.failNext(postsTo(channel(3)), 429, {
      body: { message: 'You are being rate limited.', retry_after: 2, global: false },
      headers: { 'retry-after': '2' },
    });
    const result = await poster().post(channel(3), digest, { deliveryId: 'n3' });
    expect(result).toMatchObject({ ok: false, kind: 'retry', retryAfterMs: 2000 });
    expect(fake.calls.filter(postsTo(channel(3)))).toHaveLength(1);
  });

  it('404 Unknown Channel and 403 Missing Access are gone', async () => {
    fake.failNext(postsTo(channel(4)), 404, { body: { message: 'Unknown Channel', code: 10003 } });
    fake.failNext(postsTo(channel(5)), 403, { body: { message: 'Missing Access', code: 50001 } });
    expect(await poster().post(channel(4), digest, { deliveryId: 'n4' })).toEqual({
      ok: false,
      kind: 'gone',
      error: '404 10003 Unknown Channel',
    });
    expect(await poster().post(channel(5), digest, { deliveryId: 'n5' })).toEqual({
      ok: false,
      kind: 'gone',
      error: '403 50001 Missing Access',
    });
  });

  it('a 5xx is a retry, sent once', async () => {
    fake.failNext(postsTo(channel(6)), 502, { body: { message: 'Bad Gateway', code: 0 } });
    expect(await poster().post(channel(6), digest, { deliveryId: 'n6' })).toMatchObject({ ok: false, kind: 'retry' });
    expect(fake.calls.filter(postsTo(channel(6)))).toHaveLength(1);
  });

  it('a channel id that is not a snowflake is gone without a request', async () => {
    const start = fake.calls.length;
    expect(await poster().post('../../guilds/1', digest, { deliveryId: 'n' })).toMatchObject({ ok: false, kind: 'gone' });
    expect(fake.callsFrom(start)).toEqual([]);
  });

  it('a network failure is a retry, never a throw', async () => {
    const unreachable = createDiscordDigestPoster({ token: FAKE_DISCORD_TOKEN, apiUrl: 'http://127.0.0.1:1/api' });
    expect(await unreachable.post(channel(7), digest, { deliveryId: 'n7' })).toMatchObject({ ok: false, kind: 'retry' });
  });
});
