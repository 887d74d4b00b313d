/**
 * The posters' correction capabilities against the fakes: a reply in the post's thread and
 * an edit of the bot's own message, on Slack (chat.postMessage with thread_ts, chat.update)
 * and Discord (a reply with message_reference, a PATCH of the message).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctedEmbed, createDiscordDigestPoster } from '../../adapters/discord/digest-poster.ts';
import { renderEmbed } from '../../adapters/discord/render.ts';
import { CORRECTION_EVENT_TYPE, correctedMessage, createSlackDigestPoster } from '../../adapters/slack/digest-poster.ts';
import { withFeedback } from '../../adapters/slack/feedback-block.ts';
import { renderAnswer } from '../../adapters/slack/render.ts';
import { Composer } from '../../src/answer/compose.ts';
import type { Answer, AnswerItem } from '../../src/answer/types.ts';
import { correctionAnswer } from '../../src/corrections/notice.ts';
import { shownFact } from '../../src/corrections/shown.ts';
import { selectDigest } from '../../src/digest/select.ts';
import { MemoryFeedbackStore } from '../../src/feedback/memory-store.ts';
import { createFeedbackRecorder } from '../../src/feedback/recorder.ts';
import { feedbackTarget } from '../../src/feedback/target.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock, realKnowledge } from '../digest/support.ts';
import { FakeDiscord, IDS } from '../discord/fake-discord.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';

const original = answerText(realAnswerer(), 'trade');
const knowledge = realKnowledge();
const [first, second] = knowledge.facts;
const correction = correctionAnswer(
  { kind: 'changed', before: shownFact(first), now: shownFact(second) },
  knowledge,
  new Date('2026-12-01T10:00:00Z'),
);
const LINE = 'Corrected on 1 Dec 2026, see thread.';

let slack: FakeSlack;
let discord: FakeDiscord;
beforeAll(async () => {
  slack = await startFakeSlack();
  discord = await new FakeDiscord().start();
});
afterAll(async () => {
  await slack?.close();
  await discord?.close();
});

describe('Slack', () => {
  const poster = () => createSlackDigestPoster({ botToken: 'xoxb-corrections', apiUrl: slack.apiUrl });

  it('replies in the thread of the post (its own thread when it was in one), marked as a correction', async () => {
    const posted = await poster().post('C1', original, { deliveryId: 'd1' });
    if (!posted.ok) throw new Error('post failed');
    expect(await poster().reply('C1', { messageId: posted.messageId! }, correction, { correctionId: 'slack:C1:x:k' })).toMatchObject({
      ok: true,
    });
    await poster().reply('C1', { messageId: '1800000000.000009', threadId: '1700000000.000001' }, correction, { correctionId: 'k2' });
    const [reply, inThread] = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.params.thread_ts);
    expect(reply.params).toMatchObject({
      channel: 'C1',
      thread_ts: posted.messageId,
      ...renderAnswer(correction),
      metadata: { event_type: CORRECTION_EVENT_TYPE, event_payload: { correction: 'slack:C1:x:k' } },
    });
    expect(inThread.params.thread_ts).toBe('1700000000.000001');
  });

  it('edits the bot’s message with chat.update: the post as it was, and the line last', async () => {
    const posted = await poster().post('C2', original, { deliveryId: 'd2' });
    if (!posted.ok) throw new Error('post failed');
    expect(await poster().edit('C2', posted.messageId!, { answer: original }, LINE)).toEqual({ ok: true, messageId: posted.messageId });
    const update = slack.calls.find((c) => c.method === 'chat.update')!;
    const { blocks, text } = renderAnswer(original);
    expect(update.params).toEqual({
      channel: 'C2',
      ts: posted.messageId,
      text: `${text}\n${LINE}`,
      blocks: [...blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: `_${LINE}_` }] }],
    });
    // A message the bot did not post is refused, and told as a failure, not thrown.
    expect(await poster().edit('C2', '1111111111.000001', { answer: original }, LINE)).toMatchObject({
      ok: false,
      error: 'message_not_found',
    });
  });

  it('a shared answer is edited with its "Shared by" line kept', async () => {
    const posted = await poster().post('C4', original, { deliveryId: 'd4' });
    if (!posted.ok) throw new Error('post failed');
    await poster().edit('C4', posted.messageId!, { answer: original, sharedBy: 'U0SHARER' }, LINE);
    const update = slack.calls.find((c) => c.method === 'chat.update' && c.params.channel === 'C4')!;
    expect(update.params.blocks).toEqual([
      ...renderAnswer(original, { sharedBy: 'U0SHARER' }).blocks,
      { type: 'context', elements: [{ type: 'mrkdwn', text: `_${LINE}_` }] },
    ]);
    expect(JSON.stringify(update.params.blocks)).toContain('Shared by <@U0SHARER>');
  });

  it('a digest post keeps its chart and its 👍 / 👎 (about that day) when edited; an answer keeps its own', async () => {
    const feedback = createFeedbackRecorder({
      store: new MemoryFeedbackStore(),
      hashUser: (platform, user) => `${platform}:${user}`,
      clock: new FakeClock('2026-06-10T09:00:00Z'),
      logger: memoryLogger(),
    });
    const voting = () => createSlackDigestPoster({ botToken: 'xoxb-corrections', apiUrl: slack.apiUrl }, memoryLogger(), feedback);
    const digest = selectDigest({
      knowledge,
      composer: new Composer(knowledge),
      topics: ['trade'],
      localDate: '2026-06-10',
      history: [],
      firstSeen: new Map(),
    });
    for (const [channel, answer, options] of [
      ['C5', digest.answer, { deliveryId: 'd5', localDate: '2026-06-10', factIds: digest.factIds }],
      ['C6', original, { deliveryId: 'd6' }],
    ] as const) {
      const posted = await voting().post(channel, answer, options);
      if (!posted.ok) throw new Error('post failed');
      const sent = slack.calls.find((c) => c.method === 'chat.postMessage' && c.params.channel === channel)!;
      await voting().edit(channel, posted.messageId!, { answer }, LINE);
      const update = slack.calls.find((c) => c.method === 'chat.update' && c.params.channel === channel)!;
      // A digest post as posted; a mention's reply or a shared post carried the answer's own 👍 / 👎 (handlers.ts withVotes).
      const before = (
        channel === 'C5' ? sent.params.blocks : withFeedback(renderAnswer(answer).blocks, feedbackTarget(answer), feedback)
      ) as { type: string }[];
      const after = update.params.blocks as { type: string }[];
      const note = { type: 'context', elements: [{ type: 'mrkdwn', text: `_${LINE}_` }] };
      // The post as it was, the line under the answer and above the buttons.
      expect(after).toEqual([...before.slice(0, -1), note, before.at(-1)]);
      expect(after.at(-1)?.type).toBe('context_actions');
      expect(after.some((b) => b.type === 'data_visualization')).toBe(true);
    }
  });

  it('a full message keeps within 50 blocks with the line', () => {
    const many: Answer = {
      ...original,
      items: Array.from({ length: 80 }, (_, i) => ({ ...original.items[0], text: `Item ${i}` }) as AnswerItem),
    };
    expect(correctedMessage(many, LINE).blocks.length).toBeLessThanOrEqual(50);
    expect(correctedMessage(many, LINE).blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: `_${LINE}_` }] });
  });

  it('a channel that is gone comes back as gone', async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    expect(await poster().reply('C3', { messageId: '1.2' }, correction, { correctionId: 'k' })).toMatchObject({ ok: false, kind: 'gone' });
  });
});

describe('Discord', () => {
  const poster = () => createDiscordDigestPoster({ token: FAKE_DISCORD_TOKEN, apiUrl: discord.apiUrl });

  it('replies to the post, pinging nobody, with a nonce per correction', async () => {
    const posted = await poster().post(IDS.channel, original, { deliveryId: 'd1' });
    if (!posted.ok) throw new Error('post failed');
    const replied = await poster().reply(IDS.channel, { messageId: posted.messageId! }, correction, {
      correctionId: `discord:${IDS.channel}:${posted.messageId}:fact-id:0123456789abcdef->withdrawn`,
    });
    expect(replied).toMatchObject({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
    const reply = discord.channelMessages.get(IDS.channel)!.find((m) => m.id === (replied as { messageId: string }).messageId);
    expect(reply).toMatchObject({ type: 19, message_reference: { message_id: posted.messageId }, embeds: [renderEmbed(correction)] });
    const call = discord.calls.filter((c) => c.method === 'POST' && c.path === `/api/v10/channels/${IDS.channel}/messages`).at(-1)!;
    expect(call.body).toMatchObject({
      enforce_nonce: true,
      allowed_mentions: { parse: [], replied_user: false },
      message_reference: { message_id: posted.messageId, fail_if_not_exists: false },
    });
    expect(call.body.nonce).toHaveLength(25);
  });

  it('edits the bot’s message: the embed as posted with the line in its footer, its content left alone', async () => {
    const posted = await poster().post(IDS.channel, original, { deliveryId: 'd2' });
    if (!posted.ok) throw new Error('post failed');
    expect(await poster().edit(IDS.channel, posted.messageId!, { answer: original, sharedBy: IDS.user }, LINE)).toEqual({
      ok: true,
      messageId: posted.messageId,
    });
    const patch = discord.calls.find(
      (c) => c.method === 'PATCH' && c.path === `/api/v10/channels/${IDS.channel}/messages/${posted.messageId}`,
    )!;
    expect(patch.body).toEqual({ embeds: [correctedEmbed(original, LINE)], allowed_mentions: { parse: [] } });
    expect(patch.body.embeds[0].footer.text.startsWith(LINE)).toBe(true);
    expect({ ...patch.body.embeds[0], footer: undefined }).toEqual({ ...renderEmbed(original), footer: undefined });
    const edited = discord.channelMessages.get(IDS.channel)!.find((m) => m.id === posted.messageId);
    expect(edited?.edited_timestamp).not.toBeNull();
    // Unknown message: Discord's 404, which means it is gone.
    expect(await poster().edit(IDS.channel, '930000000000000001', { answer: original }, LINE)).toMatchObject({ ok: false, kind: 'gone' });
  });
});
