/**
 * Each digest subcommand's name and one-line summary. The commands declare themselves
 * with these and the digest's guide lists them, without either importing the other.
 */
export const SUBSCRIBE_LINE = {
  name: 'digest subscribe',
  summary: 'post every day at that local time (defaults: 09:00, UTC, all topics)',
} as const;

export const STATUS_LINE = { name: 'digest status', summary: 'what is set, and when the next post is due' } as const;

export const PREVIEW_LINE = { name: 'digest preview', summary: "tomorrow's post, shown only to you" } as const;

export const UNSUBSCRIBE_LINE = { name: 'digest unsubscribe', summary: 'stop the daily post' } as const;

/** In the order the guide shows them. */
export const DIGEST_LINES = [SUBSCRIBE_LINE, STATUS_LINE, PREVIEW_LINE, UNSUBSCRIBE_LINE] as const;
