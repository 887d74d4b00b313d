/**
 * The FeedbackRecorder adapters call: hashes the user, normalises unanswered questions, and
 * writes through a FeedbackStore. A store failure is logged and swallowed: a reader's click
 * still gets its thanks, and an answer is never held up by feedback.
 */
import type { DigestStore } from '../digest/store.ts';
import type { Clock } from '../digest/types.ts';
import type { Logger } from '../log.ts';
import { LruCache } from '../lru.ts';
import { cutAtWord } from '../text.ts';
import type { UserHasher } from './hash.ts';
import { normaliseQuestion, withoutMentions } from './normalise.ts';
import type { FeedbackRecorder, FeedbackStore, FeedbackTarget } from './types.ts';

/** Recent answers' targets kept for buttons that carry only an id (Discord). */
const REMEMBERED_TARGETS = 5_000;
/** An answer shown again is saved again after this long, so the clean-up never takes one still shown. */
const RESAVE_MS = 86_400_000;
/** The longest example wording kept for an unanswered group. */
export const MAX_EXAMPLE = 300;

export interface RecorderDeps {
  store: FeedbackStore;
  hashUser: UserHasher;
  clock: Clock;
  logger: Logger;
  /** The digest's deliveries: the facts each digest post showed. */
  deliveries?: Pick<DigestStore, 'getDelivery'>;
}

export function createFeedbackRecorder({ store, hashUser, clock, logger, deliveries }: RecorderDeps): FeedbackRecorder {
  const targets = new LruCache<string, { target: FeedbackTarget; savedAt: number }>(REMEMBERED_TARGETS);
  const failed = (what: string) => (error: unknown) =>
    logger.warn(`feedback: could not record ${what}`, { error: (error as Error)?.message ?? String(error) });
  return {
    enabled: true,
    async vote({ target, direction, reason, platform, userId }) {
      // The id stays the answer's; the query kept loses any mention of a person.
      const vote = {
        ...target,
        query: withoutMentions(target.query),
        direction,
        ...(reason ? { reason } : {}),
        platform,
        userHash: hashUser(platform, userId),
        at: clock.now().getTime(),
      };
      await store.saveVote(vote).catch(failed('a vote'));
    },
    async unanswered({ platform, question }) {
      const example = cutAtWord(withoutMentions(question), MAX_EXAMPLE);
      const normalised = normaliseQuestion(question);
      if (!normalised) return;
      await store.recordUnanswered({ platform, normalised, example, at: clock.now().getTime() }).catch(failed('an unanswered question'));
    },
    // In memory for the clicks to come, and in the store for those after a restart: once, not on every showing.
    remember(target) {
      const now = clock.now().getTime();
      const known = targets.get(target.answerId);
      if (known && now - known.savedAt < RESAVE_MS) return;
      targets.set(target.answerId, { target, savedAt: now });
      void store.saveShown(target, now).catch(failed('a shown answer'));
    },
    target: (answerId) => targets.get(answerId)?.target,
    async find(answerId) {
      const known = targets.get(answerId)?.target;
      if (known) return known;
      return store.shown(answerId).catch((error: unknown) => {
        failed('(reading) a shown answer')(error);
        return undefined;
      });
    },
    async digestFacts(post) {
      try {
        const delivery = await deliveries?.getDelivery(post);
        return delivery?.status === 'sent' ? delivery.factIds : undefined;
      } catch (error) {
        logger.warn('feedback: could not read which facts a digest post showed', { error: (error as Error)?.message ?? String(error) });
        return undefined;
      }
    },
  };
}

/** FEEDBACK=off: nothing is recorded, nothing remembered, and adapters show no buttons. */
export const feedbackOff: FeedbackRecorder = {
  enabled: false,
  vote: async () => undefined,
  unanswered: async () => undefined,
  remember: () => undefined,
  target: () => undefined,
  find: async () => undefined,
};

/**
 * What an adapter calls with every answer it sends in a workspace: a "no match" is recorded
 * as unanswered. Never from the CLI or the console (they do not call it).
 */
export async function recordIfUnanswered(
  feedback: FeedbackRecorder | undefined,
  platform: string,
  answer: { kind: string; matched: boolean; query: string },
): Promise<void> {
  if (!feedback?.enabled || answer.matched || answer.kind !== 'no-match') return;
  await feedback.unanswered({ platform, question: answer.query });
}
