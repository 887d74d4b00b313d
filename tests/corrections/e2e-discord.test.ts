/**
 * Issue 16 on Discord, wired as `npm start` wires it (startBot: the real discord.js client and
 * REST against the fake Discord, the SQLite file under DATA_DIR): a digest post cites the
 * fact; the curator changes its figure; the reload sends one reply to the post and one edit
 * of it; a restart sends nothing more.
 */
import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { FakeDiscord, IDS, type RecordedCall } from '../discord/fake-discord.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { curatedBase, FACT } from './support.ts';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const messagesPosted = (fake: FakeDiscord) =>
  fake.calls.filter((c: RecordedCall) => c.method === 'POST' && c.path === `/api/v10/channels/${IDS.channel}/messages`);
const edits = (fake: FakeDiscord, id: string) =>
  fake.calls.filter((c: RecordedCall) => c.method === 'PATCH' && c.path === `/api/v10/channels/${IDS.channel}/messages/${id}`);
const embedText = (embed: { title?: string; description?: string; fields?: { value: string }[]; footer?: { text: string } }) =>
  [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value), embed.footer?.text ?? ''].join('\n');

it('a Discord digest post gets one reply and one edit when a fact it showed changes, and no more after a restart', async () => {
  const fake = await new FakeDiscord().start();
  const data = tempDataDir();
  const base = curatedBase();
  cleanups.push(
    () => fake.close(),
    () => data.remove(),
    () => rmSync(base.root, { recursive: true, force: true }),
  );
  const env = { DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: fake.apiUrl, DATA_DIR: data.dir, ...base.env };
  const clock = new FakeClock('2026-12-01T09:01:00Z');
  let bot: Instance = await startInstance(env, clock, { knowledge: base.load() });
  cleanups.push(() => bot.stop());

  await bot.store.saveSubscription({
    platform: 'discord',
    channelId: IDS.channel,
    time: '09:00',
    timeZone: 'UTC',
    topics: ['trade'],
    subscribedBy: IDS.user,
    subscribedAt: '2026-11-30T00:00:00.000Z',
  });
  expect((await bot.scheduler.tick()).sent).toBe(1);
  const [digest] = fake.channelMessages.get(IDS.channel)!;
  expect((await bot.storage.posts.posts()).map((p) => [p.platform, p.messageId, p.shown.some((s) => s.factId === FACT)])).toEqual([
    ['discord', digest.id, true],
  ]);

  base.changeFigure();
  await bot.reload('test');
  await bot.corrector!.run();
  const replies = messagesPosted(fake).filter((c) => c.body.message_reference);
  expect(replies).toHaveLength(1);
  expect(replies[0].body).toMatchObject({
    message_reference: { message_id: digest.id },
    allowed_mentions: { parse: [], replied_user: false },
    enforce_nonce: true,
  });
  const text = embedText(replies[0].body.embeds[0]);
  expect(text).toContain('Correction to this post');
  expect(text).toMatch(/We reported: China and Russia traded goods worth \$240 billion in 2025\..*\[1\]/);
  expect(text).toMatch(/Our sources now say: China and Russia traded goods worth \$245 billion in 2025\..*\[1\]/);
  expect(text).toContain('The trade ledger');
  const [edit, ...moreEdits] = edits(fake, digest.id);
  expect(moreEdits).toEqual([]);
  expect(edit.body.embeds[0].footer.text).toMatch(/^Corrected on 1 Dec 2026, see thread\./);
  expect(edit.body.embeds[0].title).toBe(digest.embeds[0].title);

  await bot.stop();
  bot = await startInstance(env, clock, { knowledge: base.load() });
  await bot.corrector!.run();
  expect(messagesPosted(fake).filter((c) => c.body.message_reference)).toHaveLength(1);
  expect(edits(fake, digest.id)).toHaveLength(1);
});
