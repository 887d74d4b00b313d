/**
 * Dates and periods as curators write them: `2018`, `2019-06`, `2021-06-17`, `2023-H1`,
 * `2023-Q3`, or an interval `START/END` of any of those. Parsed into an inclusive ISO day
 * range so facts sort and filter by date, and formatted back for people.
 */
export interface Period {
  /** The text as written in the knowledge base. */
  raw: string;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day, `YYYY-MM-DD`. */
  end: string;
  /** How people read it: `2018`, `Jun 2019`, `17 Jun 2021`, `H1 2023`, `2014–2018`. */
  label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SINGLE = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])(?:-(\d{2}))?|H([12])|Q([1-4])))?$/;

interface Span {
  start: string;
  end: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function parseSingle(text: string): Span | undefined {
  const m = SINGLE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1800 || year > 2200) return undefined;
  const [, , month, day, half, quarter] = m;
  if (half || quarter) {
    const first = half ? (Number(half) - 1) * 6 + 1 : (Number(quarter) - 1) * 3 + 1;
    const last = first + (half ? 5 : 2);
    return {
      start: `${year}-${pad(first)}-01`,
      end: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
      label: half ? `H${half} ${year}` : `Q${quarter} ${year}`,
    };
  }
  if (month) {
    const mm = Number(month);
    if (day) {
      const dd = Number(day);
      if (dd < 1 || dd > lastDay(year, mm)) return undefined;
      return { start: text, end: text, label: `${dd} ${MONTHS[mm - 1]} ${year}` };
    }
    return { start: `${text}-01`, end: `${text}-${pad(lastDay(year, mm))}`, label: `${MONTHS[mm - 1]} ${year}` };
  }
  return { start: `${year}-01-01`, end: `${year}-12-31`, label: String(year) };
}

/** Parses a period, or returns undefined when it is not one of the accepted forms. */
export function parsePeriod(text: string): Period | undefined {
  const parts = text.split('/');
  if (parts.length > 2) return undefined;
  const first = parseSingle(parts[0]);
  if (!first) return undefined;
  if (parts.length === 1) return { raw: text, ...first };
  const second = parseSingle(parts[1]);
  if (!second || second.end < first.start) return undefined;
  return { raw: text, start: first.start, end: second.end, label: intervalLabel(first.label, second.label) };
}

/**
 * `Jan 2023` + `May 2023` reads `Jan–May 2023`; a part of a year up to that year's end
 * (`2023-01/2023`, "since January 2023" in a text of that year) reads `since Jan 2023`;
 * other pairs read `A–B`.
 */
function intervalLabel(a: string, b: string): string {
  const [aHead, aYear] = splitYear(a);
  const [bHead, bYear] = splitYear(b);
  if (aYear === bYear && aHead && !bHead) return `since ${a}`;
  if (aYear === bYear && aHead && bHead) return `${aHead}–${bHead} ${aYear}`;
  return `${a}–${b}`;
}

function splitYear(label: string): [string, string] {
  const i = label.lastIndexOf(' ');
  return i < 0 ? ['', label] : [label.slice(0, i), label.slice(i + 1)];
}

export const PERIOD_FORMS = 'YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1, YYYY-Q3, or START/END of those';
