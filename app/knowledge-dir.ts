import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The knowledge base shipped with the project, wherever the command is run from. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));

/** Where the validated knowledge is cached between runs (see src/knowledge/cache.ts). */
export const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/sinorussia/', import.meta.url));

export interface KnowledgeLocation {
  /** The knowledge base: sources.yaml, measures.yaml, search.yaml, facts/. */
  dir: string;
  /** The folder of article texts quotes are checked against, when one is set. */
  textsDir?: string;
}

/**
 * Where the knowledge base and its texts are: a command-line flag first, then
 * `KNOWLEDGE_DIR` / `KNOWLEDGE_TEXTS_DIR`, then the shipped base (and no texts).
 * Relative paths are taken from the working directory.
 */
export function knowledgeLocation(
  env: Record<string, string | undefined>,
  flags: { knowledge?: string; texts?: string } = {},
): KnowledgeLocation {
  const dir = flags.knowledge || env.KNOWLEDGE_DIR;
  const texts = flags.texts || env.KNOWLEDGE_TEXTS_DIR;
  return { dir: dir ? resolve(dir) : KNOWLEDGE_DIR, textsDir: texts ? resolve(texts) : undefined };
}
