/**
 * The article texts behind the base: read by sha256, every quote found verbatim in its
 * article, and no claim copying the article's sentences.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type KnowledgeIssue, SinorussiaError } from '../errors.ts';
import type { Knowledge } from './types.ts';

/** A claim sharing this many consecutive words with its article is a copied sentence. */
export const COPIED_RUN_WORDS = 10;

/**
 * Folds only what differs between copies of the same text: runs of white space,
 * typographic quotes and dashes. Nothing else, so a quote still has to be verbatim.
 */
export function normalizeForQuote(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The article texts of a folder, by the sha256 of their exact bytes. */
export function readTexts(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new SinorussiaError('TEXTS_UNREADABLE', `cannot read the texts folder ${dir}: ${(err as Error).message}`, dir, { cause: err });
  }
  for (const name of names) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    texts.set(createHash('sha256').update(bytes).digest('hex'), bytes.toString('utf8'));
  }
  return texts;
}

export function verifyAgainstTexts(knowledge: Knowledge, texts: Map<string, string>, issues: KnowledgeIssue[]): number {
  const normalized = new Map<string, { text: string; runs: Set<string> }>();
  for (const source of knowledge.sources.values()) {
    const text = texts.get(source.sha256);
    if (text === undefined) {
      issues.push({ ...source.origin, id: source.id, message: `sha256: no text in the texts folder has sha256 ${source.sha256}` });
      continue;
    }
    const norm = normalizeForQuote(text);
    normalized.set(source.id, { text: norm, runs: wordRuns(norm) });
  }
  let verified = 0;
  for (const fact of knowledge.facts) {
    const article = normalized.get(fact.sourceId);
    if (!article) continue;
    if (article.text.includes(normalizeForQuote(fact.quote))) verified++;
    else issues.push({ ...fact.origin, id: fact.id, message: `quote: not found verbatim in the text of source "${fact.sourceId}"` });
    const copied = firstSharedRun(fact.claim, article.runs);
    if (copied) {
      issues.push({
        ...fact.origin,
        id: fact.id,
        message: `claim: copies ${COPIED_RUN_WORDS}+ consecutive words of the article ("${copied}…"); state it in our own words`,
      });
    }
  }
  return verified;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}$%]+/gu) ?? [];

function wordRuns(text: string): Set<string> {
  const w = words(text);
  const runs = new Set<string>();
  for (let i = 0; i + COPIED_RUN_WORDS <= w.length; i++) runs.add(w.slice(i, i + COPIED_RUN_WORDS).join(' '));
  return runs;
}

function firstSharedRun(claim: string, runs: Set<string>): string | undefined {
  const w = words(normalizeForQuote(claim));
  for (let i = 0; i + COPIED_RUN_WORDS <= w.length; i++) {
    const run = w.slice(i, i + COPIED_RUN_WORDS).join(' ');
    if (runs.has(run)) return run;
  }
  return undefined;
}
