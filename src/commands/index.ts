/**
 * The command vocabulary: typed requests, the registry and how text is read into them.
 * The core that answers requests is src/core.ts.
 */
export { parseText } from './parse.ts';
export { requestText, usageText } from './request-text.ts';
export { COMMANDS, commandNamed, showFor, type CommandName } from './registry.ts';
export type { CommandRef, Request, RequestOptions, Where } from './request.ts';
export { createCore, createCore as createAnswerer, type Core, type Core as Answerer } from '../core.ts';
