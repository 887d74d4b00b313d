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
  const targets = new LruCache<string, FeedbackTarget>(REMEMBERED_TARGETS);
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
    remember: (target) => targets.set(target.answerId, target),
    target: (answerId) => targets.get(answerId),
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
