/**
 * Finding what a message claims that the base could confirm: figures (a number with its unit
 * or currency, its bound and its kind, and the period said next to it), quotations (and who
 * the message says spoke them) and dated events. The cue words are data, in rules.ts.
 */
import { NUMBER_WORDS, numberValue } from '../numbers.ts';
import { type AskedPeriod, findPeriods } from '../query/periods.ts';
import { type Bound, type Kind, type Unit, VERIFY_RULES } from './rules.ts';

export interface FigureClaim {
  type: 'figure';
  /** The sentence it stands in, as the message words it. */
  sentence: string;
  /** The words between the figures either side of it: where its measure is named. */
  clause: string;
  /** The number as the message writes it: `$190bn`. */
  said: string;
  value: number;
  /** Absent for a bare count ("six new members"). */
  unit?: Unit;
  currency?: string;
  bound: Bound;
  kind: Kind;
  /** The period said next to the figure; absent when the message gives none. */
  period?: AskedPeriod;
}

export interface QuoteClaim {
  type: 'quote';
  sentence: string;
  /** The quoted words, as the message gives them. */
  words: string;
  /** Who the message credits with them (names as written, after a speech cue); empty when it credits no one. */
  speakers: string[];
}

export interface EventClaim {
  type: 'event';
  sentence: string;
  period: AskedPeriod;
  /** The sentence without its period, for the search. */
  text: string;
}

export type Claim = FigureClaim | QuoteClaim | EventClaim;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Alternatives longest first, so "more than" is tried before "more". */
const alternatives = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');
/** A cue as a whole word (a sign such as `%` or `$` needs no word boundary). */
const wordPattern = (words: readonly string[]) => new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives(words)})(?![\\p{L}\\p{N}])`, 'iu');

const UNIT_WORDS = Object.entries(VERIFY_RULES.units).flatMap(([unit, words]) => words.map((w) => ({ unit: unit as Unit, word: w })));
const CURRENCY_WORDS = Object.entries(VERIFY_RULES.currencies).flatMap(([code, words]) => words.map((w) => ({ code, word: w })));
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const NUMBER_WORD = alternatives(Object.keys(NUMBER_WORDS));

/**
 * A figure: an optional currency before, a number (digits, or a number word), an optional
 * thousand, an optional unit and an optional currency after: `$190bn`, `US$ 1.5 trillion`,
 * `40.7 %`, `190 billion dollars`, `six`.
 */
const FIGURE = new RegExp(
  String.raw`(?<before>(?:${alternatives(CURRENCY_WORDS.map((c) => c.word))})\s?)?` +
    String.raw`(?<![\p{L}\p{N}.,])(?<number>${NUMBER}|${NUMBER_WORD})` +
    String.raw`(?:\s?(?<thousand>${alternatives(VERIFY_RULES.thousand)})(?![\p{L}]))?` +
    String.raw`(?:\s?(?<unit>${alternatives(UNIT_WORDS.map((u) => u.word))})(?![\p{L}]))?` +
    String.raw`(?:\s(?<after>${alternatives(CURRENCY_WORDS.filter((c) => /^\p{L}/u.test(c.word)).map((c) => c.word))})(?![\p{L}]))?(?![\p{L}\p{N}])`,
  'giu',
);
const QUOTED = /["“”«»„]([^"“”«»„]{2,300})["“”«»„]/g;
/** Sentence ends: a full stop (not inside a number or an initial such as `U.S.`), `!`, `?`, `;` (a closing quotation mark may follow) or a line break. */
const SENTENCE_END = /(?<=[!?;]["”’»]?)\s+|(?<=[^\s.A-Z][.]["”’»]?)\s+(?=[\p{Lu}"“«\d$])|\n+/u;

const currencyOf = (word: string | undefined) => CURRENCY_WORDS.find((c) => c.word === word?.toLowerCase())?.code;
const unitOf = (word: string | undefined) => UNIT_WORDS.find((u) => u.word === word?.toLowerCase())?.unit;

/** A text's sentences, split at sentence ends. */
export function sentencesOf(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function boundBefore(sentence: string, at: number): Bound {
  const words = sentence.slice(0, at).trimEnd().split(/\s+/).slice(-VERIFY_RULES.boundReach).join(' ').toLowerCase();
  for (const [bound, cues] of Object.entries(VERIFY_RULES.bounds)) {
    // The cue must end the words before the number, give or take "a" and "the"
    const pattern = new RegExp(`(?:^|[^\\p{L}])(?:${alternatives(cues)})(?:\\s+(?:a|an|the|of))*\\s*$`, 'iu');
    if (pattern.test(words)) return bound as Bound;
  }
  return 'exact';
}

function kindOf(sentence: string): Kind {
  for (const [kind, cues] of Object.entries(VERIFY_RULES.kinds)) if (wordPattern(cues).test(sentence)) return kind as Kind;
  return 'actual';
}

/** Money in billions etc.: `190,000 million` is 190 billion; `$2 thousand billion` is 2 trillion. */
function numberOf(number: string, thousand: boolean): number {
  const value = numberValue(number) ?? Number.NaN;
  return thousand ? value * 1000 : value;
}

/** A year written alone (`2022`) is a date, not a figure. */
const isYear = (m: RegExpExecArray) =>
  /^(?:1[89]|20)\d{2}$/.test(m.groups?.number ?? '') && !m.groups?.before && !m.groups?.unit && !m.groups?.after;

/** Punctuation closing a word: the period reader (written for questions) does not read a year before it (`in 2018.`, `In 2022,`). */
const unpunctuated = (text: string) => text.replace(/[.,!?;:]+(?=\s|$)/g, ' ');
const periodsIn = (text: string) => findPeriods(unpunctuated(text)).periods;

const CLAUSE_BREAK = new RegExp(`(?:${alternatives(VERIFY_RULES.clauseBreaks)})`, 'giu');
const COMPARISON = new RegExp(`(?:^|[^\\p{L}])(?:${alternatives(VERIFY_RULES.comparisonCues)})(?![\\p{L}])`, 'iu');

/** The clause a figure stands in: "…$100 billion in 2018, and the goal is to double it" ends at ", and". */
function clauseAround(sentence: string, at: number): { start: number; end: number } {
  let start = 0;
  let end = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index + m[0].length <= at) start = m.index + m[0].length;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

/** "Up 75.6% from 2022": a lone year after `from` is what a figure is compared with (not "from 2014 to 2018"). */
const FROM_YEAR = /(?:^|[^\p{L}])from\s+(?=(?:19|20)\d{2}\b(?!\s*(?:-|–|—|to|and|until|till|through)\s*(?:19|20)?\d{2}))/iu;

/** The words after a figure up to a comparison: "40% … compared to 2022" is not 2022's figure. */
const beforeComparison = (text: string) => {
  const at = Math.min(
    ...[COMPARISON.exec(text)?.index, FROM_YEAR.exec(text)?.index].filter((i): i is number => i !== undefined),
    text.length,
  );
  return text.slice(0, at);
};

interface Found {
  at: number;
  end: number;
  m: RegExpExecArray;
}

function figuresIn(sentence: string): FigureClaim[] {
  const found: Found[] = [];
  for (const m of sentence.matchAll(FIGURE)) {
    const g = m.groups ?? {};
    if (isYear(m)) continue;
    const isWord = !/\d/.test(g.number);
    // A bare number with neither unit nor currency (a day, a rank) is no figure; a number word is a count.
    if (!g.before && !g.unit && !g.after && !isWord) continue;
    if (isWord && (g.before || g.after)) continue;
    found.push({ at: m.index, end: m.index + m[0].length, m });
  }
  return found.map(({ at, m }, i) => {
    const g = m.groups ?? {};
    const clause = clauseAround(sentence, at);
    // The period said after the figure ("$190bn in 2022"), up to a comparison ("compared to 2021");
    // else the last one before it ("In 2022, … $190bn"; "From January to May …, a growth of 40%").
    const after = periodsIn(beforeComparison(sentence.slice(at, Math.min(found[i + 1]?.at ?? sentence.length, clause.end))))[0];
    const before = periodsIn(sentence.slice(found[i - 1]?.end ?? 0, at)).at(-1) ?? periodsIn(sentence.slice(0, at)).at(-1);
    const currency = currencyOf(g.before?.trim()) ?? currencyOf(g.after);
    return {
      type: 'figure',
      sentence,
      clause: sentence.slice(found[i - 1]?.end ?? 0, found[i + 1]?.at ?? sentence.length),
      said: m[0].trim(),
      value: numberOf(g.number, g.thousand !== undefined),
      unit: unitOf(g.unit) ?? (g.thousand && currency ? 'million' : undefined),
      currency,
      bound: boundBefore(sentence, at),
      kind: kindOf(sentence.slice(clause.start, clause.end)),
      period: after ?? before,
    } satisfies FigureClaim;
  });
}

const NAME = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}`;
const CREDITED = [
  // "Zhao Lijian told", "Putin, he said," "Xi has called"
  new RegExp(String.raw`(${NAME})\s*,?\s+(?:has\s+|had\s+|also\s+)?(?:${alternatives(VERIFY_RULES.speechCues)})(?![\p{L}])`, 'gu'),
  // "said Putin", "according to Chinese President Xi"
  new RegExp(
    String.raw`(?:^|[^\p{L}])(?:${alternatives(VERIFY_RULES.speakerAfterCues)})\s+(?:(?:the|a|an|[\p{Ll}]+)\s+){0,2}?(${NAME})`,
    'gu',
  ),
  // "Zhao, the Chinese Foreign Ministry spokesperson, said"
  new RegExp(String.raw`(${NAME}),\s+(?:the|a|an)\s+[^,"“”]{1,80}?,\s+(?:${alternatives(VERIFY_RULES.speechCues)})(?![\p{L}])`, 'gu'),
  // "Putin: …"
  new RegExp(String.raw`^\s*(${NAME})\s*:`, 'gu'),
];
const NOT_NAMES = new Set(VERIFY_RULES.notNames.map((w) => w.toLowerCase()));
/** A name without the capitalised words that cannot be one ("Tuesday", "The"); empty when nothing is left. */
const nameOf = (name: string) =>
  name
    .split(/\s+/)
    .filter((w) => !NOT_NAMES.has(w.toLowerCase()))
    .join(' ');

/**
 * Who the sentence credits with its quotation: the names a speech cue points to ("Putin
 * said", "according to Xi", "Zhao:"). A name merely mentioned is no credit: "In his meeting
 * with Mishustin, Xi …" credits no one, and the quotation is checked by its words alone.
 */
function creditedIn(outside: string): string[] {
  const names = CREDITED.flatMap((pattern) => [...outside.matchAll(pattern)].map((m) => nameOf(m[1].trim())));
  return [...new Set(names.filter(Boolean))];
}

/**
 * The claims of a message, in the order it makes them: each sentence's figures, then its
 * quotations; a dated sentence with an event verb and neither is an event.
 */
export function claimsOf(text: string): Claim[] {
  const claims: Claim[] = [];
  for (const sentence of sentencesOf(text)) {
    const quotes = [...sentence.matchAll(QUOTED)].filter((m) => m[1].trim().split(/\s+/).length >= VERIFY_RULES.minQuoteWords);
    // Figures inside a quotation are the speaker's words: checked as the quotation.
    const outside = quotes.reduce((s, m) => s.replace(m[0], ' … '), sentence);
    const figures = figuresIn(outside).map((f) => ({ ...f, sentence }));
    claims.push(...figures);
    if (quotes.length > 0) {
      const speakers = creditedIn(outside);
      for (const m of quotes) claims.push({ type: 'quote', sentence, words: m[1].trim(), speakers });
    }
    if (figures.length > 0 || quotes.length > 0) continue;
    if (!wordPattern(VERIFY_RULES.eventCues).test(sentence)) continue;
    const { periods, text: rest } = findPeriods(unpunctuated(sentence));
    if (periods.length > 0) claims.push({ type: 'event', sentence, period: periods[0], text: rest });
  }
  return claims;
}
