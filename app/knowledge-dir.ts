import { fileURLToPath } from 'node:url';

/** The knowledge base shipped with the project, wherever the command is run from. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));

/** Where the validated knowledge is cached between runs (see src/knowledge/cache.ts). */
export const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/sinorussia/', import.meta.url));
