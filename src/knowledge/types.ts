import type { Topic } from './topics.ts';
import type { Period } from './periods.ts';
import type { BOUNDS, INTENTS, UNITS } from './schema.ts';

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
  note?: string;
  sha256: string;
  origin: Origin;
}

export interface Figure {
  measure: string;
  value: number;
  unit: (typeof UNITS)[number];
  currency?: string;
  bound: (typeof BOUNDS)[number];
  period: Period;
}

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
  origin: Origin;
}

export interface SearchVocabulary {
  synonyms: string[][];
  stopwords: string[];
  generic: string[];
  expansions?: Record<string, string[]>;
  phrases?: string[];
  intents?: Partial<Record<Intent, string[]>>;
  source_names?: Record<string, string[]>;
  /** The names people use for each measure (from measures.yaml). */
  measureNames?: Record<string, string[]>;
}

export interface Knowledge {
  sources: Map<string, Source>;
  facts: Fact[];
  factById: Map<string, Fact>;
  measures: Map<string, string>;
  vocabulary: SearchVocabulary;
}

/** How a source is named to readers: its title, or our label when it has none. */
export function sourceTitle(source: Source): string {
  return source.title ?? source.label ?? source.id;
}
