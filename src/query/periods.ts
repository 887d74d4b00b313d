/**
 * The periods a question names, as day ranges: years (`2018`, `mid-2022`), decades
 * (`late 1950s`), ranges (`2014-2018`, `between 2014 and 2018`, `Jan–May 2023`, `Mar to Jun`
 * with the year said elsewhere), a year's first months (`first five months of 2023`), halves
 * (`H1 2023`, `first half of 2023`), quarters (`Q3`),
 * months (`June 2019`) and open ranges (`since 2014`). Each match is replaced in the text by
 * its years, so the search still sees them.
 */
import { NUMBER_WORDS } from '../numbers.ts';

export interface AskedPeriod {
  start: string;
  end: string;
  label: string;
  /** Asked as a whole ("full-year 2023"): a figure for part of it does not answer. */
  whole?: boolean;
  /** Open to the present ("since 2014"): a fact about any later time is about it. */
  open?: boolean;
}

export interface FoundPeriods {
  periods: AskedPeriod[];
  /** The text with each period replaced by its years. */
  text: string;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`((?:19|20)\d{2})`;
const TO = String.raw`\s*(?:-|–|—|to|through|until|till)\s*`;
const ORDINAL: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4 };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthOf = (name: string) => MONTH_NAMES.indexOf(name.slice(0, 3)) + 1;
const months = (year: number, first: number, last: number, label: string): AskedPeriod => ({
  start: `${year}-${pad(first)}-01`,
  end: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
  label,
});
const years = (first: number, last: number, label: string): AskedPeriod => ({ start: `${first}-01-01`, end: `${last}-12-31`, label });

type Rule = [RegExp, (m: RegExpExecArray, year: number | undefined) => AskedPeriod | undefined];

/** Most specific first: a range is read before the years inside it. */
const RULES: Rule[] = [
  [
    new RegExp(String.raw`\b${MONTH}${TO}${MONTH}(?:,?\s+(?:of\s+)?${YEAR})?\b`, 'g'),
    (m, y) => {
      const year = m[3] ? Number(m[3]) : y;
      const [a, b] = [monthOf(m[1]), monthOf(m[2])];
      if (!year || b < a) return undefined;
      return months(year, a, b, `${LABELS[a - 1]}–${LABELS[b - 1]} ${year}`);
    },
  ],
  [
    new RegExp(String.raw`\b(?:from|between)\s+${YEAR}\s*(?:-|–|—|to|and|until|till)\s*${YEAR}\b|\b${YEAR}${TO}${YEAR}\b`, 'g'),
    (m) => {
      const [a, b] = [Number(m[1] ?? m[3]), Number(m[2] ?? m[4])];
      return b >= a ? years(a, b, `${a}–${b}`) : undefined;
    },
  ],
  [
    new RegExp(String.raw`\b(?:since|from|after)\s+(?:${MONTH}\s+)?${YEAR}\b(?:\s+onwards?)?`, 'g'),
    (m) => {
      const year = Number(m[2]);
      const month = m[1] ? monthOf(m[1]) : 1;
      return {
        start: `${year}-${pad(month)}-01`,
        end: '9999-12-31',
        label: `since ${m[1] ? `${LABELS[month - 1]} ` : ''}${year}`,
        open: true,
      };
    },
  ],
  [
    // "the first five months of 2023": January to May.
    new RegExp(String.raw`\bfirst\s+(\d{1,2}|[a-z]+)\s+months(?:\s+(?:of\s+)?${YEAR})?\b`, 'g'),
    (m, y) => {
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]];
      const year = m[2] ? Number(m[2]) : y;
      if (!year || !n || n < 2 || n > 11) return undefined;
      return months(year, 1, n, n === 6 ? `H1 ${year}` : `Jan–${LABELS[n - 1]} ${year}`);
    },
  ],
  [
    new RegExp(String.raw`\b(?:(first|1st|second|2nd)\s+half|h([12]))(?:\s+(?:of\s+)?${YEAR})?\b|\b${YEAR}[\s-]*h([12])\b`, 'g'),
    (m, y) => {
      const half = m[2] ? Number(m[2]) : m[5] ? Number(m[5]) : ORDINAL[m[1]];
      const year = m[3] ? Number(m[3]) : m[4] ? Number(m[4]) : y;
      if (!year) return undefined;
      return months(year, half === 1 ? 1 : 7, half === 1 ? 6 : 12, `H${half} ${year}`);
    },
  ],
  [
    new RegExp(
      String.raw`\b(?:(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+quarter|q([1-4]))(?:\s+(?:of\s+)?${YEAR})?\b|\b${YEAR}[\s-]*q([1-4])\b`,
      'g',
    ),
    (m, y) => {
      const q = m[2] ? Number(m[2]) : m[5] ? Number(m[5]) : ORDINAL[m[1]];
      const year = m[3] ? Number(m[3]) : m[4] ? Number(m[4]) : y;
      if (!year) return undefined;
      return months(year, q * 3 - 2, q * 3, `Q${q} ${year}`);
    },
  ],
  [
    new RegExp(String.raw`\b(?:(?:early|mid|late)[\s-]+)?${MONTH},?\s+(?:of\s+)?${YEAR}\b`, 'g'),
    (m) => {
      const [month, year] = [monthOf(m[1]), Number(m[2])];
      return months(year, month, month, `${LABELS[month - 1]} ${year}`);
    },
  ],
  [
    /\b(early|mid|late)?[\s-]*((?:19|20)\d)0s\b/g,
    (m) => {
      const decade = Number(m[2]) * 10;
      const [a, b] = m[1] === 'early' ? [0, 3] : m[1] === 'mid' ? [3, 6] : m[1] === 'late' ? [5, 9] : [0, 9];
      return years(decade + a, decade + b, `${m[1] ? `${m[1]} ` : ''}${decade}s`);
    },
  ],
  [
    new RegExp(
      String.raw`(?<![\d.,$])\b(?:(?:early|mid|late|end\s+of|start\s+of|((?:full|whole|calendar)[\s-]+year(?:\s+of)?|(?:the\s+)?whole\s+of))[\s-]*)?${YEAR}\b(?![.,]\d|%)`,
      'g',
    ),
    (m) => (m[1] ? { ...years(Number(m[2]), Number(m[2]), `the whole of ${m[2]}`), whole: true } : years(Number(m[2]), Number(m[2]), m[2])),
  ],
];

/** A year already read, in characters no rule matches (given back at the end). */
const hide = (year: string) => year.replace(/\d/g, (d) => String.fromCharCode(0xe000 + Number(d)));

export function findPeriods(question: string): FoundPeriods {
  let text = question.toLowerCase();
  const found: { at: number; period: AskedPeriod }[] = [];
  // A year said anywhere completes a half, quarter or month range said without one.
  const anyYear = /\b((?:19|20)\d{2})\b/.exec(text);
  const defaultYear = anyYear ? Number(anyYear[1]) : undefined;
  for (const [pattern, read] of RULES) {
    text = text.replace(pattern, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const at = args[args.length - 2] as number;
      const period = read(match, defaultYear);
      if (!period) return match[0];
      found.push({ at, period });
      // Keep the years for the search; blank the rest so no later rule reads it again.
      const ys = [...new Set([period.start.slice(0, 4), period.end.slice(0, 4)])].filter((y) => y !== '9999');
      return ` ${ys.map(hide).join(' ')} `;
    });
  }
  found.sort((a, b) => a.at - b.at);
  const periods: AskedPeriod[] = [];
  for (const { period } of found) if (!periods.some((p) => p.start === period.start && p.end === period.end)) periods.push(period);
  // "Mar–Jun … in 2023": the year completes the range; it is not a second period.
  const isYear = (p: AskedPeriod) => /^\d{4}$/.test(p.label);
  const inside = (a: AskedPeriod, b: AskedPeriod) => a !== b && a.start >= b.start && a.end <= b.end;
  const kept = periods.filter((p) => !(isYear(p) && periods.some((q) => inside(q, p))));
  periods.splice(0, periods.length, ...kept);
  return { periods, text: text.replace(/[\ue000-\ue009]/g, (c) => String(c.charCodeAt(0) - 0xe000)) };
}

/** Does a fact's period fall within an asked one, or the asked one within the fact's (only that, for a period asked whole)? */
export function periodsMeet(asked: AskedPeriod, fact: { start: string; end: string }): boolean {
  if (asked.whole) return fact.start <= asked.start && fact.end >= asked.end;
  return (fact.start >= asked.start && fact.end <= asked.end) || (asked.start >= fact.start && asked.end <= fact.end);
}
