/**
 * What a vote is about, taken from an answer, and carried in a button's value. The answer id
 * is a digest of the kind, the query and the facts shown, so the same answer shown twice (in
 * an ephemeral reply and again when shared) is one answer to vote on.
 */
import { createHash } from 'node:crypto';
import { DIRECT_CHANNEL, type FeedbackTarget } from './types.ts';

/** The id's length in hex characters: short enough for any button, long enough never to collide in practice. */
const ID_LENGTH = 20;

export function answerIdOf(kind: string, query: string, factIds: string[]): string {
  return createHash('sha256')
    .update(`${kind}\n${query}\n${factIds.join('\n')}`)
    .digest('hex')
    .slice(0, ID_LENGTH);
}

/**
 * Every fact id an answer's items cite, in order, once each. Read from any `factId` under the
 * items (evidence, statements, variants), whatever shape each item has.
 */
export function factIdsOf(items: unknown): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'factId' && typeof v === 'string') {
          if (!seen.has(v)) ids.push(v);
          seen.add(v);
        } else walk(v);
      }
    }
  };
  walk(items);
  return ids;
}

/** The target of an answer (any value with `kind`, `query` and `items`, a digest too: pass `kind: 'digest'`). */
export function feedbackTarget(answer: { kind: string; query: string; items: unknown }, kind = answer.kind): FeedbackTarget {
  const factIds = factIdsOf(answer.items);
  return { answerId: answerIdOf(kind, answer.query, factIds), kind, query: answer.query, factIds };
}

/** Whether an answer gets 👍 / 👎: not the curators' report (a vote on it would land in it). */
export const takesVotes = (answer: { kind: string }) => answer.kind !== 'report';

/** One channel's digest post of one local day, as a vote finds it. */
export interface DigestPostRef {
  platform: string;
  channelId: string;
  /** The channel's local date of the post, `YYYY-MM-DD`. */
  localDate: string;
  /** A direct message with the bot: its channel is not kept (it would tell who voted). */
  direct: boolean;
}

/**
 * The target of a vote on a digest post: kind `digest`, the post's day as its query, the
 * facts it showed, and its channel. The id names the post (platform, channel, day, facts), so
 * a second vote on it replaces the first, while the same day's post elsewhere is another.
 */
export function digestTarget(post: DigestPostRef, factIds: string[]): FeedbackTarget {
  const channel = post.direct ? DIRECT_CHANNEL : post.channelId;
  const query = `digest ${post.localDate}`;
  return { answerId: answerIdOf('digest', `${query}\n${post.platform}\n${channel}`, factIds), kind: 'digest', query, factIds, channel };
}

/** A version tag first, so a later format can still read values on old messages. */
const PREFIX = 'fb1:';

/**
 * The target as a button value of at most `max` characters (Slack's is 2,000): facts are
 * dropped from the end, then the query cut, until it fits. The id always survives.
 */
export function encodeTarget(target: FeedbackTarget, max = 2000): string {
  const channel = target.channel !== undefined ? { c: target.channel } : {};
  const encode = (query: string, factIds: string[]) =>
    PREFIX + JSON.stringify({ i: target.answerId, k: target.kind, q: query, f: factIds, ...channel });
  const factIds = [...target.factIds];
  let query = target.query;
  let value = encode(query, factIds);
  while (value.length > max && factIds.length > 0) {
    factIds.pop();
    value = encode(query, factIds);
  }
  while (value.length > max && query.length > 0) {
    query = query.slice(0, Math.max(0, query.length - (value.length - max) - 1));
    value = encode(query, factIds);
  }
  return value;
}

/** The target from a button value; undefined for anything else (an old or forged value). */
export function decodeTarget(value: unknown): FeedbackTarget | undefined {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) return undefined;
  try {
    const raw = JSON.parse(value.slice(PREFIX.length)) as Record<string, unknown>;
    const ok =
      typeof raw.i === 'string' &&
      /^[0-9a-f]{1,64}$/.test(raw.i) &&
      typeof raw.k === 'string' &&
      typeof raw.q === 'string' &&
      Array.isArray(raw.f) &&
      raw.f.every((f) => typeof f === 'string') &&
      (raw.c === undefined || typeof raw.c === 'string');
    if (!ok) return undefined;
    return {
      answerId: raw.i as string,
      kind: (raw.k as string).slice(0, 40),
      query: (raw.q as string).slice(0, 2000),
      factIds: (raw.f as string[]).slice(0, 200),
      ...(typeof raw.c === 'string' ? { channel: raw.c.slice(0, 80) } : {}),
    };
  } catch {
    return undefined;
  }
}
