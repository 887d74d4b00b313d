/**
 * Slack's unknown-request filter lets the feedback clicks, the reason form and the Home tab
 * through only when their listeners are there (an old 👍 after FEEDBACK=off is dropped and
 * acked, not left to time out).
 */
import { describe, expect, it } from 'vitest';
import { FEEDBACK_ACTION_ID, FEEDBACK_DOWN_ACTION_ID, REASON_CALLBACK_ID } from '../../adapters/slack/feedback-block.ts';
import { unknownRequest as filter, type Listening } from '../../adapters/slack/handlers.ts';

/** The filter on loose JSON, as Slack's bodies arrive. */
const unknownRequest = (body: unknown, listening?: Listening) => filter(body as Parameters<typeof filter>[0], listening);

const click = (action_id: string) => ({ type: 'block_actions', actions: [{ action_id }] });
const form = { type: 'view_submission', view: { callback_id: REASON_CALLBACK_ID } };
const home = { type: 'event_callback', event: { type: 'app_home_opened' } };

describe('unknownRequest with feedback and the Home', () => {
  it('passes them with their listeners', () => {
    const on = { feedback: true, home: true };
    for (const body of [click(FEEDBACK_ACTION_ID), click(FEEDBACK_DOWN_ACTION_ID), form, home])
      expect(unknownRequest(body, on)).toBeUndefined();
  });

  it('drops them without, naming what was dropped; Share still passes', () => {
    const off = { feedback: false, home: false };
    expect(unknownRequest(click(FEEDBACK_ACTION_ID), off)).toBe(`action ${FEEDBACK_ACTION_ID}`);
    expect(unknownRequest(form, off)).toBe(`view ${REASON_CALLBACK_ID}`);
    expect(unknownRequest(home, off)).toBe('event app_home_opened');
    expect(unknownRequest({ type: 'view_submission', view: { callback_id: 'other' } })).toBe('view other');
    expect(unknownRequest(click('share_answer'), off)).toBeUndefined();
  });
});
