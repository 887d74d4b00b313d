/** A 👎's reason from a form: one of the fixed codes, or free text cut to MAX_REASON_TEXT. */
import { cutAtWord } from '../text.ts';
import { MAX_REASON_TEXT, REASON_CODES, type ReasonCode, type VoteReason } from './types.ts';

/** Drops control characters and mentions' brackets, so stored text cannot ping or break a layout. */
function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/[<>]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * The reason a form gave: `code` when it is a known one, `text` when the reader wrote some.
 * Text alone means `other`; nothing usable gives undefined (a 👎 without a reason).
 */
export function parseReason(code: unknown, text: unknown): VoteReason | undefined {
  const known = typeof code === 'string' && (REASON_CODES as readonly string[]).includes(code) ? (code as ReasonCode) : undefined;
  const cleaned = typeof text === 'string' ? cleanText(text) : '';
  const written = cleaned ? cutAtWord(cleaned, MAX_REASON_TEXT) : undefined;
  if (!known && !written) return undefined;
  return { code: known ?? 'other', ...(written ? { text: written } : {}) };
}
