/**
 * The corrections' contracts with the platforms: what an adapter hands over when it posts a
 * public answer (`RecordPost`), and what a platform's poster does to correct one
 * (`CorrectionPoster`, beside the digest's `post`). Failures are results, never throws.
 */
import type { Answer } from '../answer/types.ts';
import type { PostResult } from '../digest/types.ts';
import type { Knowledge } from '../knowledge/types.ts';

/** A message the bot just posted where others read it, with the answer it showed. */
export interface PublicPost {
  platform: string;
  channelId: string;
  /** Slack `ts`, Discord message id. */
  messageId: string;
  /** Slack `thread_ts` / the Discord thread it went into; absent: the channel itself. */
  threadId?: string;
  answer: Answer;
  /** Who shared it, when it was shared (their platform user id): the edit shows it again. */
  sharedBy?: string;
}

/**
 * Records a public post; never rejects (a failure is logged). `knowledge`: the base the
 * answer was composed from, when the caller has it; the current base otherwise.
 */
export type RecordPost = (post: PublicPost, knowledge?: Knowledge) => Promise<void>;

/** How one platform corrects a post of its own. */
export interface CorrectionPoster {
  platform: string;
  /**
   * Replies to the post `messageId` (Slack: in its thread, `threadId` when it was itself in
   * one; Discord: a reply referencing it, in its channel or thread). `correctionId` is
   * stable per post and change: a platform may dedupe a resend with it.
   */
  reply(
    channelId: string,
    post: { messageId: string; threadId?: string },
    answer: Answer,
    options: { correctionId: string },
  ): Promise<PostResult>;
  /** Edits the bot's own message `messageId`, which showed `original` (shared by `sharedBy`), to carry `line` too. */
  edit(channelId: string, messageId: string, original: { answer: Answer; sharedBy?: string }, line: string): Promise<PostResult>;
}

export function isCorrectionPoster(poster: object): poster is CorrectionPoster {
  const p = poster as Partial<CorrectionPoster>;
  return typeof p.reply === 'function' && typeof p.edit === 'function';
}
