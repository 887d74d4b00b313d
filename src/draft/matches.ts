/**
 * What a candidate has to do with facts already in the base: the same figure (measure and
 * period) agreeing or differing, the same quotation, or the same event (same date, the same
 * people or places, shared words).
 */
import { figuresAgree } from '../answer/compose.ts';
import { parsePeriod } from '../knowledge/periods.ts';
import { normalizeForQuote } from '../knowledge/texts.ts';
import type { Fact, Figure, Knowledge } from '../knowledge/types.ts';

export type Relation = 'agrees' | 'differs' | 'related';
export interface Match {
  fact: string;
  relation: Relation;
}

export interface MatchInput {
  quote: string;
  about: string;
  figure?: Omit<Figure, 'period' | 'periodGiven' | 'bound' | 'kind'> & { period?: string; bound?: Figure['bound']; kind?: Figure['kind'] };
  people: string[];
  places: string[];
}

const words = (t: string) =>
  normalizeForQuote(t)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
const RUN = 6;
/** Quotes sharing this many words in a row quote the same words ("the same period a year before" is not enough). */
const SAME_QUOTATION_RUN = 8;

/** Do two quotes share a run of RUN words (the same words quoted)? */
export function sharesRun(a: string, b: string, run = RUN): boolean {
  const wa = words(a);
  const wb = words(b);
  if (wa.length < run || wb.length < run)
    return normalizeForQuote(a).includes(normalizeForQuote(b)) || normalizeForQuote(b).includes(normalizeForQuote(a));
  const runs = new Set<string>();
  for (let i = 0; i + run <= wa.length; i++) runs.add(wa.slice(i, i + run).join(' '));
  for (let i = 0; i + run <= wb.length; i++) if (runs.has(wb.slice(i, i + run).join(' '))) return true;
  return false;
}

export function findMatches(candidate: MatchInput, knowledge: Knowledge, limit = 5): Match[] {
  const out: Match[] = [];
  const seen = new Set<string>();
  const push = (fact: Fact, relation: Relation) => {
    if (seen.has(fact.id)) return;
    seen.add(fact.id);
    out.push({ fact: fact.id, relation });
  };
  const about = parsePeriod(candidate.about);
  const period = candidate.figure?.period ? parsePeriod(candidate.figure.period) : undefined;
  for (const fact of knowledge.facts) {
    const f = fact.figure;
    const c = candidate.figure;
    if (
      c &&
      f &&
      c.measure === f.measure &&
      period &&
      f.periodGiven &&
      period.start === f.period.start &&
      period.end === f.period.end &&
      c.unit === f.unit &&
      (c.currency ?? '') === (f.currency ?? '') &&
      (c.kind ?? 'actual') === f.kind
    ) {
      const asFigure: Figure = { ...c, bound: c.bound ?? 'exact', kind: c.kind ?? 'actual', period, periodGiven: true };
      push(fact, figuresAgree(asFigure, f) ? 'agrees' : 'differs');
    } else if (!c && sharesRun(candidate.quote, fact.quote, SAME_QUOTATION_RUN)) push(fact, 'agrees');
  }
  if (about) {
    for (const fact of knowledge.facts) {
      if (seen.has(fact.id)) continue;
      const overlaps =
        about.start <= fact.about.end && fact.about.start <= about.end && about.raw.length >= 7 && fact.about.raw.length >= 7;
      const shared = [...candidate.people, ...candidate.places.filter((p) => !['China', 'Russia'].includes(p))].filter(
        (x) => fact.people.includes(x) || fact.places.includes(x),
      );
      if (overlaps && shared.length > 0 && sharedWords(candidate.quote, fact.quote) >= 3) push(fact, 'related');
    }
  }
  return out.slice(0, limit);
}

function sharedWords(a: string, b: string): number {
  const wa = new Set(words(a).filter((w) => w.length > 4));
  return new Set(words(b).filter((w) => w.length > 4 && wa.has(w))).size;
}
