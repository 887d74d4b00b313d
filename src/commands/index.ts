/**
 * The command vocabulary: typed requests, the registry and how text is read into them.
 * The core that answers requests is src/core.ts.
 */

export { type Core, type Core as Answerer, createCore, createCore as createAnswerer } from '../core.ts';
export { parseText } from './parse.ts';
export { COMMANDS, type CommandName, commandNamed, showFor } from './registry.ts';
export type { CommandRef, Request, RequestOptions, Where } from './request.ts';
export { requestText, usageText } from './request-text.ts';
