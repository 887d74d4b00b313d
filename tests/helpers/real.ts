import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import type { Answer } from '../../src/answer/types.ts';
import { type Core, createCore } from '../../src/core.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';

let cached: Core | undefined;

/** The core over the real knowledge base, built once per test file. */
export function realAnswerer(): Core {
  cached ??= createCore(loadKnowledge(KNOWLEDGE_DIR));
  return cached;
}

/** What a person typed, read and answered with no channel, as the console does. */
export function answerText(core: Pick<Core, 'parseText' | 'answerNow'>, text: unknown): Answer {
  return core.answerNow(core.parseText(text));
}
