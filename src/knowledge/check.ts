/**
 * `sinorussia check`: the whole base validated, and, given the folder of article texts,
 * every quote found verbatim in the text whose sha256 its source records, and no claim
 * copying its article's sentences. Warnings (claims that lean on context they do not carry)
 * do not fail the check unless it is run with `--strict`.
 */
import type { KnowledgeIssue } from '../errors.ts';
import { readKnowledge } from './load.ts';
import { readTexts, verifyAgainstTexts } from './texts.ts';

export { COPIED_RUN_WORDS, normalizeForQuote, readTexts } from './texts.ts';

export interface CheckReport {
  issues: KnowledgeIssue[];
  /** Not errors: what a curator should look at (`--strict` makes them errors). */
  warnings: KnowledgeIssue[];
  sources: number;
  facts: number;
  /** Quotes found verbatim in their article (0 when no texts were given). */
  quotesVerified: number;
}

export function checkKnowledge(dir: string, textsDir?: string): CheckReport {
  const { knowledge, issues } = readKnowledge(dir);
  if (!knowledge) return { issues, warnings: [], sources: 0, facts: 0, quotesVerified: 0 };
  const quotesVerified = textsDir ? verifyAgainstTexts(knowledge, readTexts(textsDir), issues) : 0;
  const warnings = knowledge.facts.flatMap((fact) => {
    const leaning = leansOnContext(fact.claim);
    return leaning
      ? [
          {
            ...fact.origin,
            id: fact.id,
            message: `claim: "${leaning}" points to something the claim does not say; name it, since a claim is shown on its own`,
          },
        ]
      : [];
  });
  const withFacts = new Set(knowledge.facts.map((f) => f.sourceId));
  for (const source of knowledge.sources.values()) {
    if (source.awaitingFacts && withFacts.has(source.id))
      warnings.push({ ...source.origin, id: source.id, message: 'awaiting_facts: this source has facts now; remove the line' });
  }
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
