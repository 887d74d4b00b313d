import { fileURLToPath } from 'node:url';

/** The knowledge base shipped with the project, wherever the command is run from. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));
