/**
 * Cleaning what people type before anything reads it: the same rules for every surface.
 * Platform markup (mentions, channel links) is removed by each adapter before this.
 */
import { cutAtWord } from '../text.ts';

/** Longest text the core reads; the rest of a 10,000-character paste is ignored. */
export const MAX_INPUT = 2000;
/** Longest piece of the user's text echoed back in an answer. */
export const MAX_ECHO = 120;

// C0/C1 controls (tabs and newlines become spaces), zero-width characters and bidi overrides.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function cleanInput(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : '';
  return text
    .slice(0, MAX_INPUT * 2)
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_INPUT);
}

/** The user's words as an answer may quote them: no control characters, short. Renderers escape them. */
export function echo(text: string): string {
  return cutAtWord(cleanInput(text), MAX_ECHO + 1);
}
