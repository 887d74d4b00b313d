import type { Period } from './periods.ts';
import type { BOUNDS, FIGURE_KINDS, INTENTS, UNITS } from './schema.ts';
import type { Topic } from './topics.ts';

/** What kind of answer a question wants. */
export type Intent = (typeof INTENTS)[number];

/** Where a record stands in the knowledge files, for error messages. */
export interface Origin {
  file: string;
  line: number;
}

export interface Source {
  id: string;
  /** The article's own title, when it gives one. */
  title?: string;
  /** Our description, for articles without a title. */
  label?: string;
  publisher?: string;
  authors: string[];
  published: Period;
  approximate: boolean;
  basis?: string;
  /** The larger work this text is an excerpt of, as the text names it. */
  excerptOf?: string;
  /** Where the text was reposted, as the text names it (never a publisher). */
  via?: string;
  reposted: boolean;
  machineTranslated: boolean;
  note?: string;
  /** Just added: its facts are still being drafted. */
  awaitingFacts: boolean;
  sha256: string;
  origin: Origin;
}

export interface Figure {
  measure: string;
  value: number;
  unit: (typeof UNITS)[number];
  currency?: string;
  bound: (typeof BOUNDS)[number];
  kind: FigureKind;
  /** What the figure covers; when `periodGiven` is false, only when it was stated. */
  period: Period;
  /** False for a figure stated without its period ("now valued at"): never an annual total. */
  periodGiven: boolean;
}

export type FigureKind = (typeof FIGURE_KINDS)[number];

export interface Fact {
  id: string;
  claim: string;
  topics: Topic[];
  about: Period;
  quote: string;
  sourceId: string;
  people: string[];
  places: string[];
  saidBy?: string;
  key: boolean;
  figure?: Figure;
  corroborates: string[];
  conflictsWith: string[];
  /** The later fact that updates this one. */
  supersededBy?: string;
  /** Why the fact no longer stands: such a fact is never shown (see `Knowledge.retracted`). */
  retracted?: { reason: string; date?: string };
  origin: Origin;
}

export interface SearchVocabulary {
  synonyms: string[][];
  stopwords: string[];
  generic: string[];
  expansions?: Record<string, string[]>;
  phrases?: string[];
  intents?: Partial<Record<Intent, string[]>>;
  /** Words and phrases of topics the base does not cover: matched as typed, they carry a question. */
  off_domain?: string[];
  /** Openings ("who") whose next word is what the question asks about: an answer must hold it. */
  relation_cues?: string[];
  /** Cues of a question asking for an amount ("how many"): only a fact stating one answers it. */
  amount_cues?: string[];
  /** With an amount cue, these ask for an exact amount ("exactly how many"): only figures answer, never "billions". */
  exact_cues?: string[];
  /** Cues of a question asking for a sum of money ("in dollar terms"): only a fact stating one answers. */
  money_cues?: string[];
  /** Cues of a question asking for a share ("what percentage"): only a fact stating one answers. */
  share_cues?: string[];
  kinds_cues?: string[];
  person_cues?: string[];
  organisation_cues?: string[];
  post_cues?: string[];
  outcome_cues?: string[];
  alone_cues?: string[];
  duration_cues?: string[];
  /** Cues of a question asking what came to pass ("did trade hit the target"): a target or a forecast does not answer it. */
  actual_cues?: string[];
  /** Phrases that frame a question and are never searched ("so I was wondering", "last year"). */
  fillers?: string[];
  /** Cues of a question about a source's byline or date ("who wrote"): answered from the source registry. */
  byline_cues?: string[];
  /** Openings of a sentence about the asker, not the topic ("need the name for a note"): set aside when it finds nothing. */
  asker_cues?: string[];
  /** Cues of a question asking for a city ("which Swiss city"): only a fact naming one of `cities` answers it. */
  city_cues?: string[];
  /** Cues of a question asking for a year ("in what year") or a day ("on what date"): only a fact naming one answers it. */
  year_cues?: string[];
  date_cues?: string[];
  /** Words that say a figure is asked (its total, value or unit), never what it measures: beside a measure's name they are explained. */
  figure_words?: string[];
  /** Cues of a question about the present ("right now", "still"): asked who holds a post, the dated articles cannot say. */
  present_cues?: string[];
  /** Words naming a post ("spokesperson", "ambassador"): with a present cue, a question asks what post someone holds now. */
  post_words?: string[];
  /** Cues of a question asking for a name ("the name of the pipeline"): only a fact naming something the question does not answers it. */
  name_cues?: string[];
  /** The cities among the places facts name (a country or a region is not one). */
  cities?: string[];
  /** Capitals that stand for their country in a post ("China's ambassador to Moscow"), each with its country. */
  capitals?: Record<string, string>;
  source_names?: Record<string, string[]>;
  /** Words people use for a fact that it does not say itself, by fact id (aliases.yaml). */
  aliases?: Record<string, string[]>;
  /** Questions people asked that a fact answers, by fact id (asked.yaml). */
  asked?: Record<string, string[]>;
  /** The names people use for each measure (from measures.yaml). */
  measureNames?: Record<string, string[]>;
}

export interface Knowledge {
  sources: Map<string, Source>;
  /** The facts that stand (never a retracted one). */
  facts: Fact[];
  factById: Map<string, Fact>;
  /** Retracted facts, kept for the record and never shown. */
  retracted?: Fact[];
  measures: Map<string, string>;
  /** Measures drawn on another one's chart (measures.yaml `chart_with`): a trade target beside trade. */
  chartWith?: Record<string, string>;
  vocabulary: SearchVocabulary;
}

/** How a source is named to readers: its title, or our label when it has none. */
export function sourceTitle(source: Source): string {
  return source.title ?? source.label ?? source.id;
}
