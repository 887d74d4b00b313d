import { loadKnowledgeCached } from '../src/knowledge/cache.ts';
import type { Knowledge } from '../src/knowledge/types.ts';
import { CACHE_DIR, type KnowledgeLocation } from './knowledge-dir.ts';

/**
 * The base at start-up. With a texts folder every load checks each quote against its
 * article; the cache is only for a base whose quotes are not checked.
 */
export async function loadBase(location: KnowledgeLocation): Promise<Knowledge> {
  if (!location.textsDir) return loadKnowledgeCached(location.dir, CACHE_DIR);
  const { loadKnowledge } = await import('../src/knowledge/load.ts');
  return loadKnowledge(location.dir, { textsDir: location.textsDir });
}

/** A reload reads and validates in a worker thread, so answers go on meanwhile. */
export async function reloadBase(location: KnowledgeLocation): Promise<Knowledge> {
  const { loadKnowledgeOffThread } = await import('../src/knowledge/load-off-thread.ts');
  return loadKnowledgeOffThread(location.dir, { textsDir: location.textsDir });
}
