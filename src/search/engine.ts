/**
 * Keyword search over the facts with minisearch.
 *
 * A question is cut into concepts (a word, or a phrase from the synonym table, with its
 * synonyms). Exact stems are searched first; only concepts that found nothing get a second,
 * weaker try with minisearch's prefix and fuzzy matching (on a small base, fuzzy matches can
 * outrank exact ones, so they are a fallback, never the first pass).
 *
 * A question matches only when most of its meaningful concepts are found: "weather in
 * Paris" must not return facts that merely share a common word. Words present in most
 * facts ("china", "russia") rank but never make a match on their own.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Fact, Knowledge } from '../knowledge/types.ts';
import { ENGLISH_STOP_WORDS, stem, tokenize, transpositions } from './text.ts';

export interface SearchHit {
  fact: Fact;
  score: number;
}

export type NoMatchReason = 'empty' | 'too-broad' | 'not-found';

export interface SearchOutcome {
  hits: SearchHit[];
  matched: boolean;
  reason?: NoMatchReason;
}

export interface SearchOptions {
  /** At most this many hits. */
  limit?: number;
  /** Rank facts that state a figure higher (the question asks "how much", "figures"…). */
  preferFigures?: boolean;
}

interface Concept {
  text: string;
  stems: string[];
  generic: boolean;
  /** A single word that may be retried with prefix and fuzzy matching. */
  fuzzyStem?: string;
}

/**
 * Share of a question's meaningful concepts that must be found for it to match; a concept
 * found only by prefix or fuzzy matching counts half, so one typo-like coincidence
 * ("swift" ~ "shift") cannot make an off-topic question match.
 */
const MIN_COVERAGE = 2 / 3;
const WEAK_WEIGHT = 0.5;
/** A hit scoring below this share of the best hit is noise. */
const MIN_RELATIVE_SCORE = 0.4;
/** A word in more than this share of facts is generic (needs a base of some size to say). */
const GENERIC_SHARE = 0.3;
const MAX_CONCEPTS = 24;
/**
 * In a large base, a word found in more than this share of facts ("putin" in a base about
 * Putin) costs more to search than it tells: it is left out of the index query when rarer
 * words are present, and used instead to re-rank the best candidates.
 */
const COMMON_SHARE = 0.02;
const COMMON_MIN_FACTS = 2000;
const RERANK = 60;
const CORE_FIELDS = ['claim', 'people', 'places'];

const FIELDS = ['claim', 'people', 'places', 'quote', 'when'];
const BOOST = { claim: 2, people: 3, places: 2, quote: 1, when: 1 };

export class SearchEngine {
  private readonly index: MiniSearch<IndexedFact>;
  private readonly facts: Fact[];
  private readonly df = new Map<string, number>();
  private readonly stopwords: Set<string>;
  private readonly generic: Set<string>;
  /** Synonym phrases as token lists, each mapped to the stems of its whole group. */
  private readonly phrases: { tokens: string[]; stems: string[] }[] = [];

  constructor(knowledge: Pick<Knowledge, 'facts' | 'vocabulary'>) {
    this.facts = knowledge.facts;
    const { vocabulary } = knowledge;
    this.stopwords = new Set([...ENGLISH_STOP_WORDS, ...vocabulary.stopwords]);
    const processTerm = (term: string) => (this.stopwords.has(term) ? null : stem(term));
    this.index = new MiniSearch<IndexedFact>({
      fields: FIELDS,
      idField: 'n',
      tokenize,
      processTerm,
      searchOptions: { boost: BOOST, tokenize: (q) => q.split(' '), processTerm: (t) => t },
    });
    const docs = this.facts.map(toIndexed);
    this.index.addAll(docs);
    for (const doc of docs) {
      const seen = new Set(FIELDS.flatMap((f) => tokenize(doc[f as keyof IndexedFact] as string)).map(stem));
      for (const s of seen) this.df.set(s, (this.df.get(s) ?? 0) + 1);
    }

    this.generic = new Set(vocabulary.generic.flatMap(tokenize).map(stem));
    if (this.facts.length >= 50) {
      for (const [s, n] of this.df) if (n / this.facts.length > GENERIC_SHARE) this.generic.add(s);
    }
    for (const group of vocabulary.synonyms) {
      // A phrase stands for its most specific word ("military equipment" for "equipment"):
      // expanding to every word would make "weapons" find everything "military".
      const singles = new Set(group.map((m) => tokenize(m)).filter((t) => t.length === 1).map((t) => stem(t[0])));
      const specific = (member: string) => {
        const stems = tokenize(member).filter((t) => !this.stopwords.has(t)).map(stem);
        if (stems.length <= 1) return stems;
        // "mikhail mishustin" adds nothing to "mishustin".
        if (stems.some((x) => singles.has(x))) return [];
        // A phrase with a word the base never uses cannot occur in it.
        if (!stems.every((x) => this.df.has(x))) return [];
        return [stems.reduce((a, b) => ((this.df.get(b) as number) < (this.df.get(a) as number) ? b : a))];
      };
      const stems = [...new Set(group.flatMap(specific))];
      for (const member of group) {
        const own = tokenize(member).filter((t) => !this.stopwords.has(t)).map(stem);
        // Typed in full, a phrase also searches its own words.
        this.phrases.push({ tokens: tokenize(member), stems: [...new Set([...stems, ...own])] });
      }
    }
    // Longest phrases first, so "xi jinping" wins over "xi".
    this.phrases.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  search(question: string, options: SearchOptions = {}): SearchOutcome {
    const limit = options.limit ?? 6;
    const concepts = this.concepts(question);
    if (concepts.length === 0) return { hits: [], matched: false, reason: 'empty' };
    const meaningful = concepts.filter((c) => !c.generic);
    if (meaningful.length === 0) return { hits: [], matched: false, reason: 'too-broad' };

    const boostDocument = options.preferFigures ? (n: unknown) => (this.facts[n as number].figure ? 3 : 1) : undefined;
    // Generic words (and, in a large base, common ones) would pull in much of the base for
    // little: the index is asked for the rarer concepts (or, if all are common, the rarest),
    // and the best candidates are re-ranked by the others.
    const common = meaningful.filter((c) => this.isCommon(c));
    const searched =
      common.length === 0 ? meaningful : common.length < meaningful.length ? meaningful.filter((c) => !common.includes(c)) : [this.rarest(common)];
    const reranking = common.filter((c) => !searched.includes(c));
    // A lone common word is looked up where facts state things, not in every quote that uses it.
    const fields = searched.every((c) => common.includes(c)) && common.length > 0 ? CORE_FIELDS : undefined;
    const exact = this.index.search(orOf(searched.map((c) => orOf(c.stems))), { prefix: false, fuzzy: false, boostDocument, fields });
    const exactTerms = matchedTerms(exact);
    const strong = new Set(meaningful.filter((c) => (searched.includes(c) ? c.stems.some((s) => exactTerms.has(s)) : true)));
    let results: Ranked[] = exact;
    const weak = new Set<Concept>();
    const retry = searched.filter((c) => !strong.has(c) && c.fuzzyStem);
    if (retry.length > 0) {
      const loose = (c: Concept): Query => {
        const s = c.fuzzyStem as string;
        return { queries: [s], combineWith: 'OR', prefix: s.length >= 4, fuzzy: s.length >= 8 ? 2 : s.length >= 5 ? 1 : false };
      };
      const query = orOf(searched.map((c) => (retry.includes(c) ? loose(c) : orOf(c.stems))));
      const second = this.index.search(query, { maxFuzzy: 2, boostDocument, fields: this.facts.length >= COMMON_MIN_FACTS ? CORE_FIELDS : undefined });
      const secondTerms = matchedTerms(second);
      for (const c of retry) if (secondTerms.has(c.fuzzyStem as string)) weak.add(c);
      if (weak.size > 0) results = second;
    }
    if (reranking.length > 0) results = this.rerank(results, reranking);

    const allFound = strong.size + weak.size === meaningful.length;
    const coverage = (strong.size + WEAK_WEIGHT * weak.size) / meaningful.length;
    // A lone typo ("enrgy") is all the question there is: let it through.
    const enough = coverage >= MIN_COVERAGE || (allFound && meaningful.length === 1);
    if (!enough) return { hits: [], matched: false, reason: 'not-found' };

    const top = results[0]?.score ?? 0;
    const hits: SearchHit[] = [];
    // Results come best first: stop at the limit or at the first one too weak to show.
    for (const r of results) {
      if (hits.length >= limit || r.score < top * MIN_RELATIVE_SCORE) break;
      hits.push({ fact: this.facts[r.id as number], score: r.score });
    }
    return hits.length > 0 ? { hits, matched: true } : { hits: [], matched: false, reason: 'not-found' };
  }

  /** The words of a question that carry meaning here (no stop words, no generic words). */
  meaningfulWords(question: string): string[] {
    return this.concepts(question)
      .filter((c) => !c.generic)
      .map((c) => c.text);
  }

  private isCommon(c: Concept): boolean {
    if (this.facts.length < COMMON_MIN_FACTS) return false;
    return this.conceptDf(c) > this.facts.length * COMMON_SHARE;
  }

  /** How many facts a concept's words reach (counting a fact once per word). */
  private conceptDf(c: Concept): number {
    return c.stems.reduce((n, x) => n + (this.df.get(x) ?? 0), 0);
  }

  private rarest(concepts: Concept[]): Concept {
    return concepts.reduce((a, b) => (this.conceptDf(b) < this.conceptDf(a) ? b : a));
  }

  /** The best candidates, each counted up once for every common concept its fact contains. */
  private rerank(results: Ranked[], common: Concept[]): Ranked[] {
    const sets = common.map((c) => new Set(c.stems));
    return results
      .slice(0, RERANK)
      .map((r) => {
        const stems = new Set(factText(this.facts[r.id as number]).flatMap(tokenize).map(stem));
        const found = sets.filter((set) => [...set].some((s) => stems.has(s))).length;
        return { id: r.id, score: r.score * (1 + found) };
      })
      .sort((a, b) => b.score - a.score);
  }

  private concepts(question: string): Concept[] {
    const tokens = tokenize(question).slice(0, 200);
    const concepts: Concept[] = [];
    for (let i = 0; i < tokens.length && concepts.length < MAX_CONCEPTS; ) {
      const phrase = this.phrases.find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
      if (phrase) {
        concepts.push({ text: phrase.tokens.join(' '), stems: phrase.stems, generic: phrase.stems.every((s) => this.generic.has(s)) });
        i += phrase.tokens.length;
        continue;
      }
      const word = tokens[i++];
      if (this.stopwords.has(word)) continue;
      const s = stem(word);
      const known = this.df.has(s);
      const swapped = known ? [] : transpositions(s).filter((t) => this.df.has(t));
      concepts.push({
        text: word,
        stems: [s, ...swapped],
        generic: this.generic.has(s),
        fuzzyStem: known || swapped.length > 0 ? undefined : s,
      });
    }
    // The same concept twice adds nothing.
    const seen = new Set<string>();
    return concepts.filter((c) => !seen.has(c.stems.join(' ')) && seen.add(c.stems.join(' ')));
  }
}

interface Ranked {
  id: unknown;
  score: number;
}

function factText(fact: Fact): string[] {
  return [fact.claim, fact.quote, ...fact.people, ...fact.places, fact.saidBy ?? '', ...fact.topics];
}

interface IndexedFact {
  n: number;
  claim: string;
  people: string;
  places: string;
  quote: string;
  when: string;
}

function toIndexed(fact: Fact, n: number): IndexedFact {
  const years: string[] = [];
  for (let y = Number(fact.about.start.slice(0, 4)); y <= Number(fact.about.end.slice(0, 4)) && years.length < 30; y++) {
    years.push(String(y));
  }
  // The claim's words, then only the words the other fields add: a word doubled across
  // fields costs search time in a large base and adds little.
  const claimWords = new Set(tokenize(fact.claim));
  const added = (text: string) =>
    tokenize(text)
      .filter((w) => !claimWords.has(w))
      .join(' ');
  return {
    n,
    claim: fact.claim,
    people: added([...fact.people, fact.saidBy ?? ''].join(' ')),
    places: added(fact.places.join(' ')),
    quote: added(fact.quote),
    when: years.join(' '),
  };
}

function orOf(queries: (Query | string)[]): Query {
  return { queries, combineWith: 'OR' } as Query;
}

/** Every query term that matched some result. */
function matchedTerms(results: SearchResult[]): Set<string> {
  const terms = new Set<string>();
  for (const r of results) for (const t of r.queryTerms) terms.add(t);
  return terms;
}
