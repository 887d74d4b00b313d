import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { createAnswerer, type Answerer } from '../../src/commands/index.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';

let cached: Answerer | undefined;

/** The answerer over the real knowledge base, built once per test file. */
export function realAnswerer(): Answerer {
  cached ??= createAnswerer(loadKnowledge(KNOWLEDGE_DIR));
  return cached;
}
