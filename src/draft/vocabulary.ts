/** The drafter's word lists (knowledge/drafting.yaml): data a curator reads and edits. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SinorussiaError } from '../errors.ts';

const words = z.array(z.string().trim().min(1));
export const DraftingSchema = z.strictObject({
  relevant: words,
  speech_verbs: words,
  role_words: words,
  forecast_words: words,
  target_words: words,
  bounds: z.strictObject({ 'more-than': words, 'at-least': words, 'less-than': words, about: words }),
  count_nouns: words,
  deal_words: words,
  friction_words: words,
  topic_words: z.record(z.string(), words),
  demonyms: z.record(z.string(), z.string()),
  abbreviations: words,
});

export type Drafting = z.infer<typeof DraftingSchema>;

/** The base's own drafting.yaml, or the one in `fallbackDir` (the shipped base) when it has none. */
export function readDrafting(knowledgeDir: string, fallbackDir = knowledgeDir): Drafting {
  const own = join(knowledgeDir, 'drafting.yaml');
  const path = existsSync(own) ? own : join(fallbackDir, 'drafting.yaml');
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SinorussiaError('KNOWLEDGE_UNREADABLE', `cannot read the drafting vocabulary ${path}: ${(err as Error).message}`, path, {
      cause: err,
    });
  }
  const parsed = DraftingSchema.safeParse(raw);
  if (!parsed.success)
    throw new SinorussiaError(
      'KNOWLEDGE_INVALID',
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      path,
    );
  return parsed.data;
}

/** A pattern matching any of `list` as whole words, case-insensitive. */
export function anyWord(list: string[]): RegExp {
  const escaped = [...list]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}
