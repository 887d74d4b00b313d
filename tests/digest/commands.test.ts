/** `digest subscribe|unsubscribe|status|preview`, through the core as the adapters call it. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRef } from '../../src/answer/types.ts';
import { requestText } from '../../src/commands/request-text.ts';
import { type Core, createCore } from '../../src/core.ts';
import { createDigestCommands } from '../../src/digest/commands.ts';
import type { ChannelContext } from '../../src/digest/types.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { cited, commandsOf } from '../helpers/items.ts';
import { type Backend, FakeClock, realKnowledge, sqliteBackend } from './support.ts';

const ctx = (fields: Partial<ChannelContext> = {}): ChannelContext => ({
  platform: 'discord',
  channelId: 'C1',
  userId: 'U1',
  canManage: true,
  ...fields,
});
const commandText = (command: CommandRef | string | undefined) =>
  command === undefined ? '' : typeof command === 'string' ? command : requestText(command);
const text = (a: { title: string; lead?: string; items: { text: string; command?: CommandRef | string }[] }) =>
  [a.title, a.lead, ...a.items.map((i) => `${commandText(i.command)} ${i.text}`)].join('\n');

let backend: Backend;
let store: KyselyDigestStore;
let clock: FakeClock;
let core: Core;
/** What a person typed in a channel, read once and answered there. */
const handle = (typed: string, where: ChannelContext) => core.answer(core.parseText(typed), where);
beforeAll(async () => {
  backend = sqliteBackend();
  store = await backend.open();
});
afterAll(async () => backend.cleanup());
beforeEach(async () => {
  for (const table of ['subscriptions', 'deliveries', 'known_facts'] as const) await store.db.deleteFrom(table).execute();
  clock = new FakeClock('2026-03-28T12:00:00Z');
  core = createCore(realKnowledge(), { digest: createDigestCommands({ store, knowledge: realKnowledge(), clock }) });
});

describe('digest commands', () => {
  it('without a channel (the command line, the console) explain themselves and touch nothing', async () => {
    for (const typed of ['digest subscribe 09:00', 'digest status', 'digest']) {
      const answer = core.answerNow(core.parseText(typed));
      expect(answer.title).toBe('The daily digest');
      expect(answer.lead).toBe('Subscribe a Slack or Discord channel to one sourced post a day, at its local time.');
    }
    expect(await store.getSubscription('discord', 'C1')).toBeUndefined();
  });

  it('subscribe with no arguments: 09:00 UTC, all topics, recording who subscribed', async () => {
    const answer = await handle('digest subscribe', ctx({ userId: 'U42' }));
    expect(answer.title).toBe('Daily digest subscribed');
    expect(answer.show).toEqual({ audience: 'asker', shareable: false, cacheable: false });
    expect(answer.lead).toContain('09:00 UTC, on all topics; next post Sun 29 Mar 2026, 09:00 UTC');
    expect(await store.getSubscription('discord', 'C1')).toMatchObject({
      time: '09:00',
      timeZone: 'UTC',
      topics: [],
      subscribedBy: 'U42',
      subscribedAt: '2026-03-28T12:00:00.000Z',
    });
  });

  it('subscribe with a time, a zone (any case) and topics (typos forgiven), in any order', async () => {
    await handle('digest subscribe trade 7:30 europe/berlin enrgy', ctx({ platform: 'slack' }));
    expect(await store.getSubscription('slack', 'C1')).toMatchObject({
      time: '07:30',
      timeZone: 'Europe/Berlin',
      topics: ['trade', 'energy'],
    });
    const status = await handle('digest status', ctx({ platform: 'slack' }));
    expect(status.title).toBe('Daily digest: active');
    // 29 Mar is the spring-forward day in Berlin: 07:30 is CEST.
    expect(text(status)).toContain('next post Sun 29 Mar 2026, 07:30 GMT+2');
    expect(text(status)).toContain('trade, energy');
  });

  it.each([
    ['digest subscribe 25:00', '"25:00" is not a time: use a 24-hour time HH:MM'],
    ['digest subscribe 9:60', '"9:60" is not a time'],
    ['digest subscribe Mars/Olympus', '"Mars/Olympus" is not a time zone: use an IANA time zone Area/City'],
    ['digest subscribe 09:00 UTC sport', '"sport" is not a topic, time or time zone: topics are trade, energy'],
  ])('%s → a clear error that says what is accepted, and nothing saved', async (command, message) => {
    const answer = await handle(command, ctx());
    expect(answer.title).toBe('Digest: not understood');
    expect(answer.lead).toContain(message);
    expect(await store.getSubscription('discord', 'C1')).toBeUndefined();
  });

  it('refuses subscribe and unsubscribe to members who cannot manage the channel', async () => {
    const refused = await handle('digest subscribe', ctx({ canManage: false }));
    expect(refused.title).toBe('Not allowed');
    expect(refused.lead).toContain('Only members who can manage this channel');
    expect(await store.getSubscription('discord', 'C1')).toBeUndefined();
    await handle('digest subscribe', ctx());
    expect((await handle('digest unsubscribe', ctx({ canManage: false }))).title).toBe('Not allowed');
    expect(await store.getSubscription('discord', 'C1')).toBeDefined();
    // Anyone may look.
    expect((await handle('digest status', ctx({ canManage: false }))).title).toBe('Daily digest: active');
  });

  it('every reply names the channel acted on when the platform gives its name (a command from a thread acts on its parent)', async () => {
    const general = ctx({ channelName: 'general' });
    expect((await handle('digest status', general)).lead).toBe('#general is not subscribed.');
    expect((await handle('digest preview', general)).lead).toMatch(/^#general is not subscribed; here is what tomorrow's post would be/);
    expect((await handle('digest subscribe', ctx({ channelName: 'general', canManage: false }))).lead).toContain(
      'Only members who can manage #general may change its daily digest.',
    );
    expect((await handle('digest subscribe 08:00', general)).lead).toContain('Every day at 08:00 UTC in #general, on all topics');
    expect((await handle('digest status', general)).lead).toContain('Every day at 08:00 UTC in #general, on all topics');
    expect((await handle('digest preview', general)).lead).toMatch(/^Preview of tomorrow's post in #general \(only you see this\)\./);
    expect((await handle('digest unsubscribe', general)).lead).toBe('#general will get no more daily posts. Subscribe again at any time.');
    expect((await handle('digest unsubscribe', general)).lead).toBe('#general was not subscribed, so there was nothing to stop.');
    // Unnamed (Slack, a DM): "this channel", as before.
    expect((await handle('digest status', ctx())).lead).toBe('This channel is not subscribed.');
  });

  it('unsubscribe stops it; status then says so; unsubscribing again says there was none', async () => {
    await handle('digest subscribe', ctx());
    expect((await handle('digest unsubscribe', ctx())).title).toBe('Daily digest stopped');
    expect((await handle('digest status', ctx())).title).toBe('No daily digest here');
    expect((await handle('digest unsubscribe', ctx())).title).toBe('No daily digest here');
  });

  it('status shows a paused channel and how to resume', async () => {
    await handle('digest subscribe', ctx());
    await store.pauseSubscription('discord', 'C1', 'Missing Access');
    const status = await handle('digest status', ctx());
    expect(status.title).toBe('Daily digest: paused');
    expect(status.lead).toContain('Missing Access');
    await handle('digest subscribe', ctx());
    expect((await handle('digest status', ctx())).title).toBe('Daily digest: active');
  });

  it('preview shows tomorrow’s post, sourced, and records nothing', async () => {
    await handle('digest subscribe 09:00 Europe/Berlin energy', ctx());
    const preview = await handle('digest preview', ctx());
    expect(preview.title).toBe('Daily digest, 29 Mar 2026: Energy');
    expect(preview.lead).toContain("Preview of tomorrow's post");
    expect(preview.items.length).toBeGreaterThanOrEqual(3);
    expect(preview.sources.length).toBeGreaterThan(0);
    expect(await store.db.selectFrom('deliveries').selectAll().execute()).toEqual([]);
    expect((await store.knownFacts()).size).toBe(0);
  });

  it('preview of tomorrow leaves out what today’s pending post will show', async () => {
    clock.set('2026-03-28T06:00:00Z');
    await handle('digest subscribe 09:00 UTC trade', ctx());
    const tomorrow = await handle('digest preview', ctx());
    const { selectDigest } = await import('../../src/digest/select.ts');
    const { Composer } = await import('../../src/answer/compose.ts');
    const today = selectDigest({
      knowledge: realKnowledge(),
      composer: new Composer(realKnowledge()),
      topics: ['trade'],
      localDate: '2026-03-28',
      history: [],
      firstSeen: new Map(),
    });
    const tomorrowIds = cited(tomorrow.items).flatMap((i) => i.evidence.map((e) => e.factId));
    expect(tomorrowIds.filter((id) => today.factIds.includes(id))).toEqual([]);
  });

  it('an unsubscribed channel previews all topics; unknown words list the commands', async () => {
    expect((await handle('digest preview', ctx({ channelId: 'NEW' }))).lead).toContain('not subscribed');
    const help = await handle('digest frobnicate', ctx());
    expect(help.lead).toContain('"frobnicate" is not a digest command');
    expect(commandsOf(help.items).map(commandText)).toEqual([
      'digest subscribe [HH:MM] [Area/City] [topics…]',
      'digest status',
      'digest preview',
      'digest unsubscribe',
    ]);
  });

  it('never throws, even when the store fails', async () => {
    const broken = createDigestCommands({
      store: { ...store, getSubscription: () => Promise.reject(new Error('db down')) } as never,
      knowledge: realKnowledge(),
      clock,
    });
    core = createCore(realKnowledge(), { digest: broken });
    const answer = await handle('digest status', ctx());
    expect(answer.title).toBe('Digest: something went wrong');
    expect((await handle('digest', ctx())).title).toBe('The daily digest');
  });
});
