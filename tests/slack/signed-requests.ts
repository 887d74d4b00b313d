/**
 * Requests as Slack sends them: signed with HMAC-SHA256 over `v0:{timestamp}:{body}`, with
 * the exact content types Bolt expects (form bodies must not carry a charset).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { FEEDBACK_ACTION_ID, REASON_CALLBACK_ID } from '../../adapters/slack/feedback-block.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const FORM = 'application/x-www-form-urlencoded';

export interface SignOptions {
  secret?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

let triggers = 0;
/** Slack sends a fresh trigger_id with every command and click. */
export const nextTriggerId = () => `${Date.now()}.${++triggers}.fake`;

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(body: string, contentType: string, options: SignOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature(options.secret ?? SIGNING_SECRET, timestamp, body),
    ...options.headers,
  };
}

/** A `/sinorussia` command's fields, as Socket Mode delivers them in an envelope's payload. */
export function commandPayload(text: string, responseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'legacy',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0CHAN',
    channel_name: 'general',
    user_id: 'U0ASKER',
    user_name: 'asker',
    command: '/sinorussia',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: nextTriggerId(),
    ...extra,
  };
}

/** The same fields as the form body Slack posts in HTTP mode. */
export function commandBody(text: string, responseUrl: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams(commandPayload(text, responseUrl, extra)).toString();
}

export function actionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function shareActionPayload(value: string, responseUrl: string, user = 'U0SHARER', channel = 'C0CHAN', actionId = 'share_answer') {
  return {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, username: 'sharer', team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: nextTriggerId(),
    container: { type: 'message', is_ephemeral: true },
    channel: { id: channel, name: 'general' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b1',
        value,
        text: { type: 'plain_text', text: 'Share to channel' },
        action_ts: '1800000000.1',
      },
    ],
  };
}

export interface FeedbackClick {
  user: string;
  /** The clicked button's value: a `positive_button` / `negative_button` value, or a fallback button's. */
  value: string;
  blockId: string;
  /** Left out, the payload carries no response_url. */
  responseUrl?: string;
  channel?: string;
  triggerId?: string;
  /** Whether the message clicked on is ephemeral (an answer) or a post (a digest); ephemeral by default. */
  ephemeral?: boolean;
  /** `feedback_buttons` (the native 👍 / 👎 element) by default; `button` for the fallback buttons. */
  elementType?: 'feedback_buttons' | 'button';
  actionId?: string;
}

/** A `block_actions` click on the 👍 / 👎 of an answer or a post, as Slack sends it. */
export function feedbackClickPayload(click: FeedbackClick) {
  const channel = click.channel ?? 'C0CHAN';
  const ephemeral = click.ephemeral ?? true;
  return {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: click.user, team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: click.triggerId ?? nextTriggerId(),
    container: ephemeral ? { type: 'message', is_ephemeral: true } : { type: 'message', is_ephemeral: false, channel_id: channel },
    channel: { id: channel, name: 'general' },
    ...(click.responseUrl === undefined ? {} : { response_url: click.responseUrl }),
    actions: [
      {
        type: click.elementType ?? 'feedback_buttons',
        action_id: click.actionId ?? FEEDBACK_ACTION_ID,
        block_id: click.blockId,
        value: click.value,
        action_ts: '1800000000.1',
      },
    ],
  };
}

export interface ReasonSubmission {
  user: string;
  /** The reason form's private_metadata, as the click's views.open carried it. */
  privateMetadata: string | undefined;
  /** The chosen reason's code; `wrong-figure` by default. */
  reason?: string;
  /** The free-text note; left out, the form is submitted without one. */
  note?: string;
  triggerId?: string;
}

/** A `view_submission` of the 👎 reason form, as Slack sends it. */
export function reasonSubmissionPayload(submission: ReasonSubmission) {
  return {
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: submission.user, team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: submission.triggerId ?? nextTriggerId(),
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: REASON_CALLBACK_ID,
      private_metadata: submission.privateMetadata,
      state: {
        values: {
          reason: { choice: { type: 'radio_buttons', selected_option: { value: submission.reason ?? 'wrong-figure' } } },
          ...(submission.note === undefined ? {} : { note: { text: { type: 'plain_text_input', value: submission.note } } }),
        },
      },
    },
  };
}

export function eventBody(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T0FAKE',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1800000000,
    authorizations: [{ team_id: 'T0FAKE', user_id: 'UBOT', is_bot: true }],
    event,
  });
}

export async function post(url: string, body: string, contentType: string, options: SignOptions = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers: signedHeaders(body, contentType, options) });
}

/** What a message a shortcut is used on holds: its text, and its blocks and attachments when it has any. */
export interface ShortcutMessage {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  user?: string;
  bot_id?: string;
}

const MESSAGE_ACTION = new URL('../fixtures/platforms/slack/message-action-verify.json', import.meta.url);

/**
 * The `message_action` payload of "Verify with sources" used on a message, as Slack sends it
 * (tests/fixtures/platforms/slack/message-action-verify.json), with a fresh trigger_id. The
 * message is the fixture's with `message` laid over it; a key set to undefined is removed.
 */
export function messageShortcutPayload(
  message: ShortcutMessage,
  responseUrl: string,
  extra: { user?: string; channel?: string; callbackId?: string } = {},
): Record<string, unknown> {
  const payload = JSON.parse(readFileSync(MESSAGE_ACTION, 'utf8')) as Record<string, Record<string, unknown>>;
  const merged: Record<string, unknown> = { ...payload.message, ...message };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  // A message given without blocks has none of the fixture's (they repeat the fixture's text).
  if (!('blocks' in message)) delete merged.blocks;
  return {
    ...payload,
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { ...payload.user, id: extra.user ?? 'U0ASKER', team_id: 'T0FAKE' },
    channel: { id: extra.channel ?? 'C0CHAN', name: 'general' },
    callback_id: extra.callbackId ?? payload.callback_id,
    trigger_id: nextTriggerId(),
    response_url: responseUrl,
    message: merged,
  };
}
