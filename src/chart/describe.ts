/**
 * Words for a chart's points, shared by every renderer so a point reads the same on each
 * surface: `2024 target: 200 [1, 2]`, `2018: more than 100 [1, 2]`.
 */
import type { Chart, ChartPoint } from './types.ts';

/** What a point is when it is not a measured outcome (the words answers use for figures). */
export const KIND_WORDS: Record<ChartPoint['kind'], string | undefined> = {
  actual: undefined,
  forecast: 'expected',
  target: 'target',
  estimate: 'estimate',
};

const BOUND_WORDS: Record<ChartPoint['bound'], string | undefined> = {
  exact: undefined,
  about: 'about',
  'more-than': 'more than',
  'at-least': 'at least',
  'less-than': 'less than',
};

/** Short marks for narrow places (a bar's label): `>100`, `≈30`. */
const BOUND_MARKS: Record<ChartPoint['bound'], string> = { exact: '', about: '≈', 'more-than': '>', 'at-least': '≥', 'less-than': '<' };
const BOUND_MARKS_ASCII: Record<ChartPoint['bound'], string> = {
  exact: '',
  about: '~',
  'more-than': '>',
  'at-least': '>=',
  'less-than': '<',
};

export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** `more than 100`, `190`. */
export function valueWords(point: Pick<ChartPoint, 'value' | 'bound'>): string {
  return [BOUND_WORDS[point.bound], formatNumber(point.value)].filter(Boolean).join(' ');
}

/** `>100`, `190` (`ascii` for terminals that cannot show `≈` or `≥`). */
export function valueMark(point: Pick<ChartPoint, 'value' | 'bound'>, ascii = false): string {
  return `${(ascii ? BOUND_MARKS_ASCII : BOUND_MARKS)[point.bound]}${formatNumber(point.value)}`;
}

/** The period and, for a forecast, target or estimate, what it is: `2024 target`. */
export function periodWords(point: Pick<ChartPoint, 'label' | 'kind'>): string {
  return [point.label, KIND_WORDS[point.kind]].filter(Boolean).join(' ');
}

export function citationWords(citations: readonly number[]): string {
  return citations.length > 0 ? `[${citations.join(', ')}]` : '';
}

/** `2018: more than 100 [1, 2]`. */
export function pointWords(point: ChartPoint): string {
  return [`${periodWords(point)}: ${valueWords(point)}`, citationWords(point.citations)].filter(Boolean).join(' ');
}

/** The whole chart in one sentence per point, for alt text and screen readers. */
export function chartWords(chart: Chart): string {
  return `${chart.title}. ${chart.points.map(pointWords).join('; ')}.`;
}

/** Is any point a forecast, target or estimate (so a legend must explain the second style)? */
export function hasProjections(chart: Chart): boolean {
  return chart.points.some((p) => p.kind !== 'actual');
}
