/**
 * Question understanding, once, in the core: the text becomes a typed query (what kind of
 * answer it wants, the periods, measures, sources, people and phrases it names, and the
 * words left for the search). The vocabulary is data: intents, phrases and source names in
 * knowledge/search.yaml, measure names in knowledge/measures.yaml.
 */
import type { Intent, Knowledge } from '../knowledge/types.ts';
import { ORDINAL_WORDS } from '../numbers.ts';
import type { SearchEngine } from '../search/engine.ts';
import { ENGLISH_STOP_WORDS, tokenize, withIrregularForms } from '../search/text.ts';
import { VERIFY_RULES } from '../verify/rules.ts';
import { type AskedPeriod, findPeriods } from './periods.ts';

export interface Understood {
  /** What kind of answer the question wants; `lookup` when it says nothing special. */
  intent: Intent | 'lookup';
  periods: AskedPeriod[];
  /** Measures the question names, most specific first, in groups of equal specificity. */
  measures: string[][];
  /** Source ids the question names ("according to Ruehl"). */
  sources: string[];
  /** Speakers in the base the question names. */
  people: string[];
  /** People the facts name but never quote, whose words the question asks for ("what did Zelensky say"). */
  unquoted: string[];
  /** Quoted phrases and known phrases, to match as phrases. */
  phrases: string[];
  /** The question for the search: source names out, periods reduced to their years. */
  searchText: string;
  /** Meaningful words that neither a measure, a period nor an intent cue explains. */
  unexplained: string[];
  /** The question names a measure by a name of two words or more and says nothing else. */
  wholeName: boolean;
  /** The word a "who …" question asks about ("who founded", "who heads"): an answer must hold it. */
  relation?: string;
  /** The question asks for an amount ("how many", "what share"): an answer must state one; an exact one ("exactly how many") in figures. */
  asksAmount: boolean | 'exact';
  /** The topic of "what did <speaker> say about …" ("say about the Taiwan Strait": taiwan): an answer must hold it. */
  about?: string;
  /** The question asks what came to pass ("did trade hit the target"): a target or a forecast does not answer it. */
  asksActual: boolean;
  /** The question asks for a sum of money ("in dollar terms"): a share or a count does not answer it. */
  asksMoney: boolean;
  /** The question asks for a share ("what percentage"): a sum of money or a count does not answer it. */
  asksShare: boolean;
  /** The question asks what kinds of a thing there are ("what kinds of hardware"): a fact listing several ranks higher. */
  asksKinds: boolean;
  /** The thing a "how many" question counts ("how many Chinese soldiers": soldiers): an answer must give a number of it. */
  counted?: string;
  /** The question asks who wrote or published a source ("who wrote the Geopolitics article"): the registry says, no fact. */
  asksByline: boolean;
  /** The question asks for a city ("in which Swiss city"): an answer must name one. */
  asksCity: boolean;
  /** The question asks for a name ("the name of the pipeline"): an answer must name something the question does not. */
  asksName: boolean;
  /** The question asks which person ("which Japanese prime minister"): an answer must name one. */
  asksPerson: boolean;
  /** The question asks which company or body ("which companies formed the venture"): an answer must name one. */
  asksOrganisation: boolean;
  /** The question asks for a post ("what post did he hold"): an answer must name one the question does not. */
  asksPost: boolean;
  /** The question asks what came of an event ("the outcome of the talks"): a fact telling only of its plan does not answer. */
  asksOutcome: boolean;
  /** The question asks for one thing on its own ("coal alone"): a fact giving it only with others in a list does not answer. */
  asksAlone: boolean;
  /** The question asks how long something lasts ("how many years does the deal run"): an answer must state a span of time. */
  asksDuration: boolean;
  /** The question asks for a year ("in what year") or a day ("on what dates"): an answer must name one, not a decade or "during". */
  asksDate?: 'year' | 'day';
  /** The question asks who holds a post now ("who heads the PLA Navy right now"): the dated articles cannot say. */
  asksWhoNow: boolean;
  /** What the question asks about the time before ("before Carnegie", "prior to joining Defense Priorities"). */
  before?: string;
  /** Countries other than China and Russia it names as a measure's partner ("trade with Ukraine", "US-China trade"). */
  partners: string[];
  /** The word naming the measure of a question that also names a period ("trade in 2024"): an answer must say it. */
  measureWord?: string;
  /** A post between two countries, in the question's order ("China's ambassador to Russia"): whose post, the post, where. */
  envoy?: [string, string, string];
}

/** When several intents are cued, the first of these wins. */
const PRIORITY: Intent[] = ['compare', 'latest', 'who-said', 'when', 'figure', 'list', 'explain'];
const WILDCARD_MAX = 6;
/** A title this short could be a question's own words. */
const MIN_TITLE_WORDS = 4;
/** Words of change; their synonyms in search.yaml count too. */
const CHANGE_WORDS = ['grow', 'change', 'fell'];
/** Words that tie a country to a measure as its partner ("trade with Ukraine", "imports from Japan"). */
const PARTNER_LINKS = new Set(['with', 'from', 'to', 'between', 'vs', 'versus']);
/** Words after which a lower-case "us" is the pronoun ("tell us", "for us"). */
const BEFORE_PRONOUN = new Set(['tell', 'show', 'give', 'help', 'let', 'send', 'teach', 'remind', 'explain', 'for', 'to', 'with']);
/** "us" is the United States when written so, or joined to China or Russia ("us-china"). */
const US_WRITTEN = [/\bU\.?S\b/, /\bus\s*[-–—/]\s*(?:china|russia)\b|\b(?:china|russia)\s*[-–—/]\s*us\b/i];
/** Verbs of holding a post ("what post did he hold"). */
const HOLDING = new Set(['hold', 'holds', 'held', 'holding', 'occupy', 'occupies', 'occupied']);
/** Adverbs that may stand between a relation cue and the verb it asks about ("when did Xi first become"). */
const ADVERBS = new Set([
  'first',
  'finally',
  'originally',
  'initially',
  'officially',
  'formally',
  'eventually',
  'last',
  'actually',
  'really',
]);
/**
 * Verbs of saying that "about" may follow ("what did Zhao say about…"). Narrower than
 * SPEECH_STEMS, which also holds "call", "warn", "name": "named … about" is not a topic asked.
 */
const SAYING = new Set('say said says saying tell told tells telling think thinks thought write wrote writes'.split(' '));
/** How many words after a verb of saying its "about" may stand ("say at the June briefing about"). */
const ABOUT_REACH = 8;
/** Units and currencies an amount is counted in (the words `verify` reads figures by): "how many bn" asks for an amount, not a number of things. */
const UNIT_WORDS = [
  ...Object.values(VERIFY_RULES.units).flat(),
  ...VERIFY_RULES.thousand,
  ...Object.values(VERIFY_RULES.currencies).flat(),
];
/** How many words after "current" a post may stand ("current Russian defence minister"). */
const CURRENT_REACH = 3;
/** How many words before its link word ("with", "from") a measure's word may stand: "trade volume in 2022 with". */
const PARTNER_REACH = 4;
/** Words that may stand between "still" and a post ("still the spokesperson"). */
const ARTICLES = new Set(['the', 'a', 'an']);
/** A question opening with one of these asks more than a figure ("what does China sell to Russia"). */
const QUESTION_WORDS = new Set(['what', 'which', 'who', 'why', 'how', 'where', 'when', 'does', 'do', 'did', 'is', 'are']);
/** Verbs that report what someone said, as stems: a claim using one after a name quotes that person. */
const SPEECH_STEMS = new Set([
  'sai',
  'said',
  'say',
  'tell',
  'told',
  'call',
  'promis',
  'pledg',
  'vow',
  'warn',
  'urg',
  'name',
  'describ',
  'accus',
  'insist',
  'argu',
  'state',
  'declar',
  'announc',
  'claim',
  'stress',
  'prais',
]);
/** How many words after a name a reporting verb may come ("Under Biden, the US has repeatedly named…"). */
const SPEECH_WINDOW = 8;
/** In a relation cue, where a name the facts give stands ("when did <name>"). */
const NAME_SLOT = '<name>';
/**
 * "…before Carnegie", "…prior to joining Defense Priorities": to the end of the clause, or to the
 * verb of a question that goes on ("how long before the invasion did they sign…").
 */
const BEFORE = /\b(?:before|prior to)\s+((?:(?!\b(?:did|do|does|was|were|is|are|has|have|had|will)\b)[^,;:?!.])+)/i;
/** A preamble about the asker ("I'm comparing periods for my briefing:") before a colon or a dash, then the question. */
const PREAMBLE = /^[^:—?]{0,120}\b(?:i|i'm|im|my|we|our|me)\b[^:—?]{0,120}(?::|\s—)\s+(?=\S+\s+\S)/i;
const QUOTED = /["“”«»]([^"“”«»]{2,80})["“”«»]/g;
/**
 * An ordinal the base never writes in digits is searched the way facts write it: a small one
 * as its word ("3rd": "the Third Belt and Road Forum"), a large one as its number ("75th": "75 years").
 */
const ORDINAL = /^(\p{N}+)(?:st|nd|rd|th)$/u;
const ORDINALS_IN_TEXT = /\b\p{N}+(?:st|nd|rd|th)\b/giu;

interface Sequence<T> {
  tokens: string[];
  value: T;
}

export class QueryReader {
  private readonly cues: Sequence<Intent>[] = [];
  private readonly sourceNames: Sequence<string>[] = [];
  private readonly knownPhrases: Sequence<string>[] = [];
  /** Each measure name as its words, each word with its one-word synonyms ("china exports russia": "chinese shipments russia"). */
  private readonly measureNames: { stems: string[]; alternatives: Set<string>[]; measure: string }[] = [];
  /** Speakers by each word of their name ("zhao", "lijian" → "Zhao Lijian"). */
  private readonly speakers = new Map<string, string>();
  /** People the facts name but never quote, by each word of their name. */
  private readonly unquotedPeople = new Map<string, string>();
  /** Words of change ("grow", "rise", "fell"… and their synonyms): a change across a range of years compares its ends. */
  private readonly changeStems: Set<string>;
  /** Ordinals the base writes as such ("20th century"): searched as typed. */
  private readonly ordinals = new Set<string>();
  /** Openings whose next word is what the question asks about ("who" + "founded"). */
  private readonly relationCues: string[][];
  /** Cues of a question asking for an amount ("how many"), and for an exact one ("exactly"). */
  private readonly amountCues: string[][];
  private readonly exactCues: string[][];
  /** Phrases that frame a question and are never searched ("so I was wondering", "last year"). */
  private readonly fillers: string[][];
  /** Cues of a question about a source's byline or date ("who wrote", "when was * published"). */
  private readonly bylineCues: string[][];
  /** Openings of a sentence about the asker ("I need it for a note"), not about the topic. */
  private readonly askerCues: string[][];
  /** Cues of a question asking what came to pass ("did trade hit the target"), not what was aimed at. */
  private readonly actualCues: string[][];
  /** Cues of a question asking for a sum of money ("in dollar terms"). */
  private readonly moneyCues: string[][];
  /** Cues of a question asking for a share ("what percentage"). */
  private readonly shareCues: string[][];
  /** Cues of a question asking what kinds of a thing there are ("what types of"). */
  private readonly kindsCues: string[][];
  /** Cues of a question asking for a city ("which city"), or a name ("name of"). */
  private readonly cityCues: string[][];
  private readonly nameCues: string[][];
  private readonly personCues: string[][];
  private readonly organisationCues: string[][];
  private readonly postCues: string[][];
  private readonly outcomeCues: string[][];
  private readonly aloneCues: string[][];
  private readonly durationCues: string[][];
  /** Cues of a question asking for a year ("in what year"), or a day ("on what date"). */
  private readonly yearCues: string[][];
  private readonly dateCues: string[][];
  private readonly presentCues: string[][];
  /** The one-word present cues ("still"), and "current", which name the present right before a post. */
  private readonly presentWords: Set<string>;
  /**
   * Stems of the words naming a post ("ambassador") and of their one-word synonyms ("amb"): with a
   * present cue, what post someone holds now is asked; between two countries, whose post it is.
   */
  private readonly postStems: Set<string>;
  /** Capitals that stand for their country in a post, as tokens joined by spaces, with the country. */
  private readonly capitals: Map<string, string>;
  /** Stems of UNIT_WORDS, so "billions" is "billion". */
  private readonly unitStems: Set<string>;
  /** English stop words and the base's own (search.yaml). */
  private readonly stopwords: Set<string>;

  constructor(
    knowledge: Pick<Knowledge, 'facts' | 'vocabulary' | 'sources'>,
    private readonly engine: SearchEngine,
  ) {
    const v = knowledge.vocabulary;
    this.stopwords = withIrregularForms([...ENGLISH_STOP_WORDS, ...v.stopwords]);
    this.unitStems = new Set(UNIT_WORDS.map(engine.stem));
    const cues = (list: string[] | undefined) => (list ?? []).map(cueTokens).filter((t) => t.length > 0);
    this.relationCues = cues(v.relation_cues);
    this.amountCues = cues(v.amount_cues);
    this.exactCues = cues(v.exact_cues);
    this.fillers = cues(v.fillers);
    this.bylineCues = cues(v.byline_cues);
    this.askerCues = cues(v.asker_cues);
    this.actualCues = cues(v.actual_cues);
    this.moneyCues = cues(v.money_cues);
    this.shareCues = cues(v.share_cues);
    this.kindsCues = cues(v.kinds_cues);
    this.cityCues = cues(v.city_cues);
    this.nameCues = cues(v.name_cues);
    this.personCues = cues(v.person_cues);
    this.organisationCues = cues(v.organisation_cues);
    this.postCues = cues(v.post_cues);
    this.outcomeCues = cues(v.outcome_cues);
    this.aloneCues = cues(v.alone_cues);
    this.durationCues = cues(v.duration_cues);
    this.yearCues = cues(v.year_cues);
    this.dateCues = cues(v.date_cues);
    this.presentCues = cues(v.present_cues);
    this.postStems = new Set((v.post_words ?? []).flatMap(tokenize).flatMap((w) => engine.equivalents(engine.stem(w))));
    this.capitals = new Map(Object.entries(v.capitals ?? {}).map(([city, country]) => [tokenize(city).join(' '), country]));
    this.presentWords = new Set(['current', ...this.presentCues.filter((c) => c.length === 1).map((c) => c[0])]);
    this.changeStems = new Set(CHANGE_WORDS.flatMap((w) => engine.equivalents(engine.stem(w))));
    for (const intent of PRIORITY) for (const cue of v.intents?.[intent] ?? []) this.cues.push({ tokens: cueTokens(cue), value: intent });
    for (const [id, names] of Object.entries(v.source_names ?? {}))
      for (const n of names) this.sourceNames.push({ tokens: tokenize(n), value: id });
    // A source's title typed in full names it ("the 'What Drives Sino-Russian Rapprochement?' piece").
    for (const [id, source] of knowledge.sources) {
      const title = source.title ? tokenize(source.title) : [];
      if (title.length >= MIN_TITLE_WORDS) this.sourceNames.push({ tokens: title, value: id });
    }
    this.sourceNames.sort((a, b) => b.tokens.length - a.tokens.length);
    const phrases = new Set(v.phrases ?? []);
    // A phrase a claim quotes ("sky is the limit") is a known phrase.
    for (const f of knowledge.facts.slice(0, 5000)) for (const m of f.claim.matchAll(QUOTED)) phrases.add(m[1].toLowerCase());
    for (const p of phrases) {
      const tokens = tokenize(p);
      if (tokens.length >= 2 && tokens.length <= 8) this.knownPhrases.push({ tokens, value: p });
    }
    for (const [measure, names] of Object.entries(v.measureNames ?? {})) {
      for (const n of names) {
        const stems = tokenize(n)
          .filter((t) => !ENGLISH_STOP_WORDS.has(t))
          .map(engine.stem);
        this.measureNames.push({ stems, alternatives: stems.map((x) => new Set(engine.equivalents(x))), measure });
      }
    }
    for (const f of knowledge.facts.slice(0, 5000)) {
      for (const text of [f.claim, f.quote]) for (const m of text.matchAll(ORDINALS_IN_TEXT)) this.ordinals.add(m[0].toLowerCase());
      if (!f.saidBy) continue;
      for (const w of tokenize(f.saidBy)) if (w.length >= 3 && !this.speakers.has(w)) this.speakers.set(w, f.saidBy);
    }
    // A person whose words a claim reports ("Biden took office promising…") is quoted too.
    const reported = new Set<string>();
    for (const f of knowledge.facts.slice(0, 5000)) {
      const words = tokenize(f.claim);
      for (const person of f.people) {
        const name = new Set(tokenize(person));
        const at = words.findIndex((w) => name.has(w));
        if (at >= 0 && words.slice(at + 1, at + 1 + SPEECH_WINDOW).some((w) => SPEECH_STEMS.has(engine.stem(w)))) reported.add(person);
      }
    }
    for (const f of knowledge.facts.slice(0, 5000))
      for (const person of f.people) {
        if (reported.has(person)) continue;
        for (const w of tokenize(person))
          if (w.length >= 4 && !this.speakers.has(w) && !ENGLISH_STOP_WORDS.has(w)) this.unquotedPeople.set(w, person);
      }
  }

  /** The word after a relation cue that opens the question ("who founded", "when did Mishustin become"). */
  private relationAfter(tokens: string[]): string | undefined {
    for (const cue of this.relationCues) {
      let at = 0;
      const fits = cue.every((t) => {
        const n = t === NAME_SLOT ? this.engine.nameLength(tokens, at) : tokens[at] === t ? 1 : 0;
        at += n;
        return n > 0;
      });
      if (fits) return ADVERBS.has(tokens[at]) ? tokens[at + 1] : tokens[at];
    }
    return undefined;
  }

  /**
   * The word a measure the question names is known by: of the name holding its first measure
   * word, the word the fewest facts hold ("arms" of "share of arms imports", not "share").
   */
  private measureWordOf(tokens: string[], nameWords: Set<string>[]): string | undefined {
    const first = tokens.find((t) => nameWords.some((n) => n.has(this.engine.stem(t))));
    if (first === undefined) return undefined;
    const name = nameWords.find((n) => n.has(this.engine.stem(first))) as Set<string>;
    const held = (w: string) => this.engine.factsHolding(this.engine.stem(w));
    return tokens.filter((t) => name.has(this.engine.stem(t))).reduce((best, w) => (held(w) < held(best) ? w : best), first);
  }

  /** Does the question ask for an amount ("how many"), an exact one ("exactly how many")? */
  private asksAmount(tokens: string[]): boolean | 'exact' {
    if (!cuedBy(tokens, this.amountCues)) return false;
    return cuedBy(tokens, this.exactCues) ? 'exact' : true;
  }

  /** Does the sentence speak of the asker ("need the name for a note", "I am mostly interested in…") rather than ask? */
  speaksOfAsker(sentence: string): boolean {
    return cuedBy(tokenize(sentence), this.askerCues);
  }

  read(asked: string): Understood {
    // "I'm comparing periods for a briefing note: how did…": what the asker says of themselves before a colon or a dash frames the question.
    const question = asked.replace(PREAMBLE, '');
    const quoted = [...question.matchAll(QUOTED)].map((m) => m[1].trim().toLowerCase());
    const found = findPeriods(question);
    let periods = found.periods;
    const dated = found.text;
    let tokens = tokenize(dated).map((t) =>
      this.ordinals.has(t) ? t : t.replace(ORDINAL, (_, n: string) => ORDINAL_WORDS[Number(n) - 1] ?? n),
    );

    const sources: string[] = [];
    // A source's name as written: "geopolitical" is not The Geopolitics.
    tokens = cut(tokens, this.sourceNames, (id) => sources.includes(id) || sources.push(id));
    // A source's title in quotes names the source; it is not a phrase a fact must hold.
    const titles = new Set(this.sourceNames.filter((n) => sources.includes(n.value)).map((n) => n.tokens.join(' ')));
    const phrases = quoted.filter((p) => !titles.has(tokenize(p).join(' ')));
    const present = new Set(tokens);
    // Only cues and phrases whose words all occur are tried in full.
    const possible = (pattern: string[]) => pattern.every((t) => t === '*' || t === '^' || present.has(t));
    const cued = new Set<string>();
    const intents = new Set<Intent>();
    // A cue with a wildcard is the question's frame ("what role * play"): its words are not searched.
    const frame = new Set<number>();
    // The words a "what did * say" cue's wildcard covers: whose words the question asks for.
    const whose: string[] = [];
    for (const cue of this.cues) {
      const at = possible(cue.tokens) ? matchAt(tokens, cue.tokens) : undefined;
      if (!at) continue;
      intents.add(cue.value);
      for (const i of at) cued.add(tokens[i]);
      if (cue.tokens.includes('*')) for (const i of at) frame.add(i);
      if (cue.value === 'who-said' && cue.tokens.includes('*')) whose.push(...tokens.slice(at[0] + 1, at[at.length - 1]));
    }
    // Fillers ("so I was wondering", "last year", "besides * what") frame the question too:
    // never searched, the words a wildcard stands for included.
    for (const filler of this.fillers) {
      const at = possible(filler) ? matchAt(tokens, filler) : undefined;
      if (at) for (let i = at[0]; i <= at[at.length - 1]; i++) frame.add(i);
    }
    // "What post did he hold": the post asked for is no word an answer must say (it must name a post).
    for (const cue of this.postCues) {
      const at = possible(cue) ? matchAt(tokens, cue) : undefined;
      if (at) for (const i of at) frame.add(i);
      if (at) tokens.forEach((t, i) => HOLDING.has(t) && frame.add(i));
    }
    // "Tell us about sanctions": "us" after a verb or a preposition is the pronoun, not the
    // United States, unless written "US".
    const written = US_WRITTEN.some((w) => w.test(question));
    const pronoun = (i: number) => tokens[i] === 'us' && !written && BEFORE_PRONOUN.has(tokens[i - 1]);
    const searchText = tokens.filter((_, i) => !frame.has(i) && !pronoun(i)).join(' ');
    if (periods.length >= 2) intents.add('compare');
    let intent: Understood['intent'] = PRIORITY.find((i) => intents.has(i)) ?? 'lookup';

    for (const p of this.knownPhrases)
      if (possible(p.tokens) && matchAt(tokens, p.tokens) && !phrases.includes(p.value)) phrases.push(p.value);
    const people = [...new Set(tokens.map((t) => this.speakers.get(t)).filter((p): p is string => !!p))];
    const unquoted = whose.some((t) => this.speakers.has(t))
      ? []
      : [...new Set(whose.map((t) => this.unquotedPeople.get(t)).filter((p): p is string => !!p))];

    // "According to" credits a source: its "accord" is no agreement, so it names no deal's value.
    const stems = this.engine.stemsOf(tokens.filter((t, i) => !(t === 'according' && tokens[i + 1] === 'to')).join(' '));
    const matched = new Map<number, Set<string>>();
    const explained = new Set<string>();
    // The question's own words a measure's name matched as written (not through a synonym, not "china").
    const measureWords = new Set<string>();
    // The words of each name matched, so the word a measure is known by is chosen within one name.
    const nameWords: Set<string>[] = [];
    // The longest measure name matched, in words: a name of two or more said alone asks for its figures.
    let longest = 0;
    for (const name of this.measureNames) {
      const at = inOrder(stems, name.alternatives);
      if (!at) continue;
      // How specific a name is counts its own words: "china russia trade" is no more than "trade".
      const specific = name.stems.filter((x) => !this.engine.isListedGeneric(x)).length;
      const group = matched.get(specific) ?? new Set<string>();
      group.add(name.measure);
      matched.set(specific, group);
      longest = Math.max(longest, name.stems.length);
      const own = new Set<string>();
      for (const s of at) {
        explained.add(s);
        if (name.stems.includes(s) && !this.engine.isListedGeneric(s)) {
          measureWords.add(s);
          own.add(s);
        }
      }
      nameWords.push(own);
    }
    const measures = [...matched.entries()].sort((a, b) => b[0] - a[0]).map(([, ids]) => [...ids]);
    // "How much did energy imports grow from 2021 to 2022", "how did trade change between 2018
    // and 2022": a change across a range of years is a comparison of its two ends.
    const change = stems.filter((s) => this.changeStems.has(s));
    const ends = periods.length === 1 ? /^(\d{4})–(\d{4})$/.exec(periods[0].label) : null;
    if (ends && measures.length > 0 && (change.length > 0 || intent === 'compare') && ['lookup', 'figure', 'compare'].includes(intent)) {
      periods = [ends[1], ends[2]].map((y) => ({ start: `${y}-01-01`, end: `${y}-12-31`, label: y }));
      intent = 'compare';
      for (const s of change) explained.add(s);
    }
    for (const p of periods) for (const y of [p.start.slice(0, 4), p.end.slice(0, 4)]) explained.add(y);
    for (const c of cued) explained.add(this.engine.stem(c));
    // "the total dollar value of trade in 2020": with a measure named, these ask only for its figure.
    if (measures.length > 0) for (const s of stems) if (this.engine.isFigureStem(s)) explained.add(s);
    const unexplained = this.engine.meaningfulWords(searchText).filter((w) => !this.engine.stemsOf(w).every((s) => explained.has(s)));
    const after = this.relationAfter(tokens);
    const relation = after && !ENGLISH_STOP_WORDS.has(after) && !cued.has(after) ? after : undefined;
    return {
      intent,
      periods,
      measures,
      sources,
      people,
      unquoted,
      phrases,
      searchText,
      unexplained,
      wholeName: longest >= 2 && unexplained.length === 0 && !QUESTION_WORDS.has(tokens[0]),
      relation,
      asksAmount: this.asksAmount(tokens),
      counted: this.countedOf(tokens),
      about: this.aboutOf(tokens),
      asksActual: cuedBy(tokens, this.actualCues),
      asksMoney: cuedBy(tokens, this.moneyCues),
      asksShare: cuedBy(tokens, this.shareCues),
      asksKinds: cuedBy(tokens, this.kindsCues),
      asksByline: cuedBy(tokens, this.bylineCues),
      asksCity: cuedBy(tokens, this.cityCues),
      asksName: cuedBy(tokens, this.nameCues),
      asksPerson: cuedBy(tokens, this.personCues),
      asksOrganisation: cuedBy(tokens, this.organisationCues),
      asksPost: cuedBy(tokens, this.postCues),
      asksOutcome: cuedBy(tokens, this.outcomeCues),
      asksAlone: cuedBy(tokens, this.aloneCues),
      asksDuration: cuedBy(tokens, this.durationCues),
      asksDate: cuedBy(tokens, this.dateCues) ? 'day' : cuedBy(tokens, this.yearCues) ? 'year' : undefined,
      asksWhoNow: (tokens.includes('who') && cuedBy(tokens, this.presentCues)) || this.asksPostNow(tokens),
      before: BEFORE.exec(dated)?.[1],
      partners: this.partnersOf(tokens, written, measureWords, phrases),
      envoy: this.envoyOf(tokens),
      measureWord: periods.length > 0 ? this.measureWordOf(tokens, nameWords) : undefined,
    };
  }

  /**
   * The first word that carries meaning after the "about" of a verb of saying ("what did Zhao
   * say at the briefing about the Taiwan Strait": taiwan).
   */
  private aboutOf(tokens: string[]): string | undefined {
    const said = tokens.findIndex((t) => SAYING.has(t));
    const at = said < 0 ? -1 : tokens.indexOf('about', said + 1);
    if (at < 0 || at - said > ABOUT_REACH) return undefined;
    return tokens.slice(at + 1).find((t) => !this.stopwords.has(t) && !this.engine.isListedGeneric(this.engine.stem(t)));
  }

  /**
   * The word after "how many", past the base's own countries ("how many Chinese soldiers":
   * soldiers); none when it is a unit ("how many bn", "how many yrs") or a stop word ("how many of").
   */
  private countedOf(tokens: string[]): string | undefined {
    const at = tokens.findIndex((t, i) => t === 'how' && tokens[i + 1] === 'many');
    if (at < 0) return undefined;
    const word = tokens.slice(at + 2).find((t) => !this.engine.isListedGeneric(this.engine.stem(t)));
    return word && !this.stopwords.has(word) && !this.unitStems.has(this.engine.stem(word)) ? word : undefined;
  }

  /**
   * A country's post in another ("China's ambassador to Russia", "Russia's new envoy in
   * China"): the sending country, the post and the receiving one, which an answer must name
   * in that order, so Russia's ambassador to China does not answer.
   */
  private envoyOf(tokens: string[]): [string, string, string] | undefined {
    if (!tokens.some((t) => this.isPost(t))) return undefined;
    for (let i = 0; i < tokens.length; i++) {
      const from = this.countryOrCapitalAt(tokens, i);
      if (!from) continue;
      const end = i + from.length;
      const post = [end, end + 1].find((j) => this.isPost(tokens[j]));
      if (post === undefined || !['to', 'in'].includes(tokens[post + 1])) continue;
      const at = tokens[post + 2] === 'the' ? post + 3 : post + 2;
      const to = this.countryOrCapitalAt(tokens, at);
      if (to) return [from.name, tokens[post], to.name];
    }
    return undefined;
  }

  /** Is the word a post ("ambassador"), or one of its one-word synonyms ("amb")? */
  private isPost(word: string | undefined): boolean {
    return word !== undefined && this.postStems.has(this.engine.stem(word));
  }

  /** A country named from `at` ("russia", "the us"), or a capital standing for one ("moscow": Russia). */
  private countryOrCapitalAt(tokens: string[], at: number): { length: number; name: string } | undefined {
    const country = this.engine.countryAt(tokens, at);
    if (country) return { length: country.length, name: tokens.slice(at, at + country.length).join(' ') };
    const capital = this.capitals.get(tokens[at] ?? '');
    return capital ? { length: 1, name: capital } : undefined;
  }

  /**
   * The countries a question about a measure names as its partner: after "with", "from",
   * "to" or "between", beside China or Russia ("US-China trade"), or right before the
   * measure's word ("Japan trade"). "The war in Ukraine" places it, a measure's word inside a
   * phrase ("the US-China trade war") is not the measure, and "us" is the United States only
   * when written "US".
   */
  private partnersOf(tokens: string[], usWritten: boolean, measureWords: Set<string>, phrases: string[]): string[] {
    const inPhrases = new Set(phrases.flatMap((p) => this.engine.stemsOf(p)));
    if ([...measureWords].every((s) => inPhrases.has(s))) return [];
    const partners: string[] = [];
    const own = (j: number) => j >= 0 && j < tokens.length && this.engine.countryAt(tokens, j)?.own === true;
    for (let i = 0; i < tokens.length; i++) {
      const country = this.engine.countryAt(tokens, i);
      if (!country) continue;
      // "The Washington Post": a longer name that begins with a country's is no country.
      const longer = this.engine.phraseLengthAt(tokens, i);
      if (longer > country.length) {
        i += longer - 1;
        continue;
      }
      const end = i + country.length;
      const at = tokens[i - 1] === 'the' ? i - 2 : i - 1;
      // "China and Kazakhstan": "and" links only to one of the base's own two, not in a list of topics.
      // "Trade with Japan": a link word names a partner only just after the measure's word, not
      // in another clause ("the G7's statement from Japan on trade practices").
      const measureNear = (from: number, to: number) =>
        tokens.slice(Math.max(0, from), to).some((t) => measureWords.has(this.engine.stem(t)));
      const linked =
        (PARTNER_LINKS.has(tokens[at]) && measureNear(at - PARTNER_REACH, at)) ||
        (tokens[at] === 'and' && own(at - 1)) ||
        own(i - 1) ||
        own(end) ||
        (end < tokens.length && measureWords.has(this.engine.stem(tokens[end])));
      const words = tokens.slice(i, end).join(' ');
      if (!country.own && linked && (words !== 'us' || usWritten)) partners.push(words);
      i = end - 1;
    }
    return partners;
  }

  /**
   * Does a post follow a word of the present ("still the spokesperson", "current post")?
   * "current" qualifies its whole noun phrase, so a post may stand a few words after it
   * ("the current Russian defence minister").
   */
  private asksPostNow(tokens: string[]): boolean {
    return tokens.some((t, i) => {
      if (!this.presentWords.has(t)) return false;
      const from = ARTICLES.has(tokens[i + 1]) ? i + 2 : i + 1;
      const reach = t === 'current' ? CURRENT_REACH : 1;
      return tokens.slice(from, from + reach).some((w) => this.isPost(w));
    });
  }
}

/** A cue's tokens; `<name>` stays a slot for a name, `*` a wildcard, and a leading `^` anchors the cue to the question's start. */
function cueTokens(cue: string): string[] {
  // "^when" is "^ when": written joined, the anchor would otherwise be dropped silently.
  const parts = cue
    .trim()
    .replace(/^\^(?=\S)/, '^ ')
    .split(/\s+/);
  return parts.flatMap((part) => (part === '*' || part === '^' || part === NAME_SLOT ? [part] : tokenize(part)));
}

/** Does one of the cues occur in the tokens? */
function cuedBy(tokens: string[], cues: string[][]): boolean {
  // Only a cue whose words all occur can match: most are ruled out without a scan.
  const present = new Set(tokens);
  return cues.some((cue) => cue.every((t) => t === '*' || t === '^' || present.has(t)) && matchAt(tokens, cue) !== undefined);
}

/** Where a token sequence (with `*` wildcards of one to six tokens) occurs, as the indexes it covers. */
function matchAt(tokens: string[], pattern: string[]): number[] | undefined {
  const from = (i: number, k: number, covered: number[]): number[] | undefined => {
    if (k === pattern.length) return covered;
    if (pattern[k] === '*') {
      for (let n = 1; n <= WILDCARD_MAX && i + n <= tokens.length; n++) {
        const rest = from(i + n, k + 1, covered);
        if (rest) return rest;
      }
      return undefined;
    }
    return tokens[i] === pattern[k] ? from(i + 1, k + 1, [...covered, i]) : undefined;
  };
  if (pattern[0] === '^') {
    const covered = from(0, 1, []);
    return covered;
  }
  for (let i = 0; i < tokens.length; i++) {
    const covered = from(i, 0, []);
    if (covered) return covered;
  }
  return undefined;
}

/** The tokens with every occurrence of the sequences taken out, reporting each found. */
function cut<T>(tokens: string[], sequences: Sequence<T>[], found: (value: T) => unknown): string[] {
  let out = tokens;
  for (const s of sequences) {
    for (let i = 0; i + s.tokens.length <= out.length; i++) {
      if (s.tokens.every((x, k) => out[i + k] === x)) {
        found(s.value);
        out = [...out.slice(0, i), ...out.slice(i + s.tokens.length)];
        i--;
      }
    }
  }
  return out;
}

/**
 * Do the name's words (each as itself or a synonym) occur in the question in this order,
 * other words between allowed? The question's stems that matched, if so.
 */
function inOrder(stems: string[], name: Set<string>[]): string[] | undefined {
  const at: string[] = [];
  for (const s of stems) if (at.length < name.length && name[at.length].has(s)) at.push(s);
  return at.length === name.length ? at : undefined;
}
