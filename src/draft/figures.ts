/**
 * Figures as data: "$81 billion", "40.7 %", "70%", "thirty years", "six countries", with the
 * bound before them ("more than"), the period they cover (the date expression bound to them)
 * and their kind (a forecast or a target when the sentence says so).
 */

import { NUMBER_WORDS, numberValue } from '../numbers.ts';
import type { FoundDate } from './dates.ts';
import type { Drafting } from './vocabulary.ts';
import { anyWord } from './vocabulary.ts';

export interface DraftFigure {
  value: number;
  unit: 'billion' | 'million' | 'trillion' | 'percent' | 'count' | 'years';
  currency?: string;
  bound?: 'about' | 'more-than' | 'at-least' | 'less-than';
  period?: string;
  kind?: 'actual' | 'forecast' | 'target';
  /** Where the figure stands in its sentence. */
  at: number;
  text: string;
}

const capitalised = (w: string) => `[${w[0]}${w[0].toUpperCase()}]${w.slice(1)}`;
const NUMBER_WORD = `(?:${Object.keys(NUMBER_WORDS).map(capitalised).join('|')})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?`;

const CURRENCIES: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'CNY' };

export function findFigures(sentence: string, dates: FoundDate[], vocab: Drafting): DraftFigure[] {
  const figures: DraftFigure[] = [];
  const num = `(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|${NUMBER_WORD})`;
  const patterns: [RegExp, (m: RegExpMatchArray) => Omit<DraftFigure, 'at' | 'text'> | undefined][] = [
    [
      new RegExp(`([$€£¥])\\s?${num}\\s*(billion|million|trillion)\\b`, 'giu'),
      (m) => ({ value: numberValue(m[2]) as number, unit: m[3].toLowerCase() as DraftFigure['unit'], currency: CURRENCIES[m[1]] }),
    ],
    [
      new RegExp(`(?<![\\w$€£¥.-])${num}\\s*(billion|million|trillion)\\s+(dollars|euros|yuan|rubles|roubles)\\b`, 'giu'),
      (m) => ({
        value: numberValue(m[1]) as number,
        unit: m[2].toLowerCase() as DraftFigure['unit'],
        currency: ({ dollars: 'USD', euros: 'EUR', yuan: 'CNY', rubles: 'RUB', roubles: 'RUB' } as Record<string, string>)[
          m[3].toLowerCase()
        ],
      }),
    ],
    [
      new RegExp(`(?<![\\w.-])${num}\\s*(?:%|percent\\b|per cent\\b)`, 'giu'),
      (m) => ({ value: numberValue(m[1]) as number, unit: 'percent' }),
    ],
    [new RegExp(`(?<![\\w.-])${num}\\s+years\\b`, 'giu'), (m) => ({ value: numberValue(m[1]) as number, unit: 'years' })],
    [
      new RegExp(
        `(?<![\\w.-])${num}\\s+(?:(?:former|new|other|more|major|joint|[A-Z][a-z]+)\\s+){0,2}(${vocab.count_nouns.join('|')})\\b`,
        'gu',
      ),
      (m) => ({ value: numberValue(m[1]) as number, unit: 'count' }),
    ],
  ];
  for (const [re, read] of patterns) {
    for (const m of sentence.matchAll(re)) {
      const at = m.index ?? 0;
      if (figures.some((f) => at >= f.at && at < f.at + f.text.length)) continue;
      const data = read(m);
      if (!data || data.value === undefined || Number.isNaN(data.value)) continue;
      // "the two countries" is the pair itself, not a count; "two world wars" is history, not a figure.
      if (data.unit === 'count' && /\bthe\s+$/i.test(sentence.slice(Math.max(0, at - 4), at)) && data.value <= 2) continue;
      if (data.unit === 'count' && /^(?:one|1)$/i.test(m[1])) continue;
      // "down 4.2%", "fell by 3%": a fall is a negative change.
      if (
        data.unit === 'percent' &&
        /\b(?:down|fell|fall|falls|dropped|declined|decreased|shrank|lower)(?:\s+by)?\s*$/i.test(sentence.slice(Math.max(0, at - 16), at))
      )
        data.value = -data.value;
      figures.push({
        ...data,
        at,
        text: m[0],
        bound: boundBefore(sentence, at, vocab),
        period: periodOf(sentence, at, m[0].length, dates),
        kind: kindOf(clauseAround(sentence, at), vocab),
      });
    }
  }
  return figures.sort((a, b) => a.at - b.at).map((f) => (f.bound === undefined ? dropUndefined(f) : f));
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function boundBefore(sentence: string, at: number, vocab: Drafting): DraftFigure['bound'] {
  const before = sentence.slice(Math.max(0, at - 30), at);
  for (const [bound, list] of Object.entries(vocab.bounds) as [NonNullable<DraftFigure['bound']>, string[]][]) {
    const re = new RegExp(`${anyWord(list).source}\\s*(?:of\\s+|a\\s+|the\\s+|record\\s+)*$`, 'iu');
    if (re.test(before)) return bound;
  }
  return undefined;
}

/**
 * The period a figure covers: a date expression right after it ("$52.1 billion in 2021"),
 * else the nearest one before it in the sentence ("In 2022, … $81 billion"), else one later
 * in its clause. Undefined when the sentence gives none (the drafter then uses the source's date).
 */
function periodOf(sentence: string, at: number, length: number, found: FoundDate[]): string | undefined {
  const end = at + length;
  // "up 75.6% from 2022", "compared to the same time in 2022": the base of a comparison, not the period.
  const dates = found.filter(
    (d) =>
      !/(?:compared\s+(?:to|with)|from|than|against|versus)\s+(?:the\s+same\s+(?:time|period)\s+(?:in|of|a)\s+)?$/i.test(
        sentence.slice(Math.max(0, d.at - 40), d.at),
      ),
  );
  const after = dates.find(
    (d) =>
      d.at >= end &&
      /^[\s,]*(?:in|by|during|for|of|from|between|since|,)?\s*(?:the\s+)?$/i.test(sentence.slice(end, d.at)) &&
      d.at - end < 40,
  );
  if (after) return after.period;
  const before = [...dates].reverse().find((d) => d.at + d.text.length <= at);
  if (before) return before.period;
  const later = dates.find((d) => d.at >= end && !/[.;]/.test(sentence.slice(end, d.at)));
  return later?.period;
}

/** The clause of `sentence` holding position `at` ("…$190 billion last year, and it's set to…" → its first half). */
export function clauseAround(sentence: string, at: number): string {
  // ", and" joins list items too ("Iran, Saudi Arabia, and the UAE, will join"): it starts a
  // clause only before a subject that begins one ("and it's set to", "and the goal is").
  const cuts = [
    0,
    ...[
      ...sentence.matchAll(
        /,\s+(?:and|but)\s+(?=(?:it|it’s|it's|they|we|he|she|that|this|the (?:goal|aim|target|plan|two)|both)\b)|,\s+(?:while|whereas|which|compared)\b|;\s/g,
      ),
    ].map((m) => m.index ?? 0),
    sentence.length,
  ];
  const from = Math.max(...cuts.filter((c) => c <= at));
  const to = Math.min(...cuts.filter((c) => c > at));
  return sentence.slice(from, to);
}

function kindOf(sentence: string, vocab: Drafting): DraftFigure['kind'] {
  if (anyWord(vocab.target_words).test(sentence)) return 'target';
  if (anyWord(vocab.forecast_words).test(sentence)) return 'forecast';
  return 'actual';
}
