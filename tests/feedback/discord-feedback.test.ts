/** 👍 / 👎 on Discord: the button row, the reason modal, the handlers, the curators' check and the report reply. */
import { ComponentType, MessageFlags, type ModalBuilder, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  feedbackComponents,
  feedbackRow,
  handleFeedbackButton,
  handleReasonModal,
  isDiscordCurator,
  reasonModal,
  THANKS_DOWN,
  THANKS_UP,
} from '../../adapters/discord/feedback.ts';
import { createFeedbackRecorder, feedbackOff, feedbackTarget, MemoryFeedbackStore, userHasher } from '../../src/feedback/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock } from '../digest/support.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

// biome-ignore lint/suspicious/noExplicitAny: block and component JSON, read loosely
type Loose = any;

const target = feedbackTarget(answerText(realAnswerer(), 'gas deal'));

function rig() {
  const store = new MemoryFeedbackStore();
  const feedback = createFeedbackRecorder({
    store,
    hashUser: userHasher('discord-feedback-key-0123456789'),
    clock: new FakeClock('2026-12-01T12:00:00Z'),
    logger: memoryLogger(),
  });
  return { store, feedback, deps: { feedback, logger: memoryLogger() } };
}

function button(customId: string, user = '111111111111111111') {
  const replies: unknown[] = [];
  const modals: ModalBuilder[] = [];
  return {
    customId,
    user: { id: user },
    replies,
    modals,
    reply: async (o: unknown) => void replies.push(o),
    showModal: async (m: ModalBuilder) => void modals.push(m),
  };
}

function submission(customId: string, reason: string[], note: string, user = '111111111111111111') {
  const replies: unknown[] = [];
  return {
    customId,
    user: { id: user },
    replies,
    fields: { getStringSelectValues: () => reason, getTextInputValue: () => note },
    reply: async (o: unknown) => void replies.push(o),
  };
}

describe('Discord feedback builders', () => {
  it('makes two buttons whose custom ids carry the answer id within 100 characters', () => {
    const row = feedbackRow(target).toJSON();
    expect(row.components.map((c: Loose) => c.custom_id)).toEqual([`sr-fb:up:${target.answerId}`, `sr-fb:down:${target.answerId}`]);
    for (const c of row.components as Loose[]) expect(c.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('adds the row and remembers the answer only with feedback on', () => {
    const { feedback } = rig();
    expect(feedbackComponents(target, feedback)).toHaveLength(1);
    expect(feedback.target(target.answerId)).toEqual(target);
    expect(feedbackComponents(target, feedbackOff)).toEqual([]);
    expect(feedbackComponents(target, undefined)).toEqual([]);
  });

  it('makes a reason modal with an optional select of the fixed reasons and an optional 500-character note', () => {
    const modal = reasonModal(target.answerId).toJSON() as Loose;
    expect(modal.custom_id).toBe(`sr-fb-why:${target.answerId}`);
    const [reason, note] = modal.components;
    expect(reason.component).toMatchObject({ type: ComponentType.StringSelect, custom_id: 'reason', required: false, min_values: 0 });
    expect(reason.component.options.map((o: Loose) => o.label)).toEqual(['wrong figure', 'outdated', 'not what I asked']);
    expect(note.component).toMatchObject({ type: ComponentType.TextInput, custom_id: 'note', max_length: 500, required: false });
  });
});

describe('Discord feedback handlers', () => {
  it('👍 records the remembered answer and thanks privately, pinging no one', async () => {
    const { store, feedback, deps } = rig();
    feedback.remember(target);
    const click = button(`sr-fb:up:${target.answerId}`);
    expect(await handleFeedbackButton(click, deps)).toBe(true);
    expect(click.replies).toEqual([{ content: THANKS_UP, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }]);
    expect(await store.votes()).toMatchObject([
      { answerId: target.answerId, direction: 'up', query: 'gas deal', factIds: target.factIds, platform: 'discord' },
    ]);
  });

  it('👎 shows the reason form first; the form replaces the vote with its reason', async () => {
    const { store, feedback, deps } = rig();
    feedback.remember(target);
    const click = button(`sr-fb:down:${target.answerId}`);
    await handleFeedbackButton(click, deps);
    expect(click.replies).toEqual([]);
    expect(click.modals.map((m) => m.toJSON().custom_id)).toEqual([`sr-fb-why:${target.answerId}`]);
    const sent = submission(`sr-fb-why:${target.answerId}`, ['outdated'], '  figures from 2019 @everyone ');
    await handleReasonModal(sent, deps);
    expect(sent.replies).toEqual([{ content: THANKS_DOWN, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }]);
    expect(await store.votes()).toMatchObject([
      { direction: 'down', reason: { code: 'outdated', text: 'figures from 2019 @everyone' }, factIds: target.factIds },
    ]);
  });

  it('keeps a vote on a forgotten answer by its id; ignores other custom ids; FEEDBACK=off records nothing', async () => {
    const { store, deps } = rig();
    await handleFeedbackButton(button('sr-fb:up:abcdef'), deps);
    expect(await store.votes()).toMatchObject([{ answerId: 'abcdef', kind: 'unknown', factIds: [] }]);
    expect(await handleFeedbackButton(button('share:abc'), deps)).toBe(false);
    expect(await handleFeedbackButton(button('sr-fb:up:<@1>'), deps)).toBe(false);
    const off = button(`sr-fb:down:${target.answerId}`);
    await handleFeedbackButton(off, { feedback: feedbackOff, logger: memoryLogger() });
    expect(off.modals).toEqual([]);
    expect(await store.votes()).toHaveLength(1);
  });
});

describe('Discord report access', () => {
  it('lets CURATORS and Manage Server members see the report, nobody else', () => {
    expect(isDiscordCurator('1', null, ['1'])).toBe(true);
    expect(isDiscordCurator('2', new PermissionsBitField(PermissionFlagsBits.ManageGuild), [])).toBe(true);
    expect(isDiscordCurator('2', new PermissionsBitField(PermissionFlagsBits.ManageChannels), ['1'])).toBe(false);
  });
});
