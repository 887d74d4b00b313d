import { fileURLToPath } from 'node:url';

/** The shipped knowledge folder, for the drafting vocabulary a custom base may not carry. */
export const KNOWLEDGE_DIR_SHIPPED = fileURLToPath(new URL('../../knowledge/', import.meta.url));
