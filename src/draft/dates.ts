/**
 * When a sentence is about, resolved against the article's publication date: explicit dates
 * ("in June 2019", "February 2022"), years, halves, ranges ("between 2014 and 2018"), and
 * relative ones ("last year", "on Tuesday", "this week", "earlier that month"). chrono-node
 * reads the day and month expressions; years and ranges, which it does not, are read here.
 * A relative day against a source dated only by its year stays that year: nothing is guessed
 * finer than the source allows.
 */
import * as chrono from 'chrono-node';
import type { Period } from '../knowledge/periods.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')})`;
const YEAR = '((?:19|20)\\d{2})(?![\\d-]|s\\b)';

export interface FoundDate {
  /** The period as the knowledge files write it: `2019`, `2019-06`, `2021-06-15`, `2023-H1`, `2014/2018`. */
  period: string;
  /** Where the expression starts in the text. */
  at: number;
  text: string;
}

export interface DateContext {
  published: Period;
  /** The month last named in the article, for "earlier that month". */
  lastMonth?: string;
}

/** Every date expression in `text`, in order of appearance; overlapping readings keep the longest. */
export function findDates(text: string, ctx: DateContext): FoundDate[] {
  const pubYear = Number(ctx.published.start.slice(0, 4));
  const precision = publishedPrecision(ctx.published);
  const found: FoundDate[] = [];
  const add = (at: number, match: string, period: string | undefined) => {
    if (period) found.push({ period, at, text: match });
  };
  const re = (source: string) => new RegExp(source, 'giu');

  for (const m of text.matchAll(re(`\\b(?:between|from) ${YEAR} (?:and|to) ${YEAR}`))) add(m.index, m[0], `${m[1]}/${m[2]}`);
  for (const m of text.matchAll(re(`\\bfrom ${MONTH} to ${MONTH}(?: of)? ${YEAR}`)))
    add(m.index, m[0], `${m[3]}-${pad(MONTHS.indexOf(m[1].toLowerCase()) + 1)}/${m[3]}-${pad(MONTHS.indexOf(m[2].toLowerCase()) + 1)}`);
  for (const m of text.matchAll(re(`\\bsince ${MONTH} ${YEAR}`)))
    add(m.index, m[0], `${m[2]}-${pad(MONTHS.indexOf(m[1].toLowerCase()) + 1)}/${Math.max(pubYear, Number(m[2]))}`);
  for (const m of text.matchAll(re(`\\b(first|second) half of(?: the year)? ${YEAR}`)))
    add(m.index, m[0], `${m[2]}-H${m[1].toLowerCase() === 'first' ? 1 : 2}`);
  for (const m of text.matchAll(re(`\\b(?:the )?end of ${YEAR}`))) add(m.index, m[0], `${m[1]}-Q4`);
  for (const m of text.matchAll(re(`\\b(?:the )?(?:start|beginning) of ${YEAR}`))) add(m.index, m[0], `${m[1]}-Q1`);
  for (const m of text.matchAll(re(`\\blast year\\b`))) add(m.index, m[0], String(pubYear - 1));
  for (const m of text.matchAll(re(`\\bthis year\\b`))) add(m.index, m[0], String(pubYear));
  for (const m of text.matchAll(re(`\\bnext year\\b`))) add(m.index, m[0], String(pubYear + 1));
  const thisMonth = precision === 'year' ? ctx.published.raw : ctx.published.start.slice(0, 7);
  for (const m of text.matchAll(re(`\\b(?:earlier|later) (?:that|the same) month\\b`))) add(m.index, m[0], ctx.lastMonth ?? thisMonth);
  for (const m of text.matchAll(re(`\\b(?:(?:earlier|later) )?this month\\b`))) add(m.index, m[0], thisMonth);
  // Vague spans just before publication ("this week", "over the past few days", "a recent
  // interview") read as the publication month: no finer than the text says.
  const recent = thisMonth;
  for (const m of text.matchAll(
    re(`\\b(?:this|last) week\\b|\\b(?:over )?the (?:past|last) (?:few )?(?:days|weeks)\\b|\\ba recent (?!years?\\b)\\p{L}+`),
  ))
    add(m.index, m[0], recent);
  for (const m of text.matchAll(re(YEAR))) add(m.index, m[0], m[1]);

  const reference = new Date(`${ctx.published.start}T12:00:00Z`);
  for (const r of chrono.en.parse(text, { instant: reference, timezone: 0 }, { forwardDate: false })) {
    // "may", "march" as verbs: a month is capitalised in prose.
    if (/^\p{Ll}+$/u.test(r.text) && MONTHS.includes(r.text)) continue;
    // "now" is the moment of writing, not a dated event: the sentence falls back to the source's date.
    if (/^(?:now|right now|currently)$/i.test(r.text.trim())) continue;
    const known = r.start;
    if (!['year', 'month', 'day', 'weekday'].some((c) => known.isCertain(c as 'year'))) continue;
    const year = known.isCertain('year') ? known.get('year') : undefined;
    const month = known.isCertain('month') ? known.get('month') : undefined;
    const day = known.isCertain('day') ? known.get('day') : undefined;
    const date = known.date();
    const iso = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    let period: string | undefined;
    if (year && month && day) period = `${year}-${pad(month)}-${pad(day)}`;
    else if (year && month) period = `${year}-${pad(month)}`;
    else if (month && !day) period = `${monthYear(month, ctx.published)}-${pad(month)}`;
    else if (known.isCertain('weekday') || day) period = precision === 'day' ? iso : ctx.published.raw; // a relative day
    add(r.index, r.text, period);
  }
  return longestFirst(found);
}

/** Readings that overlap: the longest wins ("June 2019" over "2019"). */
function longestFirst(found: FoundDate[]): FoundDate[] {
  const kept: FoundDate[] = [];
  for (const f of [...found].sort((a, b) => b.text.length - a.text.length)) {
    const overlaps = kept.some((k) => f.at < k.at + k.text.length && k.at < f.at + f.text.length);
    if (!overlaps) kept.push(f);
  }
  return kept.sort((a, b) => a.at - b.at);
}

function publishedPrecision(p: Period): 'day' | 'month' | 'year' {
  return /^\d{4}-\d{2}-\d{2}$/.test(p.raw) ? 'day' : /^\d{4}-\d{2}$/.test(p.raw) ? 'month' : 'year';
}

/** A month named without its year is the latest such month not after publication ("in March"). */
function monthYear(month: number, published: Period): number {
  const year = Number(published.end.slice(0, 4));
  const pubMonth = Number(published.end.slice(5, 7));
  return month <= pubMonth ? year : year - 1;
}
