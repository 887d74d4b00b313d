/** What a reload of a base would correct: each recorded post's changes not yet sent. */
import type { Knowledge } from '../knowledge/types.ts';
import { assessPost, changeKey, type FactChange } from './assess.ts';
import type { PostsStore, RecordedPost } from './store.ts';

export interface PendingCorrection {
  post: RecordedPost;
  change: FactChange;
  key: string;
}

export async function pendingCorrections(store: PostsStore, knowledge: Knowledge): Promise<PendingCorrection[]> {
  const pending: PendingCorrection[] = [];
  for (const post of await store.posts()) {
    const changes = assessPost(post.shown, knowledge);
    if (changes.length === 0) continue;
    const sent = await store.sentChanges(post);
    for (const change of changes) {
      const key = changeKey(change);
      if (!sent.has(key)) pending.push({ post, change, key });
    }
  }
  return pending;
}

/** One line per correction, for the curator: where, which fact, and what it says now. */
export function describePending({ post, change }: PendingCorrection): string {
  const where = `${post.platform} ${post.channelId} ${post.messageId} (${post.answer.title}, ${new Date(post.postedAt).toISOString().slice(0, 10)})`;
  const what =
    change.kind === 'withdrawn'
      ? `withdrawn (${change.reason}): "${change.before.claim}"`
      : `${change.kind}: "${change.before.claim}"${change.before.figure ? ` [${change.before.figure}]` : ''} -> "${change.now.claim}"${change.now.figure ? ` [${change.now.figure}]` : ''}`;
  return `${where}: ${change.before.factId} ${what}`;
}
