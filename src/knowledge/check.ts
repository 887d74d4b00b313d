/**
 * `sinorussia check`: the whole base validated, and, given the folder of article texts,
 * every quote found verbatim in the text whose sha256 its source records, and no claim
 * copying its article's sentences. Warnings (claims that lean on context they do not carry)
 * do not fail the check unless it is run with `--strict`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SinorussiaError, type KnowledgeIssue } from '../errors.ts';
import { readKnowledge } from './load.ts';
import type { Knowledge } from './types.ts';

export interface CheckReport {
  issues: KnowledgeIssue[];
  /** Not errors: what a curator should look at (`--strict` makes them errors). */
  warnings: KnowledgeIssue[];
  sources: number;
  facts: number;
  /** Quotes found verbatim in their article (0 when no texts were given). */
  quotesVerified: number;
}

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

export function checkKnowledge(dir: string, textsDir?: string): CheckReport {
  const { knowledge, issues } = readKnowledge(dir);
  if (!knowledge) return { issues, warnings: [], sources: 0, facts: 0, quotesVerified: 0 };
  const quotesVerified = textsDir ? verifyAgainstTexts(knowledge, readTexts(textsDir), issues) : 0;
  const warnings = knowledge.facts.flatMap((fact) => {
    const leaning = leansOnContext(fact.claim);
    return leaning
      ? [{ ...fact.origin, id: fact.id, message: `claim: "${leaning}" points to something the claim does not say; name it, since a claim is shown on its own` }]
      : [];
  });
  return { issues, warnings, sources: knowledge.sources.size, facts: knowledge.facts.length, quotesVerified };
}

// Words that point back to something said before: fine inside an article, meaningless in a
// claim shown alone. "that" only where it cannot be a conjunction (after a preposition or at the start).
const LEANING = [
  /^(?:this|that|these|those|such|it|they|he|she)\b\s*\S*/i,
  /\b(?:this|these)\s+(?!is\b|was\b|are\b|were\b)[\p{L}-]+/iu,
  /\bthose\s+(?!who\b|which\b|that\b|\p{L}+ing\b)[\p{L}-]+/iu,
  /\bsuch\s+(?!as\b)[\p{L}-]+/iu,
  /\b(?:to|of|on|for|with|from|by|at|about|out)\s+that\s+[\p{L}-]+/iu,
  /^(?:in|at|on|during|from|by)\s+the\s+same\s+[\p{L}\d-]+/iu,
  /\bthe\s+(?:latter|former|above)\b/iu,
];

/** The first words of `claim` that lean on context it does not carry, if any. */
export function leansOnContext(claim: string): string | undefined {
  for (const pattern of LEANING) {
    const m = pattern.exec(claim);
    if (m) return m[0].trim();
  }
  return undefined;
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

function verifyAgainstTexts(knowledge: Knowledge, texts: Map<string, string>, issues: KnowledgeIssue[]): number {
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
