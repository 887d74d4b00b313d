/**
 * Turning a public post into a record: the facts its answer showed, each as it was shown,
 * found through the items' evidence (every item cites the facts behind it).
 */
import type { Answer, Evidence } from '../answer/types.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { Logger } from '../log.ts';
import { type ShownFact, shownFact } from './shown.ts';
import type { PostsStore } from './store.ts';
import type { PublicPost, RecordPost } from './types.ts';

/** Whatever shape an item has (a fact, a conflict's sides, a guide line), the evidence it cites. */
interface Cites {
  evidence?: Evidence[];
  variants?: Cites[];
  statements?: Cites[];
}

function evidenceOf(item: Cites): Evidence[] {
  return [...(item.evidence ?? []), ...(item.variants ?? []).flatMap(evidenceOf), ...(item.statements ?? []).flatMap(evidenceOf)];
}

/** The facts an answer showed, in the order it showed them, once each. */
export function shownFactsOf(answer: Answer, knowledge: Knowledge): ShownFact[] {
  const ids = new Set(answer.items.flatMap((item) => evidenceOf(item as Cites).map((e) => e.factId)));
  return [...ids].flatMap((id) => {
    const fact = knowledge.factById.get(id);
    return fact ? [shownFact(fact)] : [];
  });
}

export interface RecorderDeps {
  store: PostsStore;
  /** The base now: used when the caller does not say which base the answer came from. */
  knowledge: () => Knowledge;
  logger: Logger;
  now: () => number;
}

/** The one function adapters and the digest call after a public post. A post that shows no fact is not kept. */
export function createPostRecorder({ store, knowledge, logger, now }: RecorderDeps): RecordPost {
  return async (post: PublicPost, base?: Knowledge) => {
    try {
      const shown = shownFactsOf(post.answer, base ?? knowledge());
      if (shown.length === 0) return;
      await store.recordPost({ ...post, postedAt: now(), shown });
    } catch (error) {
      logger.warn('corrections: could not record a post; it will not be corrected', {
        platform: post.platform,
        channel: post.channelId,
        messageId: post.messageId,
        error,
      });
    }
  };
}
