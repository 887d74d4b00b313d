/**
 * Keyword search over the facts with minisearch.
 *
 * A question is cut into concepts (a word, or a phrase from the synonym table or a name in
 * the base, with its synonyms). A word the base never uses is first corrected against the
 * base's own vocabulary (one edit, two in long words), so a typo of a rare word still finds it.
 *
 * Each concept weighs what it tells: a rare word much, a word in many facts little, a word
 * the base never uses (and no synonym or correction maps) by how rare it is in English: a rare
 * one ("tsunami") most of all, an everyday one ("leads") little. A fact matches only
 * when it holds most of the question's weight: "earthquake in China" does not match a fact
 * about China, because "earthquake" carries the question and no fact has it. Generic words
 * ("china", "russia") and numbers rank but never make a match on their own.
 */
import MiniSearch, { type Query } from 'minisearch';
import type { Fact, Knowledge } from '../knowledge/types.ts';
import { LruCache } from '../lru.ts';
import { drain, inSlices } from '../slices.ts';
import { VERIFY_RULES } from '../verify/rules.ts';
import { countryNames } from './countries.ts';
import type { EnglishFrequencies } from './english.ts';
import { countsThing, numbersOtherwise, SERIES_ORDINALS, statesAmount, statesDuration, statesWhen } from './fact-says.ts';
import { ENGLISH_STOP_WORDS, editDistance, Stemmer, soundsAlike, tokenize, transpositions, withIrregularForms } from './text.ts';

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
  /** Phrases that must match as phrases: facts holding one rank first. */
  phrases?: string[];
  /** Only facts from these sources (the question named them). */
  sources?: string[];
  /** Periods the question names: facts about them rank higher. */
  periods?: { start: string; end: string; whole?: boolean; open?: boolean }[];
  /** A word the question asks about ("who founded…"): a fact lacking it does not answer. */
  relation?: string;
  /** The measure's word of a question naming a measure and a period ("trade in 2024"): a fact lacking it does not answer. */
  measureWord?: string;
  /** The question asks for an amount ("how many", "what share"): only a fact stating one answers; an exact one ("exactly how many") only in figures. */
  amount?: boolean | 'exact';
  /** The thing a "how many" question counts ("soldiers"): only a fact giving a number of it (or of a synonym) answers. */
  counted?: string;
  /** The topic of "what did <speaker> say about …": a fact lacking it does not answer. */
  about?: string;
  /** The question asks what came to pass ("did trade hit the target"): a fact giving a target or a forecast does not answer. */
  actual?: boolean;
  /** The question asks for a sum of money ("in dollar terms"): only a fact stating one answers. */
  money?: boolean;
  /** The question asks for a share ("what percentage"): only a fact stating one answers. */
  share?: boolean;
  /** The question asks what kinds of a thing there are ("what kinds of hardware"): a fact listing several ranks higher. */
  kinds?: boolean;
  /**
   * The question asks when ("when will the office open"): only a fact saying when (a year, a
   * month, a day, "last week") answers; asked for a year or a day, only a fact naming one.
   */
  when?: boolean | 'year' | 'day';
  /** The question asks for a city ("in which Swiss city"): only a fact naming one answers. */
  city?: boolean;
  /** The question asks for a name ("the name of the pipeline"): only a fact naming something the question does not answers. */
  name?: boolean;
  /** The question asks which person ("which Japanese prime minister"): only a fact naming someone the question does not answers. */
  person?: boolean;
  /** The question asks which company or body ("which companies formed the venture"): only a fact naming one answers. */
  organisation?: boolean;
  /** The question asks for a post ("what post did Mishustin hold"): only a fact naming one the question does not answers. */
  post?: boolean;
  /** The question asks what came of an event ("the outcome of the talks"): a fact telling only of its plan does not answer. */
  outcome?: boolean;
  /** The question asks for one thing on its own ("coal alone"): a fact naming it only in a list with others does not answer. */
  alone?: boolean;
  /** The question asks how long something lasts ("how many years does the deal run"): only a fact stating a span of time answers. */
  duration?: boolean;
  /** Words the question asks about what came before ("before Carnegie"): they place the question in time, not what it asks. */
  before?: string;
  /** A post between two countries ("China's ambassador to Russia"): an answer's claim or quote must name the three in this order. */
  envoy?: [string, string, string];
}

/** A vocabulary entry: a synonym, an expansion or a name, as words and the stems it searches. */
interface PhraseEntry {
  tokens: string[];
  stems: string[];
  whole?: boolean;
  /** The stems its synonym group or expansion stands for, before its own words are added. */
  synonyms?: string[];
  /** A member of its synonym group names a country ("us" for "united states"). */
  country?: boolean;
}

interface Concept {
  text: string;
  stems: string[];
  generic: boolean;
  /** What finding it tells (see the file comment). */
  weight: number;
  /** What a fact lacking it loses: its weight, or less for a word everyday in English. */
  cost: number;
  /** Found in the base as typed, through a synonym, or after a correction. */
  known: boolean;
  /** Found only after correcting a typo: counts for a little less. */
  corrected: boolean;
  /** A number (a year, an amount): it ranks, but cannot carry a match alone. */
  numeric: boolean;
  /** The stems of the words as typed (or corrected), as against their synonyms'. */
  own: string[];
  /** A name: a fact holds it only with every one of its stems. */
  whole?: boolean;
  /** A compound: a fact holds it only when it holds every part. */
  parts?: Concept[];
  /**
   * A phrase of several words typed in full: a fact holds it through one of its synonyms'
   * stems, or with every one of its own words ("international" alone is not the SPIEF).
   */
  phrase?: { synonyms: string[]; words: string[] };
  /** A word of a topic the base does not cover: no synonym reaches it, and a fact lacking it loses its full weight. */
  offDomain?: boolean;
  /** A place a fact names (its `places`): a fact lacking it loses its full weight. */
  place?: boolean;
  /** A country ("Japan", "the US"): a figure about another country's trade does not answer it. */
  country?: boolean;
  /** A word only askers used (asked.yaml), never a fact: a fact lacking it loses what the word tells in English. */
  askersOnly?: boolean;
}

/** A word the base never uses weighs as a word found in this many facts (less than one: more than any word it has). */
const UNKNOWN_DF = 0.5;
/**
 * …unless it is common in English: a word making up this share of English text weighs as a
 * word in every fact, and a rarer one in proportion (never less than UNKNOWN_DF facts).
 */
const ENGLISH_EVERY_FACT_SHARE = 5e-3;
/** A word rarer than this share of English text (about 1 in 100,000 words) counts as rare as any. */
const ENGLISH_TOPIC_SHARE = 1e-5;
/**
 * A word at least this common in English (about 1 in 500,000 words) is a word of its own,
 * never a typo of a base word ("spending" is not "spreading").
 */
const ENGLISH_REAL_WORD_SHARE = 2e-6;
/**
 * A known word a fact lacks costs it at most what the word tells in English at this scale:
 * a question's "done" or "matter" cannot sink a fact as its rare words can.
 */
const ENGLISH_KNOWN_SHARE = 1e-2;
/** A word at least this common in English (1 in 1,000 words: "time", "way") cannot carry a match alone. */
const EVERYDAY_SHARE = 1e-3;
/** A known word that a fact lacks counts against it at this share of its cost. */
const KNOWN_LACKING_WEIGHT = 0.5;
/** Share of the question's weight the best fact must hold for a match. */
const MIN_INFORMATION = 0.62;
/** A word a fact holds only through a question asked of it counts for this share: an asker's word is weaker evidence than the fact's own. */
const ASKED_HELD_WEIGHT = 0.65;
/** A corrected word counts for this share of its weight. */
const CORRECTED_WEIGHT = 0.8;
/** A hit scoring below this share of the best hit is noise. */
const MIN_RELATIVE_SCORE = 0.4;
/** Once the best fact matches, others holding this share of the question's weight may follow it… */
const MIN_SHOWN_INFORMATION = 0.45;
/** …even when they score below MIN_RELATIVE_SCORE, down to this share of the best. */
const MIN_SCORE_WHEN_INFORMED = 0.05;
/** A word in more than this share of facts is generic (needs a base of some size to say). */
const GENERIC_SHARE = 0.3;
const MAX_CONCEPTS = 24;
/** Endings of derived words, longest first, and what the root may end in instead. */
const DERIVATIONS: [string, string[]][] = [
  ['ility', ['le']],
  ['iness', ['y']],
  ['ption', ['be']],
  ['ations', ['e', '']],
  ['ation', ['e', '']],
  ['ness', ['']],
  ['ship', ['']],
  ['ally', ['al', '']],
  ['ions', ['e', '']],
  ['ion', ['e', '']],
  ['ily', ['y']],
  // "diplomaticaly": the common misspelling of "-ally".
  ['aly', ['al', '']],
  ['ly', ['', 'e']],
];
/** A word shorter than this is never read as two base words run together. */
const MIN_SPLIT_LENGTH = 7;
/** A word shorter than this is never read as a typo ("wto", "sco"). */
const MIN_CORRECTED_LENGTH = 4;
/** A word this long may be two edits from the base word it stands for… */
const MIN_TWO_EDIT_LENGTH = 6;
/** …and, this long, without sounding like it. */
const MIN_LONG_TYPO_LENGTH = 8;
/**
 * In a large base, a word found in more than this share of facts ("putin" in a base about
 * Putin) costs more to search than it tells: it is left out of the index query when rarer
 * words are present, and used instead to re-rank the best candidates.
 */
const COMMON_SHARE = 0.02;
const COMMON_MIN_FACTS = 2000;
/** How strongly ranking favours facts holding more of the question. */
const INFORMATION_POWER = 2;
/** A share written in a fact's words: a percentage, or a word naming a part of a whole. */
const SHARE =
  /%|\b(?:per ?cent|percentage|shares? of|market share|proportion|portion|fraction|half|halves|thirds?|quarters?|fifths?|tenths?|majority|bulk)\b/i;
/** A currency written in a fact's words: the signs and words `verify` reads money by. */
const MONEY = new RegExp(
  Object.values(VERIFY_RULES.currencies)
    .flat()
    .map((w) => {
      const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // A word is matched whole; a sign ("$", "€") anywhere.
      return `${/^\p{L}/u.test(w) ? '\\b' : ''}${escaped}${/\p{L}$/u.test(w) ? '\\b' : ''}`;
    })
    .join('|'),
  'iu',
);
/** Words of a target or a forecast: a fact saying one tells what was aimed at, not what came to pass. */
const AIM_WORDS = ['target', 'goal', 'aim', 'forecast', 'expected', 'projected'];
/** How many words from a post the person holding it may stand ("spokesman Zhao Lijian", "Li Hui, Beijing's envoy"). */
const POST_REACH = 4;
/** How many words from a post its countries may stand ("Russia's new ambassador to the PRC"). */
const ENVOY_REACH = 3;
/** A claim naming the question's countries in the question's order ranks this much higher. */
const SAME_ORDER_BOOST = 1.3;
/** A synonym's share of the weight of the word typed, in ranking. */
const SYNONYM_WEIGHT = 0.6;
/** A fact listing several things ranks this much higher for a question asking what kinds of a thing there are. */
const LIST_BOOST = 3;
/**
 * A list in a claim: three or more plain words or short phrases ("fighter jets, submarines and
 * air defence systems", "coal, LNG and oil"). Names are left out, so "in 2019, Putin and Xi" is no list.
 */
const LIST_ITEM = String.raw`(?:[a-z][\w-]*|[A-Z]{2,})(?: (?:[a-z][\w-]*|[A-Z]{2,})){0,2}`;
const LIST = new RegExp(String.raw`\b${LIST_ITEM}, ${LIST_ITEM},? (?:and|or) ${LIST_ITEM}`);
/** A list of any three or more words or short phrases, names too ("Iran, Saudi Arabia and the UAE"). */
const ANY_ITEM = String.raw`[\p{L}\p{N}-]+(?: [\p{L}\p{N}-]+){0,2}`;
const ANY_LIST = new RegExp(`${ANY_ITEM}, ${ANY_ITEM},? (?:and|or) ${ANY_ITEM}`, 'u');
/** A claim telling of a plan, not what came of it ("was scheduled to meet", "plans to open"). */
const PLAN = /\b(?:scheduled|planned|plans? to|planning to|(?:was|were|is|are) (?:to|due)|will|set to|expected to)\b/i;
/** A fact about a period the question names ranks this much higher. */
const PERIOD_BOOST = 2.5;
/** How many of the best candidates are weighed for information (all of them in a small base). */
const WEIGHED = 200;
const RERANK = 60;
const ASKED_BOOST = 0.1;
const CORE_FIELDS = ['claim', 'people', 'places'];
/** A word written with a capital, past the first letter of its text: a name, mostly. */
const CAPITALISED = /(?<=[\s("“'‘])\p{Lu}[\p{L}\p{N}]+/gu;
/** The fields that hold what the fact and its curators say (asked.yaml holds what people asked). */
const OWN_FIELDS = ['claim', 'people', 'places', 'quote', 'when', 'aliases'];
const FIELDS = [...OWN_FIELDS, 'asked'];
/** The words of questions asked of a fact let it match them, but barely rank it: the fact's own words do. */
const BOOST = { claim: 2, people: 3, places: 2, quote: 1, when: 1, aliases: 1, asked: ASKED_BOOST };

export class SearchEngine {
  private readonly stemmer = new Stemmer();
  /** A word's stem, remembered for this engine's life; the query reader stems with it too. */
  readonly stem = this.stemmer.stem;
  private readonly index: MiniSearch<IndexedFact>;
  private readonly facts: Fact[];
  private readonly df = new Map<string, number>();
  private readonly stopwords: Set<string>;
  private readonly generic = new Set<string>();
  /** The generic words search.yaml lists (the base's own countries among them), without those found by share. */
  private readonly listedGeneric = new Set<string>();
  /** Phrases (synonyms, expansions, names in the base) as token lists, each mapped to the stems it searches. */
  private readonly phrases: PhraseEntry[] = [];
  /**
   * Runs of two or three stems the base uses side by side (stop words aside); left empty in a
   * large base, where it would cost too much memory.
   */
  private readonly bigrams = new Set<string>();
  /** Phrases by their first word, longest first. */
  private readonly phrasesByFirst = new Map<string, PhraseEntry[]>();
  /** The concepts of the last questions read: the query reader and the search read the same text. */
  private readonly recent = new LruCache<string, Concept[]>(4);
  /** Corrections found for the words typed lately (a scan of the vocabulary each time costs). */
  private readonly corrections = new LruCache<string, string[]>(2000);
  private readonly factWords = new LruCache<number, { claim: string[]; all: string[] }>(5000);
  /** One-word vocabulary entries by stem. */
  private readonly byStem = new Map<string, PhraseEntry>();
  /** Every word of a phrase in the vocabulary: known words, never corrected. */
  private readonly phraseWords = new Set<string>();
  /** The base's own words, as written, by first letters: what a typo is corrected against. */
  private readonly vocabulary = new Map<string, Set<string>>();
  /** The places facts name, and every country, as their stems joined by spaces. */
  private readonly places = new Set<string>();
  /** The names facts give (people, places, speakers) and each word of a person's name, as tokens joined by spaces. */
  private readonly names = new Set<string>();
  /** The cities among the places facts name (knowledge/search.yaml), as their stems joined by spaces. */
  private readonly cities = new Set<string>();
  /** The world's countries, as their stems joined by spaces. */
  private readonly countries = new Set<string>();
  /** Synonyms of a country's name ("us", "america"), as their tokens joined by spaces. */
  private readonly countryWords = new Set<string>();
  /** Stems of the facts' own words (asked.yaml's aside): a word only an asker used may be a typo of one. */
  private readonly ownStems = new Set<string>();
  /** Stems of the words that ask for a figure's total, value or unit ("total dollar value"): they say nothing of what it measures. */
  private readonly figureWords = new Set<string>();
  /** The `post_words` as written ("minister", "spokesperson"): as written, since "headed" names no head. */
  private readonly postWords = new Set<string>();
  /** Stems of AIM_WORDS and their one-word synonyms. */
  private readonly aimStems = new Set<string>();
  /** Words and phrases of topics the base does not cover, by their first word, longest first. */
  private readonly offDomain = new Map<string, string[][]>();

  /** General English word shares: what an unknown word weighs (see ENGLISH_EVERY_FACT_SHARE); the same for every base, so a rebuild reuses them. */
  readonly english: EnglishFrequencies;

  /** Builds the index and its tables at once. `SearchEngine.build` builds the same between answers. */
  constructor(
    knowledge: Pick<Knowledge, 'facts' | 'vocabulary'>,
    english: EnglishFrequencies = new Map(),
    run: (steps: Iterator<void>) => void = drain,
  ) {
    this.facts = knowledge.facts;
    this.english = english;
    this.stopwords = withIrregularForms([...ENGLISH_STOP_WORDS, ...knowledge.vocabulary.stopwords]);
    const processTerm = (term: string) => (this.stopwords.has(term) ? null : this.stem(term));
    this.index = new MiniSearch<IndexedFact>({
      fields: FIELDS,
      idField: 'n',
      tokenize,
      processTerm,
      searchOptions: { boost: BOOST, tokenize: (q) => q.split(' '), processTerm: (t) => t },
    });
    run(this.fill(knowledge.vocabulary));
  }

  /**
   * The same engine as the constructor's, built in slices of about `sliceMs` with a turn of
   * the event loop between them, so a running bot keeps answering from its current engine
   * while the next one is built. Nothing may use the engine before the promise resolves.
   */
  static async build(
    knowledge: Pick<Knowledge, 'facts' | 'vocabulary'>,
    english: EnglishFrequencies = new Map(),
    { sliceMs = 4 }: { sliceMs?: number } = {},
  ): Promise<SearchEngine> {
    let steps: Iterator<void> | undefined;
    const engine = new SearchEngine(knowledge, english, (s) => (steps = s));
    await inSlices(steps as Iterator<void>, sliceMs);
    return engine;
  }

  /** Fills the index and the tables; yields after each small step (a fact, a name), where a sliced build may pause. */
  private *fill(vocabulary: Knowledge['vocabulary']): Generator<void> {
    const aliases = vocabulary.aliases ?? {};
    const asked = vocabulary.asked ?? {};
    const docs: IndexedFact[] = [];
    for (const [n, f] of this.facts.entries()) {
      docs.push(toIndexed(f, n, aliases[f.id] ?? [], asked[f.id] ?? []));
      this.index.add(docs[n]);
      yield;
    }
    for (const doc of docs) {
      // What people typed may be misspelt: a typo is corrected only towards the base's own words.
      const written = new Set(OWN_FIELDS.flatMap((f) => tokenize(doc[f as keyof IndexedFact] as string)));
      const words = new Set([...written, ...doc.asked.split(' ').filter(Boolean)]);
      const seen = new Set<string>();
      for (const w of words) {
        if (this.stopwords.has(w)) continue;
        seen.add(this.stem(w));
        if (w.length >= 4 && written.has(w) && !/^\p{N}+$/u.test(w)) this.fileWord(w);
      }
      for (const s of seen) this.df.set(s, (this.df.get(s) ?? 0) + 1);
      for (const w of written) this.ownStems.add(this.stem(w));
      yield;
    }

    if (this.facts.length < COMMON_MIN_FACTS) {
      for (const f of this.facts) {
        for (const text of [f.claim, f.quote]) {
          const stems = tokenize(text)
            .filter((t) => !this.stopwords.has(t))
            .map(this.stem);
          for (let i = 0; i + 1 < stems.length; i++) {
            this.bigrams.add(`${stems[i]} ${stems[i + 1]}`);
            if (i + 2 < stems.length) this.bigrams.add(`${stems[i]} ${stems[i + 1]} ${stems[i + 2]}`);
          }
        }
        yield;
      }
    }
    for (const s of vocabulary.generic.flatMap(tokenize).map(this.stem)) {
      this.generic.add(s);
      this.listedGeneric.add(s);
    }
    for (const s of (vocabulary.figure_words ?? []).flatMap(tokenize).map(this.stem)) this.figureWords.add(s);
    for (const w of (vocabulary.post_words ?? []).flatMap(tokenize)) this.postWords.add(w).add(`${w}s`);
    for (const entry of vocabulary.off_domain ?? []) {
      const tokens = tokenize(entry);
      if (tokens.length === 0) continue;
      const list = [...(this.offDomain.get(tokens[0]) ?? []), tokens].sort((a, b) => b.length - a.length);
      this.offDomain.set(tokens[0], list);
    }
    if (this.facts.length >= 50) {
      for (const [s, n] of this.df) if (n / this.facts.length > GENERIC_SHARE) this.generic.add(s);
    }
    for (const name of countryNames()) this.countries.add(this.stemsJoined(name));
    for (const city of vocabulary.cities ?? []) this.cities.add(this.stemsJoined(city));
    yield;
    const groupOf = new Map<string, string[]>();
    for (const group of vocabulary.synonyms) {
      // A phrase stands for its most specific word ("military equipment" for "equipment"):
      // expanding to every word would make "weapons" find everything "military".
      const singles = new Set(
        group
          .map((m) => tokenize(m))
          .filter((t) => t.length === 1)
          .map((t) => this.stem(t[0])),
      );
      const stems = [...new Set(group.flatMap((m) => this.specific(m, singles)))];
      const country = group.some((m) => this.countries.has(this.stemsJoined(m)));
      for (const member of group) {
        this.addPhrase(member, stems, country);
        groupOf.set(tokenize(member).join(' '), stems);
      }
    }
    // An expansion to a word with synonyms reaches them too ("objective" → "target" → "plan").
    for (const [word, targets] of Object.entries(vocabulary.expansions ?? {})) {
      this.addPhrase(word, [...new Set(targets.flatMap((t) => groupOf.get(tokenize(t).join(' ')) ?? this.specific(t, new Set())))]);
    }
    yield;
    // Names in the base ("saudi arabia", "central asia") are one concept each, held by a fact
    // only when it has every word of the name.
    for (const [n, f] of this.facts.entries()) {
      if (n % 100 === 0) yield;
      for (const name of [...f.people, ...f.places, f.saidBy ?? '']) if (name) this.names.add(tokenize(name).join(' '));
      for (const person of [...f.people, f.saidBy ?? '']) for (const w of tokenize(person)) if (!this.stopwords.has(w)) this.names.add(w);
    }
    for (const name of this.names) {
      if (!name.includes(' ')) continue;
      yield;
      const tokens = name.split(' ');
      if (this.phrases.some((p) => p.tokens.join(' ') === name)) continue;
      this.phrases.push({ tokens, stems: [...new Set(tokens.filter((t) => !this.stopwords.has(t)).map(this.stem))], whole: true });
    }
    for (const place of new Set(this.facts.flatMap((f) => f.places))) this.places.add(this.stemsJoined(place));
    for (const country of this.countries) this.places.add(country);
    for (const p of this.phrases) for (const t of p.tokens) this.phraseWords.add(t);
    // A typo of a word the vocabulary gives ("comerce") is corrected to it, and so reaches its synonyms.
    for (const w of this.phraseWords) if (w.length >= 4 && !/\p{N}/u.test(w) && !this.stopwords.has(w)) this.fileWord(w);
    for (const p of this.phrases)
      if (p.tokens.length === 1 && !this.byStem.has(this.stem(p.tokens[0]))) this.byStem.set(this.stem(p.tokens[0]), p);
    for (const w of AIM_WORDS) for (const s of this.equivalents(this.stem(w))) this.aimStems.add(s);
    // Longest phrases first, so "xi jinping" wins over "xi".
    this.phrases.sort((a, b) => b.tokens.length - a.tokens.length);
    yield;
    for (const p of this.phrases) {
      this.phrasesByFirst.set(p.tokens[0], [...(this.phrasesByFirst.get(p.tokens[0]) ?? []), p]);
      yield;
    }
  }
  /** Files a word a typo may be corrected to under its first two letters, and its first and third (for a typo that drops the second). */
  private fileWord(w: string): void {
    for (const key of [w[0] + w[1], w[0] + w[2]]) {
      const bucket = this.vocabulary.get(key) ?? new Set<string>();
      bucket.add(w);
      this.vocabulary.set(key, bucket);
    }
  }

  /** A name's words as stems, stop words aside, joined by spaces: how places are compared. */
  private stemsJoined(name: string): string {
    return tokenize(name)
      .filter((t) => !this.stopwords.has(t))
      .map(this.stem)
      .join(' ');
  }

  /** The stems a phrase stands for: its rarest word, or nothing when it cannot occur in the base. */
  private specific(member: string, singles: Set<string>): string[] {
    const stems = tokenize(member)
      .filter((t) => !this.stopwords.has(t))
      .map(this.stem);
    if (stems.length <= 1) return stems;
    // "mikhail mishustin" adds nothing to "mishustin".
    if (stems.some((x) => singles.has(x))) return [];
    // A phrase with a word the base never uses cannot occur in it.
    if (!stems.every((x) => this.df.has(x))) return [];
    return [stems.reduce((a, b) => ((this.df.get(b) as number) < (this.df.get(a) as number) ? b : a))];
  }

  private addPhrase(member: string, stems: string[], country = false) {
    const tokens = tokenize(member);
    if (tokens.length === 0) return;
    const own = tokens.filter((t) => !this.stopwords.has(t)).map(this.stem);
    // Typed in full, a phrase also searches its own words.
    this.phrases.push({ tokens, stems: [...new Set([...stems, ...own])], synonyms: stems, country });
    if (country) this.countryWords.add(tokens.join(' '));
  }

  search(question: string, options: SearchOptions = {}): SearchOutcome {
    const limit = options.limit ?? 6;
    const concepts = this.concepts(question);
    if (concepts.length === 0) return { hits: [], matched: false, reason: 'empty' };
    const meaningful = concepts.filter((c) => !c.generic);
    if (meaningful.length === 0) return { hits: [], matched: false, reason: 'too-broad' };
    const known = meaningful.filter((c) => c.known);
    if (!known.some((c) => !c.numeric)) return { hits: [], matched: false, reason: known.length > 0 ? 'too-broad' : 'not-found' };

    const boostDocument = options.preferFigures ? (n: unknown) => (this.facts[n as number].figure ? 3 : 1) : undefined;
    // Common words (in a large base) would pull in much of the base for little: the index is
    // asked for the rarer concepts (or, if all are common, the rarest), and the best
    // candidates are re-ranked by the others.
    const common = known.filter((c) => this.isCommon(c));
    const searched =
      common.length === 0 ? known : common.length < known.length ? known.filter((c) => !common.includes(c)) : [this.rarest(common)];
    const reranking = common.filter((c) => !searched.includes(c));
    // A lone common word is looked up where facts state things, not in every quote that uses it.
    const fields = searched.every((c) => common.includes(c)) && common.length > 0 ? CORE_FIELDS : undefined;
    // A synonym finds a fact, but the word as typed ranks first: a fact saying "exports"
    // beats one that says "supplies" and "deliveries" to a question about exports.
    // A rare synonym must not outweigh the common word typed ("deliveries" for "export").
    const termBoost = new Map<string, number>();
    for (const c of searched) {
      const typed = c.own.filter((x) => this.df.has(x));
      const idf = (x: string) => Math.log(1 + this.facts.length / (this.df.get(x) ?? 1));
      const typedIdf = typed.length > 0 ? Math.min(...typed.map(idf)) : undefined;
      for (const x of c.stems) {
        if (typed.includes(x)) termBoost.set(x, 1);
        else if (!termBoost.has(x)) termBoost.set(x, SYNONYM_WEIGHT * (typedIdf === undefined ? 1 : Math.min(1, typedIdf / idf(x))));
      }
    }
    const boostTerm = (term: string) => termBoost.get(term) ?? SYNONYM_WEIGHT;
    const found = this.index.search(orOf(searched.map((c) => orOf(c.stems))), {
      prefix: false,
      fuzzy: false,
      boostDocument,
      boostTerm,
      fields,
    });

    const phraseFacts = this.phraseFacts(options.phrases ?? []);
    const sources = options.sources && options.sources.length > 0 ? new Set(options.sources) : undefined;
    const weighed: Weighed[] = [];
    // "After 1991": a fact about a later time holds the year, though it does not name it.
    const since = (options.periods ?? []).filter((p) => p.open);
    for (const r of found.slice(0, this.facts.length >= COMMON_MIN_FACTS ? WEIGHED : found.length)) {
      const fact = this.facts[r.id as number];
      if (sources && !sources.has(fact.sourceId)) continue;
      const terms = new Set(r.queryTerms);
      const holds = searched.filter((c) => isHeld(c, terms));
      for (const c of meaningful) if (c.numeric && !holds.includes(c) && since.some((p) => this.isSince(c, p, fact))) holds.push(c);
      const saidByFact = new Set(r.queryTerms.filter((t) => (r.match[t] ?? []).some((f) => f !== 'asked')));
      const askedOnly = holds.filter((c) => !isHeld(c, saidByFact));
      weighed.push({ id: r.id as number, score: r.score, holds, askedOnly, information: 0 });
    }
    if (reranking.length > 0) this.rerank(weighed, reranking);
    const order = this.orderOf(concepts.filter((c) => c.generic));
    // "Who founded X": every other word of it is as specific, and a fact lacking one loses it in full.
    const relation = this.relationOf(meaningful, options.relation);
    const measured = this.relationOf(meaningful, options.measureWord);
    const topic = this.relationOf(meaningful, options.about);
    const asked =
      options.name || options.person || options.organisation || options.post
        ? new Set(concepts.flatMap((c) => [...c.own, ...c.stems]))
        : new Set<string>();
    const knownLacking = relation ? 1 : KNOWN_LACKING_WEIGHT;
    // The people a question names (not numbers, not places): a post asked for is theirs.
    const named = new Set(meaningful.filter((c) => !c.numeric && !c.place && this.isNameLike(c)).flatMap((c) => c.own));
    for (const [rank, w] of weighed.entries()) {
      // "What does China sell to Russia": a claim naming them in the same order ranks higher.
      if (order.length >= 2 && rank < RERANK && this.sameOrder(order, w.id)) w.score *= SAME_ORDER_BOOST;
      const held = w.holds.reduce(
        (n, c) => n + c.weight * (c.corrected ? CORRECTED_WEIGHT : 1) * (w.askedOnly.includes(c) ? ASKED_HELD_WEIGHT : 1),
        0,
      );
      // A word the base knows but this fact lacks counts against it less than one the base never uses;
      // a number the question names (a year, an amount) counts in full: a fact about another year does not answer it;
      // so does a place: gas in China does not answer gas in Europe.
      const absent = meaningful
        .filter((c) => !w.holds.includes(c))
        .reduce(
          (n, c) => n + c.cost * (c.known && !c.offDomain && !c.numeric && !c.place && !c.whole && !c.askersOnly ? knownLacking : 1),
          0,
        );
      w.information = held / (w.holds.reduce((n, c) => n + c.weight, 0) + absent);
      // What a fact holds of the question counts more than how often it says it.
      const about = this.facts[w.id].about;
      const inPeriod = options.periods?.some((p) => about.start <= p.end && about.end >= p.start) ?? false;
      const lists = options.kinds && LIST.test(this.facts[w.id].claim);
      w.score *= w.information ** INFORMATION_POWER * (inPeriod ? PERIOD_BOOST : 1) * (lists ? LIST_BOOST : 1);
    }
    weighed.sort((a, b) => Number(phraseFacts.has(b.id)) - Number(phraseFacts.has(a.id)) || b.score - a.score);

    // The best fact must hold most of what the question asks, including a word that can carry it.
    // An everyday word ("time", "way") found alone cannot carry it: "what time is it in Moscow".
    // A word only an asker used (asked.yaml) carries it only beside another the fact holds.
    // A fact holding one word of the question answers only a question of two, the other a word
    // the base uses: "when did Navalny die" is not answered by Navalny's arrest.
    const oneWordAnswers = meaningful.length <= 2 && meaningful.every((c) => c.known);
    // A place tells where, not what: it carries only a question that names nothing else.
    const placesOnly = meaningful.every((c) => c.place || c.numeric);
    // A figure question naming a country is about that country: China's trade with Russia
    // does not answer "Japan-China trade" (a measure's partner is read before the search);
    // so is one asking for a city: "which Japanese city" is not answered by Shanghai.
    const countries = options.preferFigures || options.city ? meaningful.filter((c) => c.country) : [];
    // "Which agreements did Mishustin sign in Shanghai": a fact naming only Mishustin and Shanghai does not say.
    // "Where did Gabuev work before Carnegie": Carnegie only says when; what is asked is where he worked.
    const earlier = new Set(options.before ? this.stemsOf(options.before) : []);
    const asking = meaningful.filter((c) => !c.own.every((s) => earlier.has(s)));
    const asksOfNames = asking.some((c) => !this.isNameLike(c));
    const ordinals = new Set(concepts.flatMap((c) => c.text.split(' ')).filter((w) => SERIES_ORDINALS.has(w)));
    const counted = options.counted ? new Set(this.equivalents(this.stem(options.counted))) : undefined;
    // "Trade in full-year 2023": a fact about part of the year (its first half) does not answer.
    const wholes = (options.periods ?? []).filter((p) => p.whole);
    const partOfWhole = (w: Weighed) => {
      const about = this.facts[w.id].figure?.period ?? this.facts[w.id].about;
      return wholes.some((p) => about.start >= p.start && about.end <= p.end && (about.start > p.start || about.end < p.end));
    };
    const carries = (w: Weighed) =>
      w.information >= MIN_INFORMATION &&
      (wholes.length === 0 || !partOfWhole(w)) &&
      countries.every((c) => w.holds.includes(c)) &&
      // "Who founded Chatham House": a fact about Chatham House that says nothing of a founding does not answer.
      (!relation || w.holds.includes(relation)) &&
      // "How did trade develop in 2024": the 75th anniversary that year says nothing of trade.
      (!measured || w.holds.includes(measured)) &&
      // "What did Zhao say about the Taiwan Strait": his words on a wedge between the two do not answer.
      (!topic || w.holds.includes(topic)) &&
      // "China's ambassador to Russia": Russia's ambassador to China does not answer.
      (!options.envoy || this.namesEnvoy(options.envoy, w.id)) &&
      // "How much state funding does RIAC get": "state-funded" is not an amount.
      // A share in words ("the vast majority") answers "what share" though it is no number.
      (!options.amount || this.statesAmount(w.id, options.amount === 'exact') || (!!options.share && this.statesShare(w.id))) &&
      // "How many Chinese soldiers marched": a fact saying troops join the parade gives no number of them.
      (!counted || countsThing(this.wordsOf(w.id).all, counted, this.stem)) &&
      // "Did trade hit the $200bn target in 2024": the target itself does not say.
      (!options.actual || !this.statesAim(w.id)) &&
      // "China's arms imports from Russia in dollar terms": a 70 percent share is not a sum.
      (!options.money || this.statesMoney(w.id)) &&
      // "What share of Russia's exports went to China": $81bn paid for energy is not a share.
      (!options.share || this.statesShare(w.id)) &&
      // "When will NATO's Tokyo office open": a plan with no date does not say when.
      (!options.when || this.statesWhen(w.id, options.when)) &&
      // "In which Swiss city did Biden and Putin meet": a fact naming Switzerland does not say.
      (!options.city || this.facts[w.id].places.some((p) => this.cities.has(this.stemsJoined(p)))) &&
      // "What is the name of the pipeline built under the gas deal": the deal's fact names none.
      (!options.name || this.namesOther(w.id, asked)) &&
      // "Which Japanese prime minister hosted the G7": a fact naming no one does not say.
      (!options.person || this.namesPerson(w.id, asked)) &&
      // "Which companies formed the LNG venture": "Russian and Chinese state energy companies" names none.
      (!options.organisation || this.namesOrganisation(w.id, asked)) &&
      // "What post did Mishustin hold before he became prime minister": a fact naming him prime minister does not say.
      (!options.post || this.namesPostOf(w.id, asked, named)) &&
      // "What was the outcome of Li Hui's talks with Lavrov": that he was to meet Lavrov does not say.
      (!options.outcome || !PLAN.test(this.facts[w.id].claim)) &&
      // "How much was coal alone": "$81bn for coal, LNG and oil" does not say.
      (!options.alone || !this.listsAmongOthers(w.id, w.holds)) &&
      // "How many years does the gas deal run": its value does not say.
      (!options.duration || statesDuration(this.wordsOf(w.id).all)) &&
      // "When is the Fourth Belt and Road Forum": the Third's facts do not say.
      (ordinals.size === 0 || !numbersOtherwise(this.wordsOf(w.id).all, ordinals)) &&
      (!asksOfNames ||
        w.holds.some((c) => asking.includes(c) && !this.isNameLike(c)) ||
        w.holds.filter((c) => asking.includes(c) && !c.numeric && !c.place).length >= 2) &&
      (w.holds.length >= 2 || oneWordAnswers) &&
      w.holds.some(
        (c) =>
          !c.numeric &&
          !this.isEveryday(c) &&
          !this.isFigureWord(c) &&
          (!c.place || placesOnly) &&
          (!w.askedOnly.includes(c) || w.holds.length >= 2),
      );
    // One that carries the question leads a higher-scoring one that does not (a word with many
    // synonyms, "war", scores high in facts that lack the rest); one holding a phrase asked first.
    if (weighed.length > 0 && !carries(weighed[0])) {
      const carrying = (w: Weighed, i: number) => i < RERANK && carries(w);
      const withPhrase = weighed.findIndex((w, i) => carrying(w, i) && phraseFacts.has(w.id));
      const at = withPhrase >= 0 ? withPhrase : weighed.findIndex(carrying);
      if (at > 0) weighed.unshift(...weighed.splice(at, 1));
    }
    const best = weighed[0];
    if (!best || !carries(best)) return { hits: [], matched: false, reason: 'not-found' };
    const top = Math.max(...weighed.slice(0, limit).map((w) => w.score));
    const hits: SearchHit[] = [];
    // A hit is shown when it scores near the best, or holds as much of the question as a match needs.
    const shown = (w: Weighed) =>
      w.score >= top * MIN_RELATIVE_SCORE || (w.information >= MIN_SHOWN_INFORMATION && w.score >= top * MIN_SCORE_WHEN_INFORMED);
    for (const w of weighed) {
      if (hits.length >= limit) break;
      if (w === best || phraseFacts.has(w.id) || shown(w)) hits.push({ fact: this.facts[w.id], score: w.score });
    }
    return { hits, matched: true };
  }

  /**
   * How many tokens from `at` name a country ("japan", "united states", "us"), and whether it
   * is one of the base's own two (a generic word: "china", "russia"); undefined if none.
   */
  countryAt(tokens: string[], at: number): { length: number; own: boolean } | undefined {
    for (let n = Math.min(3, tokens.length - at); n > 0; n--) {
      const span = tokens.slice(at, at + n);
      const words = span.join(' ');
      const stems = span.map(this.stem);
      // A name's inner words may be stop words ("trinidad and tobago"), its ends not.
      const named = !this.stopwords.has(span[0]) && !this.stopwords.has(span[n - 1]) && this.countries.has(this.stemsJoined(words));
      if (!named && !this.countryWords.has(words)) continue;
      return { length: n, own: stems.every((x) => this.listedGeneric.has(x)) };
    }
    return undefined;
  }

  /** The length of the longest vocabulary phrase at this word ("washington post"), or 0. */
  phraseLengthAt(tokens: string[], at: number): number {
    const found = this.phrasesByFirst.get(tokens[at])?.find((p) => p.tokens.every((t, k) => tokens[at + k] === t));
    return found?.tokens.length ?? 0;
  }

  /** How many facts hold the stem: the fewer, the more a word tells. */
  factsHolding(stem: string): number {
    return this.df.get(stem) ?? 0;
  }

  /** Is the stem one of the generic words search.yaml lists ("china", "bilateral")? */
  isListedGeneric(stem: string): boolean {
    return this.listedGeneric.has(stem);
  }

  /** Does the text say each concept of the words ("the US" in a text naming the United States)? */
  mentions(text: string, words: string): boolean {
    const said = new Set(this.concepts(text).flatMap((c) => c.stems));
    return this.concepts(words).every((c) => c.stems.some((x) => said.has(x)));
  }

  /** How many tokens from `at` make a name the facts give ("sergey lavrov", "mishustin"), longest first; 0 if none. */
  nameLength(tokens: string[], at: number): number {
    for (let n = Math.min(4, tokens.length - at); n > 0; n--) if (this.names.has(tokens.slice(at, at + n).join(' '))) return n;
    return 0;
  }

  /**
   * The concept the word a question asks about became (as itself, corrected, or inside a
   * phrase); none for an everyday word ("when did Xi make…"), which says too little to require.
   */
  private relationOf(concepts: Concept[], word: string | undefined): Concept | undefined {
    if (word === undefined) return undefined;
    const s = this.stem(word);
    const c = concepts.find((c) => c.text.split(' ').includes(word) || c.own.includes(s) || (c.parts ?? []).some((p) => p.own.includes(s)));
    return c && !this.isEveryday(c) ? c : undefined;
  }

  /** The words of a question that carry meaning here (no stop words, no generic words). */
  meaningfulWords(question: string): string[] {
    return this.concepts(question)
      .filter((c) => !c.generic)
      .map((c) => c.text);
  }

  /** A stem and those of its one-word synonyms ("export": "sell", "ship"…): how the query reader matches measure names. */
  equivalents(stem: string): string[] {
    const entry = this.byStem.get(stem);
    return entry ? [...new Set([stem, ...entry.stems])] : [stem];
  }

  /** The stems a question's words stand for, typos corrected: how the query reader compares words. */
  stemsOf(text: string): string[] {
    return tokenize(text)
      .filter((t) => !ENGLISH_STOP_WORDS.has(t))
      .map((t) => {
        const s = this.stem(t);
        if (this.df.has(s) || /^\p{N}+$/u.test(t)) return s;
        const fixed = this.correct(t);
        return fixed.length > 0 ? this.stem(fixed[0]) : s;
      });
  }

  /** Each concept's stems ("chinese" is also "china"), in the order the question says them. */
  private orderOf(concepts: Concept[]): string[][] {
    const seen = new Set<string>();
    return concepts.map((c) => c.stems).filter((stems) => stems.length > 0 && !seen.has(stems[0]) && !!seen.add(stems[0]));
  }

  /** A fact's claim and quote as words (remembered for the facts questions keep reaching). */
  private wordsOf(n: number): { claim: string[]; all: string[] } {
    let words = this.factWords.get(n);
    if (!words) {
      const f = this.facts[n];
      const claim = tokenize(f.claim);
      words = { claim, all: [...claim, '|', ...tokenize(f.quote)] };
      this.factWords.set(n, words);
    }
    return words;
  }

  /** Does the fact state an amount (a figure, or in its words; only in figures when the question asks for an exact one)? */
  private statesAmount(n: number, exact = false): boolean {
    return !!this.facts[n].figure || statesAmount(this.wordsOf(n).all, exact);
  }

  /**
   * Does the fact name something the question does not: a capitalised word of its claim or
   * quote that is neither a generic name ("China") nor one of the question's words?
   */
  private namesOther(n: number, asked: Set<string>): boolean {
    const f = this.facts[n];
    for (const m of `${f.claim} ${f.quote}`.matchAll(CAPITALISED)) {
      const stem = this.stem(m[0].toLowerCase());
      if (!this.stopwords.has(m[0].toLowerCase()) && !this.generic.has(stem) && !asked.has(stem)) return true;
    }
    return false;
  }

  /** Does the fact's claim name one of these concepts only as an item of a list ("coal, LNG and oil")? */
  private listsAmongOthers(n: number, holds: Concept[]): boolean {
    const list = ANY_LIST.exec(this.facts[n].claim);
    if (!list) return false;
    const items = new Set(this.stemsOf(list[0]));
    return holds.some((c) => c.own.some((s) => items.has(s)));
  }

  /**
   * Does the fact name something the question does not that is neither a person nor a place
   * of the fact (a company, a body: "Huawei", "RDIF")?
   */
  private namesOrganisation(n: number, asked: Set<string>): boolean {
    const f = this.facts[n];
    const peopleAndPlaces = [...f.people, ...f.places, ...(f.saidBy ? [f.saidBy] : [])].flatMap((p) => this.stemsOf(p));
    return this.namesOther(n, new Set([...asked, ...peopleAndPlaces]));
  }

  /** Is the concept the year an open period starts ("since 1991"), and the fact about a time from then on? */
  private isSince(c: Concept, period: { start: string }, fact: Fact): boolean {
    return c.own.includes(period.start.slice(0, 4)) && fact.about.start >= period.start;
  }

  /** Does the fact name a post the question does not, beside a person it names ("Foreign Ministry spokesman Zhao Lijian")? */
  private namesPostOf(n: number, asked: Set<string>, named: Set<string>): boolean {
    const words = this.wordsOf(n).all;
    return words.some(
      (x, i) =>
        this.postWords.has(x) &&
        !asked.has(this.stem(x)) &&
        words.slice(Math.max(0, i - POST_REACH), i + POST_REACH + 1).some((y) => named.has(this.stem(y))),
    );
  }

  /** Does the fact name a person (or a speaker) the question does not? */
  private namesPerson(n: number, asked: Set<string>): boolean {
    const f = this.facts[n];
    return [...f.people, ...(f.saidBy ? [f.saidBy] : [])].some((p) => !this.stemsOf(p).every((s) => asked.has(s)));
  }

  /** Does the fact say when? */
  private statesWhen(n: number, precision: boolean | 'year' | 'day'): boolean {
    return statesWhen(this.wordsOf(n).all, typeof precision === 'string' ? precision : undefined);
  }

  /** Does the fact's claim name these concepts in this order (each first mention)? */
  /** Does the fact's claim or quote name the post with its sending country just before it and the receiving one just after? */
  private namesEnvoy([from, post, to]: [string, string, string], n: number): boolean {
    const [sender, posts, receiver] = [from, post, to].map((w) => new Set(this.stemsOf(w).flatMap((s) => this.equivalents(s))));
    const stems = this.wordsOf(n).all.map(this.stem);
    const near = (words: Set<string>, a: number, b: number) => stems.slice(Math.max(0, a), b).some((x) => words.has(x));
    return stems.some((x, i) => posts.has(x) && near(sender, i - ENVOY_REACH, i) && near(receiver, i + 1, i + 1 + ENVOY_REACH));
  }

  private sameOrder(order: string[][], n: number): boolean {
    const stems = this.wordsOf(n).claim.map(this.stem);
    const at = order.map((alternatives) => stems.findIndex((x) => alternatives.includes(x)));
    return at.every((p, i) => p >= 0 && (i === 0 || p > at[i - 1]));
  }

  /** Facts holding each phrase word for word, in order. */
  private phraseFacts(phrases: string[]): Set<number> {
    const out = new Set<number>();
    for (const phrase of phrases) {
      const tokens = tokenize(phrase);
      const stems = tokens.filter((t) => !this.stopwords.has(t)).map(this.stem);
      if (tokens.length < 2 || stems.length === 0 || !stems.every((s) => this.df.has(s))) continue;
      const candidates = this.index.search({ queries: stems, combineWith: 'AND' } as Query, { prefix: false, fuzzy: false });
      for (const r of candidates.slice(0, RERANK)) {
        const words = this.wordsOf(r.id as number).all;
        if (words.some((_, i) => tokens.every((t, k) => words[i + k] === t))) out.add(r.id as number);
      }
    }
    return out;
  }

  private isCommon(c: Concept): boolean {
    if (this.facts.length < COMMON_MIN_FACTS) return false;
    return this.conceptDf(c) > this.facts.length * COMMON_SHARE;
  }

  /** How many facts a concept's words reach (counting a fact once per word). */
  private conceptDf(c: Pick<Concept, 'stems'>): number {
    return c.stems.reduce((n, x) => n + (this.df.get(x) ?? 0), 0);
  }

  private rarest(concepts: Concept[]): Concept {
    return concepts.reduce((a, b) => (this.conceptDf(b) < this.conceptDf(a) ? b : a));
  }

  /** The best candidates, each counted up once for every common concept its fact contains. */
  private rerank(weighed: Weighed[], common: Concept[]): void {
    for (const w of weighed.slice(0, RERANK)) {
      const stems = new Set(factText(this.facts[w.id]).flatMap(tokenize).map(this.stem));
      const held = common.filter((c) => c.stems.some((s) => stems.has(s)));
      w.holds.push(...held);
      w.score *= 1 + held.length;
    }
  }

  /** Base words one edit from a typed word (two in longer words), the closest only, as written. */
  private correct(word: string): string[] {
    let out = this.corrections.get(word);
    if (!out) {
      out = this.findCorrections(word);
      this.corrections.set(word, out);
    }
    return out;
  }

  private findCorrections(word: string): string[] {
    if (word.length < MIN_CORRECTED_LENGTH || /\p{N}/u.test(word)) return [];
    // A country's name is a word of its own: "Hungary" is not "hungry".
    if (this.isEnglishWord(word) || this.countries.has(this.stem(word))) return [];
    const long = word.length >= MIN_LONG_TYPO_LENGTH;
    const max = word.length >= MIN_TWO_EDIT_LENGTH ? 2 : 1;
    let best = max + 1;
    let out: string[] = [];
    // A typo keeps the first letter and, unless it drops it, the second (a swap of the two is
    // a transposition, tried elsewhere).
    for (const candidate of this.vocabulary.get(word.slice(0, 2)) ?? []) {
      if (Math.abs(candidate.length - word.length) > max) continue;
      // In a four-letter word only a dropped letter is read as a typo ("trde"): a changed one
      // too often makes another real word ("leak", "lead").
      if (word.length === 4 && candidate.length !== 5) continue;
      // A word that the candidate only lengthens is another word of its own ("india", "indian"),
      // unless the candidate is a name the facts give: "chunyin" is Hua Chunying cut short.
      if (candidate.startsWith(word) && !this.names.has(candidate)) continue;
      const d = editDistance(word, candidate, max);
      // Two edits in a shorter word make another word as often as a typo ("metres", "metals"),
      // unless the two are as long and sound alike ("sphear", "sphere").
      if (d === 2 && !long && (candidate.length !== word.length || !soundsAlike(word, candidate))) continue;
      if (d < best) [best, out] = [d, [candidate]];
      else if (d === best && d <= max) out.push(candidate);
    }
    return out;
  }

  /**
   * The base's word for another form of a word it never uses: "angrily" is "angry",
   * "description" is "describe", "durability" is "durable" (read as a correction).
   */
  private relative(word: string): string | undefined {
    if (word.length < 6 || /\p{N}/u.test(word)) return undefined;
    for (const [suffix, endings] of DERIVATIONS) {
      if (!word.endsWith(suffix)) continue;
      const root = word.slice(0, -suffix.length);
      if (root.length < 4) continue;
      for (const e of endings) if (!this.stopwords.has(root + e) && this.knows(root + e)) return root + e;
    }
    return undefined;
  }

  /**
   * A word the base never uses that is two of its words run together ("sinorussian",
   * "tradewar"), as those two words; never an English word of its own.
   */
  private split(word: string): string[] | undefined {
    if (word.length < MIN_SPLIT_LENGTH || /\p{N}/u.test(word) || this.english.has(this.stem(word))) return undefined;
    const usable = (part: string) => part.length >= 3 && !this.stopwords.has(part) && this.df.has(this.stem(part));
    let best: string[] | undefined;
    for (let i = 3; i <= word.length - 3; i++) {
      const [a, b] = [word.slice(0, i), word.slice(i)];
      // Of several ways to cut it, the one whose shorter part is longest.
      if (usable(a) && usable(b) && (!best || Math.min(a.length, b.length) > Math.min(best[0].length, best[1].length))) best = [a, b];
    }
    return best;
  }

  /**
   * Two typed words that are one word of the facts written apart ("co-operation",
   * "break through"), as that word, when one of them is not a word of the facts on its own.
   */
  private joined(tokens: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const [a, b] = [tokens[i], tokens[i + 1] ?? ''];
      const whole = a + b;
      const apart = !this.ownStems.has(this.stem(a)) || !this.ownStems.has(this.stem(b));
      if (b && apart && !this.stopwords.has(a) && !this.stopwords.has(b) && !/\p{N}/u.test(whole) && this.ownStems.has(this.stem(whole))) {
        out.push(whole);
        i++;
      } else out.push(a);
    }
    return out;
  }

  /** Is the concept a name the facts give (a person, a place), a number, or names only ("Xi and Putin")? */
  private isNameLike(c: Concept): boolean {
    return c.numeric || !!c.place || this.names.has(c.text) || c.text.split(' ').every((w) => this.names.has(w));
  }

  /** Is the concept one everyday word ("time", "way", "people"), too common in English to carry a question? */
  private isEveryday(c: Concept): boolean {
    // A phrase, or a word with synonyms in the vocabulary, is a concept of the base's own.
    if (c.parts || c.text.includes(' ') || c.stems.length > 1 || this.byStem.has(c.stems[0])) return false;
    return (this.english.get(this.stem(c.text)) ?? 0) >= EVERYDAY_SHARE;
  }

  /** Does the fact give a target or a forecast (its figure's kind, or a word of aiming in its claim: "set the goal of doubling")? */
  private statesAim(n: number): boolean {
    const fact = this.facts[n];
    if (fact.figure && (fact.figure.kind === 'target' || fact.figure.kind === 'forecast')) return true;
    return this.wordsOf(n).claim.some((w) => this.aimStems.has(this.stem(w)));
  }

  /** Does the fact state a sum of money: a figure in a currency, or a currency in its words? */
  private statesMoney(n: number): boolean {
    const fact = this.facts[n];
    return !!fact.figure?.currency || MONEY.test(`${fact.claim} ${fact.quote}`);
  }

  /** Does the fact state a share: a percentage, or a word of one ("share", "half", "a third") in its words? */
  private statesShare(n: number): boolean {
    const fact = this.facts[n];
    return fact.figure?.unit === 'percent' || SHARE.test(`${fact.claim} ${fact.quote}`);
  }

  /** Is the concept a word asking for a figure's total, value or unit ("total", "dollar"), which says nothing of what it measures? */
  private isFigureWord(c: Concept): boolean {
    return c.own.length > 0 && c.own.every((s) => this.figureWords.has(s));
  }

  /** Is the stem one of a word asking for a figure's total, value or unit (`figure_words`)? The query reader asks too. */
  isFigureStem(stem: string): boolean {
    return this.figureWords.has(stem);
  }

  /** Is the word common enough in English to be a word of its own, not a typo? */
  private isEnglishWord(word: string): boolean {
    return (this.english.get(this.stem(word)) ?? 0) >= ENGLISH_REAL_WORD_SHARE;
  }

  /** Of several corrections, the one the base uses most, if clearly so (twice as often as the next). */
  private likeliest(words: string[]): string | undefined {
    if (words.length <= 1) return words[0];
    const ranked = words.map((w) => ({ w, n: this.df.get(this.stem(w)) ?? 0 })).sort((a, b) => b.n - a.n);
    return ranked[0].n >= 2 * ranked[1].n ? ranked[0].w : undefined;
  }

  /**
   * Is the word one only askers used (asked.yaml), never a fact or the vocabulary? Askers
   * misspell too: "vladivostock" is read as the base's "vladivostok" when it is one edit away.
   */
  private onlyAsked(word: string): boolean {
    const s = this.stem(word);
    return this.askedOnlyStem(s) && !this.phraseWords.has(word) && !this.byStem.has(s) && !this.stopwords.has(word);
  }

  /** Is the stem in the base only through asked.yaml's questions, never in a fact's own words? */
  private askedOnlyStem(s: string): boolean {
    return this.df.has(s) && !this.ownStems.has(s);
  }

  /** Is a typed word one the base or the vocabulary knows (so no correction is needed)? */
  private knows(word: string): boolean {
    return (
      this.stopwords.has(word) ||
      this.df.has(this.stem(word)) ||
      /\p{N}/u.test(word) ||
      this.phraseWords.has(word) ||
      this.byStem.has(this.stem(word)) ||
      this.offDomain.has(word)
    );
  }

  /** How many facts an unknown word weighs as: few for a rare word, many for an everyday one. */
  private englishDf(s: string, every = ENGLISH_EVERY_FACT_SHARE): number {
    const share = this.english.get(s) ?? 0;
    // Rarer than this, a word names a topic of its own ("earthquake", "hotels"): it weighs in full.
    if (share < ENGLISH_TOPIC_SHARE) return 0;
    return this.facts.length * Math.min(1, share / every);
  }

  /** What a fact lacking a known word loses: at most what the word tells in English. */
  private costOf(weight: number, own: string[]): number {
    if (own.length !== 1 || this.english.size === 0) return weight;
    return Math.min(weight, this.weightOf(this.englishDf(own[0], ENGLISH_KNOWN_SHARE)));
  }

  /** How much finding a concept reaching `df` facts tells; a word the base never uses tells most. */
  private weightOf(df: number): number {
    return Math.log(1 + this.facts.length / Math.max(df, UNKNOWN_DF));
  }

  private concepts(question: string): Concept[] {
    let concepts = this.recent.get(question);
    if (!concepts) {
      concepts = this.readConcepts(question);
      this.recent.set(question, concepts);
    }
    return concepts;
  }

  private readConcepts(question: string): Concept[] {
    // A word nobody uses here is first read as the base word it is one typo from, so a
    // corrected word finds its synonyms too.
    const fixedAt = new Set<number>();
    const tokens = this.joined(tokenize(question).slice(0, 200))
      .flatMap((t) => (this.knows(t) || this.correct(t).length > 0 || this.relative(t) ? [t] : (this.split(t) ?? [t])))
      .map((t, i) => {
        if (this.knows(t) && !this.onlyAsked(t)) return t;
        const fixed = this.likeliest(this.correct(t)) ?? this.relative(t);
        if (!fixed) return t;
        fixedAt.add(i);
        return fixed;
      });
    const concepts: Concept[] = [];
    for (let i = 0; i < tokens.length && concepts.length < MAX_CONCEPTS; ) {
      const away = this.offDomain.get(tokens[i])?.find((e) => e.every((t, k) => tokens[i + k] === t));
      if (away) {
        concepts.push(this.offDomainConcept(away));
        i += away.length;
        continue;
      }
      // A one-word entry matches any form of the word ("navies" for "navy").
      const phrase =
        this.phrasesByFirst.get(tokens[i])?.find((p) => p.tokens.every((t, k) => tokens[i + k] === t)) ??
        (this.stopwords.has(tokens[i]) ? undefined : this.byStem.get(this.stem(tokens[i])));
      if (phrase) {
        const stems = phrase.stems.filter((s) => this.df.has(s));
        const generic = phrase.stems.every((s) => this.generic.has(s) || this.stopwords.has(s));
        const own = phrase.tokens.filter((t) => !this.stopwords.has(t)).map(this.stem);
        const held =
          !phrase.whole && own.length >= 2 && phrase.synonyms
            ? { synonyms: phrase.synonyms.filter((s) => this.df.has(s)), words: own }
            : undefined;
        // A name reaches at most as many facts as its rarest word; a phrase held as a phrase,
        // those and the facts its synonyms reach.
        const rarestOf = (words: string[]) => Math.min(...words.map((x) => this.df.get(x) ?? 0));
        const df = phrase.whole
          ? rarestOf(stems)
          : held
            ? Math.min(rarestOf(own) + this.conceptDf({ stems: held.synonyms }), this.facts.length)
            : Math.min(this.conceptDf({ stems }), this.facts.length);
        const fixed = phrase.tokens.some((_, k) => fixedAt.has(i + k));
        const weight = this.weightOf(df);
        concepts.push({
          text: phrase.tokens.join(' '),
          stems,
          generic,
          weight,
          cost: this.costOf(weight, own),
          known: stems.length > 0,
          corrected: fixed,
          numeric: false,
          own,
          whole: phrase.whole && stems.length === phrase.stems.length,
          phrase: held,
          place: this.places.has(own.join(' ')),
          country: phrase.country || this.countries.has(own.join(' ')),
        });
        i += phrase.tokens.length;
        continue;
      }
      const fixed = fixedAt.has(i);
      const word = tokens[i++];
      if (this.stopwords.has(word)) continue;
      const s = this.stem(word);
      const numeric = /^\p{N}+$/u.test(word);
      // A lone letter the facts never use is shorthand ("w/", "a.k.a."), not a topic, whatever askers typed.
      if (word.length === 1 && !numeric && !this.ownStems.has(s)) continue;
      let stems = [s];
      let corrected = fixed;
      if (!this.df.has(s) && !numeric) {
        // Several base words one typo away: all of them, as a weaker concept.
        // A swap in a short word makes another word too often ("wto" is not "two").
        const swapped =
          this.isEnglishWord(word) || word.length < MIN_CORRECTED_LENGTH ? [] : transpositions(s).filter((t) => this.df.has(t));
        // Several base words one typo from a short word are a guess too many.
        const fixes = this.correct(word);
        stems = swapped.length > 0 ? swapped : fixes.length === 1 || word.length >= 6 ? [...new Set(fixes.map(this.stem))] : [];
        corrected = stems.length > 0;
        if (!corrected) stems = [s];
      }
      const known = stems.some((x) => this.df.has(x));
      // A word only askers used (asked.yaml) is one the facts never say: lacking it costs as an unknown word does.
      const askersOnly = !numeric && !corrected && this.askedOnlyStem(s);
      const df = known ? Math.min(this.conceptDf({ stems }), this.facts.length) : this.englishDf(s);
      const weight = this.weightOf(df);
      const cost = askersOnly ? this.weightOf(this.englishDf(s)) : known && !numeric && !corrected ? this.costOf(weight, [s]) : weight;
      concepts.push({
        text: word,
        stems,
        // A year the question names is never generic: a fact about another year lacks it.
        generic: !numeric && stems.every((x) => this.generic.has(x)),
        weight,
        cost,
        known,
        corrected,
        numeric,
        own: stems,
        place: this.places.has(s),
        country: this.countries.has(s),
        askersOnly,
      });
    }
    // The same concept twice adds nothing.
    const seen = new Set<string>();
    return this.compounds(concepts.filter((c) => !seen.has(c.stems.join(' ')) && seen.add(c.stems.join(' '))));
  }

  /**
   * A word or phrase of a topic the base does not cover ("hotels", "best time to visit"): it
   * means only itself (no synonym, expansion or correction), and it carries the question: a
   * fact holds it only by saying it, and one lacking it loses its full weight.
   */
  private offDomainConcept(tokens: string[]): Concept {
    const own = tokens.filter((t) => !this.stopwords.has(t)).map(this.stem);
    // A phrase ("how to learn") is never held: its words alone ("learn") are another matter.
    const stems = tokens.length === 1 && own.length === 1 && this.df.has(own[0]) ? own : [];
    const df = stems.length > 0 ? Math.min(...stems.map((x) => this.df.get(x) as number)) : UNKNOWN_DF;
    const weight = this.weightOf(df);
    return {
      text: tokens.join(' '),
      stems: stems.length > 0 ? stems : [tokens.join(' ')],
      generic: false,
      weight,
      cost: this.weightOf(UNKNOWN_DF),
      known: stems.length > 0,
      corrected: false,
      numeric: false,
      own: stems,
      whole: true,
      offDomain: true,
    };
  }

  /**
   * Words the base uses side by side ("nuclear power plant", "trade war") are one idea: one
   * concept, held only by a fact with all of them, weighing as its rarest word.
   */
  private compounds(concepts: Concept[]): Concept[] {
    if (this.bigrams.size === 0) return concepts;
    const single = (c: Concept) => c.known && !c.generic && !c.numeric && c.own.length === 1 && !c.whole && !c.parts;
    const out: Concept[] = [];
    for (const c of concepts) {
      const last = out[out.length - 1];
      const parts = last?.parts ?? (last ? [last] : []);
      const run = [...parts.map((p) => p.own[0]), c.own[0]].join(' ');
      if (last && single(c) && parts.length < 3 && parts.every(single) && this.bigrams.has(run)) {
        const all = [...parts, c];
        out[out.length - 1] = {
          text: all.map((p) => p.text).join(' '),
          stems: [...new Set(all.flatMap((p) => p.stems))],
          own: all.map((p) => p.own[0]),
          generic: false,
          weight: Math.max(...all.map((p) => p.weight)),
          cost: Math.max(...all.map((p) => p.cost)),
          known: true,
          corrected: all.some((p) => p.corrected),
          numeric: false,
          parts: all,
        };
      } else out.push(c);
    }
    return out;
  }
}

/** Does a fact whose matching terms are `terms` hold the concept? */
function isHeld(c: Concept, terms: Set<string>): boolean {
  if (c.parts) return c.parts.every((p) => isHeld(p, terms));
  if (c.phrase) return c.phrase.synonyms.some((s) => terms.has(s)) || c.phrase.words.every((s) => terms.has(s));
  return c.whole ? c.stems.every((s) => terms.has(s)) : c.stems.some((s) => terms.has(s));
}

interface Weighed {
  id: number;
  score: number;
  /** The question's concepts this fact holds. */
  holds: Concept[];
  /** Those it holds only through questions asked of it (knowledge/asked.yaml). */
  askedOnly: Concept[];
  /** Their share of the question's weight. */
  information: number;
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
  /** Words curators wrote for the fact (knowledge/aliases.yaml). */
  aliases: string;
  /** Questions people asked that the fact answers (knowledge/asked.yaml). */
  asked: string;
}

function toIndexed(fact: Fact, n: number, aliases: string[], asked: string[]): IndexedFact {
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
    aliases: added(aliases.join(' ')),
    // Each word once: a word many askers used must not outweigh the fact's own words.
    asked: [...new Set(added(asked.join(' ')).split(' '))].join(' '),
  };
}

function orOf(queries: (Query | string)[]): Query {
  return { queries, combineWith: 'OR' } as Query;
}
