/**
 * Feedback from readers, as the core keeps it: votes on answers and questions nothing
 * answered. Adapters hand a FeedbackRecorder what a person did; a FeedbackStore keeps it.
 * No user id is ever stored: only a keyed hash of it (hash.ts).
 */
import type { PlatformName } from '../digest/types.ts';

export type VoteDirection = 'up' | 'down';

/** The fixed reasons a 👎 may give, in the order the forms list them; `other` carries free text. */
export const REASON_CODES = ['wrong-figure', 'outdated', 'not-what-i-asked', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** How the forms and the report word each reason. */
export const REASON_LABELS: Record<ReasonCode, string> = {
  'wrong-figure': 'wrong figure',
  outdated: 'outdated',
  'not-what-i-asked': 'not what I asked',
  other: 'other',
};

/** The longest free-text reason kept; longer text is cut. */
export const MAX_REASON_TEXT = 500;

export interface VoteReason {
  code: ReasonCode;
  /** Only with `other` (or alongside a fixed code when a form allows both): what the reader wrote. */
  text?: string;
}

/** What a vote is about: one answer as it was shown. */
export interface FeedbackTarget {
  /** Stable for the same answer shown again (target.ts): a second vote on it replaces the first. */
  answerId: string;
  /** The answer's kind (`search`, `topic`, `digest`…); `unknown` when only the id survived. */
  kind: string;
  /** The question or command as the answer read it. */
  query: string;
  /** The ids of the facts the answer showed, in order. */
  factIds: string[];
  /**
   * Where a digest post was posted: its channel id, or `DIRECT_CHANNEL` in a direct message
   * (whose channel would tell who voted). Absent for answers, which go to whoever asked.
   */
  channel?: string;
}

/** A digest post's channel as kept with a vote when the post was in a direct message. */
export const DIRECT_CHANNEL = 'direct message';

/** One stored vote. */
export interface Vote extends FeedbackTarget {
  direction: VoteDirection;
  reason?: VoteReason;
  platform: PlatformName;
  /** HMAC-SHA256 of the platform and user id under FEEDBACK_KEY, hex. */
  userHash: string;
  /** When it was cast (ms since the epoch); a replacing vote moves it. */
  at: number;
}

/** A question nothing in the base answered, grouped by its normalised form (normalise.ts). */
export interface UnansweredQuestion {
  platform: PlatformName;
  normalised: string;
  /** The latest wording asked in this group, mentions removed. */
  example: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** Where votes and unanswered questions are kept (memory-store.ts; stores/sql/feedback-store.ts). */
export interface FeedbackStore {
  /** Saves a vote; the same user's earlier vote on the same answer is replaced. */
  saveVote(vote: Vote): Promise<void>;
  /** Counts one more asking of `normalised` on `platform`, keeping `example` as its latest wording. */
  recordUnanswered(entry: { platform: PlatformName; normalised: string; example: string; at: number }): Promise<void>;
  /** Votes cast at or after `since` (ms), oldest first. */
  votes(since?: number): Promise<Vote[]>;
  /** Unanswered groups last seen at or after `since` (ms), most asked first. */
  unanswered(since?: number): Promise<UnansweredQuestion[]>;
  /**
   * Keeps what an answer shown with 👍 / 👎 was about, for buttons that carry only its id
   * (Discord's), so a click after a restart still finds its query and facts; `at` moves on
   * each save.
   */
  saveShown(target: FeedbackTarget, at: number): Promise<void>;
  /** The answer saved under this id, if it was shown within the retention. */
  shown(answerId: string): Promise<FeedbackTarget | undefined>;
  /** Deletes votes cast, unanswered groups last seen and answers last shown before `cutoff` (ms); returns how many rows went. */
  deleteBefore(cutoff: number): Promise<number>;
}

/** A click on 👍 or 👎, as an adapter reports it. */
export interface VoteInput {
  target: FeedbackTarget;
  direction: VoteDirection;
  reason?: VoteReason;
  platform: PlatformName;
  /** The platform's user id, in clear: the recorder hashes it and forgets it. */
  userId: string;
}

/** What adapters call. Never throws: a failed write is logged, the reader still gets their thanks. */
export interface FeedbackRecorder {
  /** False with FEEDBACK=off: adapters then show no buttons. */
  readonly enabled: boolean;
  vote(input: VoteInput): Promise<void>;
  /** A "no match" asked in a workspace (never the CLI or the console). */
  unanswered(input: { platform: PlatformName; question: string }): Promise<void>;
  /**
   * Keeps a shown answer's target, in memory and in the store, for platforms whose buttons can
   * carry only its id (Discord's 100-character custom ids); `target` and `find` find it again.
   */
  remember(target: FeedbackTarget): void;
  target(answerId: string): FeedbackTarget | undefined;
  /** The same, or else from the store (an answer shown before a restart); never rejects. */
  find(answerId: string): Promise<FeedbackTarget | undefined>;
  /**
   * The facts a digest post showed, as the digest store recorded its delivery, for buttons
   * that carry only the post's day (Discord's); undefined when unknown. Never rejects.
   */
  digestFacts?(post: { platform: PlatformName; channelId: string; localDate: string }): Promise<string[] | undefined>;
}
