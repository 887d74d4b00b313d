import { verifyText } from '../verify/verify.ts';
import { defineCommand } from './command.ts';
import { cleanInput, echo } from './input.ts';
import type { Request } from './request.ts';

/**
 * The request that checks a message against the base: what the Slack message shortcut and the
 * Discord message command hand the core (`fromMessage`: the text is the message acted on, so
 * an empty one is told as a message without text). Platform markup (mentions) is the caller's to remove.
 */
export function verifyRequest(text: string, { fromMessage = false }: { fromMessage?: boolean } = {}): Request {
  const cleaned = cleanInput(text);
  return { command: 'verify', options: { text: cleaned }, query: echo(cleaned), ...(fromMessage ? { fromMessage } : {}) };
}

/** `verify <text>`: each claim of a message the base can check, and what our sources say of it. */
export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'what our sources say about the figures, quotes and dated events in a message',
  description: 'Check a message against our sources',
  options: [{ name: 'text', placeholder: '<text>', description: 'The message to check', required: true }],
  audience: 'asker',
  cli: true,
  messageAction: 'Verify with sources',
  run(ctx, request) {
    return verifyText(ctx, request.options.text ?? '', request.query, { fromMessage: request.fromMessage });
  },
});
