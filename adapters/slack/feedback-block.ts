/**
 * 👍 / 👎 under an answer on Slack: Slack's own `feedback_buttons` in a `context_actions`
 * block, or an `actions` block of two buttons where that is not accepted; the 👎 reason modal;
 * and the handlers of the clicks and the modal, as functions of (body, deps) plus
 * `registerFeedback(app, deps)` that wires them into a Bolt app.
 * Each button's value carries the answer it is about (src/feedback/target.ts), so a vote
 * needs no lookup and survives a restart.
 */
import type { App, types } from '@slack/bolt';
import { parseReason } from '../../src/feedback/reason.ts';
import { decodeTarget, encodeTarget } from '../../src/feedback/target.ts';
import {
  type FeedbackRecorder,
  type FeedbackTarget,
  MAX_REASON_TEXT,
  REASON_CODES,
  REASON_LABELS,
  type VoteDirection,
} from '../../src/feedback/types.ts';
import type { Logger } from '../../src/log.ts';

type Block = types.KnownBlock | types.Block;

/** The native element's action id; the fallback buttons have one each. */
export const FEEDBACK_ACTION_ID = 'sinorussia_feedback';
export const FEEDBACK_UP_ACTION_ID = 'sinorussia_feedback_up';
export const FEEDBACK_DOWN_ACTION_ID = 'sinorussia_feedback_down';
export const REASON_CALLBACK_ID = 'sinorussia_feedback_reason';
const REASON_BLOCK = 'reason';
const REASON_CHOICE = 'choice';
const REASON_TEXT_BLOCK = 'note';
const REASON_TEXT = 'text';

export const THANKS_UP = 'Thanks! Your 👍 is recorded (no one else sees it).';
export const THANKS_DOWN = 'Thanks: the curators will look at this answer. Your note, if any, goes only to them.';

/** Slack's button value limit, less the direction's prefix. */
const VALUE_ROOM = 2000 - 'down:'.length;
/** Slack's private_metadata limit. */
const METADATA_ROOM = 3000;

const value = (direction: VoteDirection, target: FeedbackTarget) => `${direction}:${encodeTarget(target, VALUE_ROOM)}`;
const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** The native pair; `block_id` names the answer so a message's blocks stay unique. */
export function feedbackBlock(target: FeedbackTarget): Block {
  return {
    type: 'context_actions',
    block_id: `feedback:${target.answerId}`,
    elements: [
      {
        type: 'feedback_buttons',
        action_id: FEEDBACK_ACTION_ID,
        positive_button: { text: plain('👍'), value: value('up', target), accessibility_label: 'This answer was useful' },
        negative_button: { text: plain('👎'), value: value('down', target), accessibility_label: 'This answer fell short' },
      },
    ],
  } as Block;
}

/** Two ordinary buttons, for where `context_actions` is refused. */
export function fallbackFeedbackBlock(target: FeedbackTarget): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: `feedback:${target.answerId}`,
    elements: [
      {
        type: 'button',
        action_id: FEEDBACK_UP_ACTION_ID,
        text: plain('👍'),
        value: value('up', target),
        accessibility_label: 'This answer was useful',
      },
      {
        type: 'button',
        action_id: FEEDBACK_DOWN_ACTION_ID,
        text: plain('👎'),
        value: value('down', target),
        accessibility_label: 'This answer fell short',
      },
    ],
  };
}

/** The same blocks with every native feedback block swapped for the fallback (a retry after `invalid_blocks`). */
export function withFallbackFeedback(blocks: Block[]): Block[] {
  return blocks.map((block) => {
    if (block.type !== 'context_actions') return block;
    const element = (block as { elements?: { type: string; positive_button?: { value: string } }[] }).elements?.find(
      (e) => e.type === 'feedback_buttons',
    );
    const target = parseValue(element?.positive_button?.value)?.target;
    return target ? fallbackFeedbackBlock(target) : block;
  });
}

/** Slack's limit of blocks in a message. */
const MAX_MESSAGE_BLOCKS = 50;

/**
 * An answer's blocks with 👍 / 👎 at the end, when feedback is on and there is room (a message
 * already at Slack's 50 blocks goes without). The renderer's one call.
 */
export function withFeedback(blocks: Block[], target: FeedbackTarget, feedback: Pick<FeedbackRecorder, 'enabled'> | undefined): Block[] {
  if (!feedback?.enabled || blocks.length >= MAX_MESSAGE_BLOCKS) return blocks;
  return [...blocks, feedbackBlock(target)];
}

/** Slack's answer to blocks it does not accept: then send again lighter (optional-blocks.ts). */
export const isBlocksRefusal = (error: unknown) =>
  /invalid_blocks|invalid_block/.test(String((error as { data?: { error?: string } })?.data?.error ?? (error as Error)?.message ?? ''));

function parseValue(raw: unknown): { direction: VoteDirection; target: FeedbackTarget } | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^(up|down):(.*)$/s.exec(raw);
  const target = match ? decodeTarget(match[2]) : undefined;
  return match && target ? { direction: match[1] as VoteDirection, target } : undefined;
}

/** The 👎 reason form: one of the fixed reasons and/or a note, both optional. */
export function reasonModal(target: FeedbackTarget): types.ModalView {
  const fixed = REASON_CODES.filter((code) => code !== 'other');
  return {
    type: 'modal',
    callback_id: REASON_CALLBACK_ID,
    private_metadata: encodeTarget(target, METADATA_ROOM),
    title: plain('What fell short?'),
    submit: plain('Send'),
    close: plain('Skip'),
    blocks: [
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Your 👎 is recorded. A reason helps the curators fix the answer; only they see it.' }],
      },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        optional: true,
        label: plain('Reason'),
        element: {
          type: 'radio_buttons',
          action_id: REASON_CHOICE,
          options: fixed.map((code) => ({ text: plain(REASON_LABELS[code]), value: code })),
        },
      },
      {
        type: 'input',
        block_id: REASON_TEXT_BLOCK,
        optional: true,
        label: plain('Anything else?'),
        element: { type: 'plain_text_input', action_id: REASON_TEXT, multiline: true, max_length: MAX_REASON_TEXT },
      },
    ],
  };
}

export function thanksModal(): types.ModalView {
  return {
    type: 'modal',
    title: plain('Thank you'),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: THANKS_DOWN } }],
  };
}

export interface FeedbackHandlerDeps {
  feedback: FeedbackRecorder;
  /** Opens a modal with the click's trigger_id (`client.views.open`). */
  openModal(triggerId: string, view: types.ModalView): Promise<unknown>;
  logger: Logger;
}

/** What a click's handler did: the private thanks to show the clicker, if any. */
export interface ClickOutcome {
  recorded: boolean;
  /** Show the clicker this, privately (`respond` with `replace_original: false`). */
  thanks?: string;
}

interface ActionBody {
  type?: string;
  user?: { id?: string };
  trigger_id?: string;
  actions?: { action_id?: string; value?: string }[];
}

const OUR_ACTIONS = new Set([FEEDBACK_ACTION_ID, FEEDBACK_UP_ACTION_ID, FEEDBACK_DOWN_ACTION_ID]);

/** A click on 👍 or 👎: records the vote at once; a 👎 then opens the reason form. */
export async function handleFeedbackAction(body: ActionBody, deps: FeedbackHandlerDeps): Promise<ClickOutcome> {
  const action = body.actions?.find((a) => OUR_ACTIONS.has(a.action_id ?? ''));
  const parsed = parseValue(action?.value);
  const userId = body.user?.id;
  if (!parsed || !userId || !deps.feedback.enabled) return { recorded: false };
  await deps.feedback.vote({ target: parsed.target, direction: parsed.direction, platform: 'slack', userId });
  if (parsed.direction === 'up') return { recorded: true, thanks: THANKS_UP };
  if (body.trigger_id) {
    try {
      await deps.openModal(body.trigger_id, reasonModal(parsed.target));
      return { recorded: true };
    } catch (error) {
      deps.logger.warn('slack feedback: could not open the reason form', { error: (error as Error).message });
    }
  }
  return { recorded: true, thanks: THANKS_DOWN };
}

interface ViewBody {
  user?: { id?: string };
  view?: {
    callback_id?: string;
    private_metadata?: string;
    state?: { values?: Record<string, Record<string, { selected_option?: { value?: string } | null; value?: string | null }>> };
  };
}

/** The ack of a sent reason form: the form turns into a thank-you. */
export const REASON_ACK = { response_action: 'update' as const, view: thanksModal() };

/** The reason form sent: the 👎 is recorded again with its reason (replacing the first); true when it was. */
export async function handleReasonSubmission(body: ViewBody, deps: Pick<FeedbackHandlerDeps, 'feedback'>): Promise<boolean> {
  const target = decodeTarget(body.view?.private_metadata);
  const userId = body.user?.id;
  const values = body.view?.state?.values ?? {};
  const reason = parseReason(
    values[REASON_BLOCK]?.[REASON_CHOICE]?.selected_option?.value,
    values[REASON_TEXT_BLOCK]?.[REASON_TEXT]?.value,
  );
  if (!target || !userId || !reason || !deps.feedback.enabled) return false;
  await deps.feedback.vote({ target, direction: 'down', reason, platform: 'slack', userId });
  return true;
}

/** Wires the handlers into a Bolt app: every click acked first, then recorded. */
export function registerFeedback(app: App, deps: { feedback: FeedbackRecorder; logger: Logger }): void {
  for (const actionId of OUR_ACTIONS) {
    app.action(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      const outcome = await handleFeedbackAction(body as ActionBody, {
        ...deps,
        openModal: (triggerId, view) => client.views.open({ trigger_id: triggerId, view }),
      });
      if (outcome.thanks) {
        // A click without a response_url (Slack leaves it out of some payloads) is thanked in place, privately.
        const { channel, user } = body as { channel?: { id?: string }; user: { id: string } };
        const thanking = respond
          ? respond({ response_type: 'ephemeral', replace_original: false, text: outcome.thanks })
          : channel?.id
            ? client.chat.postEphemeral({ channel: channel.id, user: user.id, text: outcome.thanks })
            : Promise.reject(new Error('neither a response_url nor a channel to thank in'));
        await thanking.catch((error: Error) => deps.logger.warn('slack feedback: could not thank', { error: error.message }));
      }
    });
  }
  app.view(REASON_CALLBACK_ID, async ({ ack, body }) => {
    await ack(REASON_ACK);
    await handleReasonSubmission(body as ViewBody, deps);
  });
}
