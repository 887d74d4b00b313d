/**
 * Cleaning what people type before anything reads it: the same rules for every surface.
 */
import { cutAtWord } from '../text.ts';

/** Longest text the core reads; the rest of a 10,000-character paste is ignored. */
export const MAX_INPUT = 2000;
/** Longest piece of the user's text echoed back in an answer. */
export const MAX_ECHO = 120;

// C0/C1 controls (tabs and newlines become spaces), zero-width characters and bidi overrides.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Platform mention and link markup: Slack `<@U1>`, `<!channel>`, `<#C1|x>`, Discord `<@1>`, `<@&1>`, `@everyone`. */
const MENTIONS = /<[@#!][^<>\s]*>|@(?:everyone|here|channel)\b/gi;

export function cleanInput(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : '';
  return text.slice(0, MAX_INPUT * 2).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().slice(0, MAX_INPUT);
}

export function stripMentions(text: string): string {
  return text.replace(MENTIONS, ' ').replace(/\s+/g, ' ').trim();
}

/** The user's words as an answer may quote them: no mentions, no control characters, short. */
export function echo(text: string): string {
  // A fragment such as "<!" left after stripping could combine with text around the echo.
  const clean = stripMentions(cleanInput(text)).replace(/<(?=[@#!])/g, '');
  return cutAtWord(clean, MAX_ECHO + 1);
}
