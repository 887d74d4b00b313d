/**
 * Choosing what an answer can chart: the figures of one measure (in one unit and currency)
 * over at least three different periods of the same length. Values are plotted as stated:
 * sources that differ on a period give separate points, never an average.
 */
import type { Figure } from '../knowledge/types.ts';
import { CHART_MIN_PERIODS, CHART_TITLE_MAX, type Chart, type ChartFigure, type ChartPoint } from './types.ts';

export interface ChartOptions {
  /**
   * Measures drawn with another one: `{ 'bilateral-trade-target': 'bilateral-trade' }` plots
   * trade targets beside trade. Only a companion's forecasts, targets and estimates join;
   * its measured outcomes would be another quantity.
   */
  companions?: Readonly<Record<string, string>>;
  /** A title to use instead of the one made from the measure's id (cut to the title limit). */
  title?: (measure: string, unitLabel: string) => string | undefined;
}

/** How long a period is, from how it is written: only periods of one length share a chart. */
function granularity(raw: string): string | undefined {
  if (/^\d{4}$/.test(raw)) return 'year';
  if (/^\d{4}-H[12]$/.test(raw)) return 'half';
  if (/^\d{4}-Q[1-4]$/.test(raw)) return 'quarter';
  if (/^\d{4}-\d{2}$/.test(raw)) return 'month';
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return 'day';
  // An interval (`2014/2018`, `2023-01/2023-05`) covers a length of its own.
  return undefined;
}

export function unitLabel(figure: Pick<Figure, 'unit' | 'currency'>): string {
  return [figure.currency, figure.unit].filter(Boolean).join(' ');
}

/** Words that are names, so a title made from a measure's id reads right. */
const NAMES: Record<string, string> = { china: 'China', russia: 'Russia', brics: 'BRICS', ussr: 'USSR', soviet: 'Soviet', asia: 'Asia' };

function titleFromId(measure: string): string {
  const words = measure.split('-').map((w) => NAMES[w] ?? w);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts a title to the limit at a word, marking the cut. */
export function fitTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= CHART_TITLE_MAX) return clean;
  const cut = clean.slice(0, CHART_TITLE_MAX - 1);
  // Keep the last word when the cut falls just after it.
  const space = clean.charAt(CHART_TITLE_MAX - 1) === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(space > CHART_TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

const KIND_ORDER = { actual: 0, estimate: 1, forecast: 2, target: 3 } as const;

function pointOf(entry: ChartFigure): ChartPoint {
  const f = entry.figure;
  return {
    period: f.period.raw,
    label: f.period.label,
    sortKey: f.period.start,
    value: f.value,
    bound: f.bound,
    kind: f.kind,
    measure: f.measure,
    citations: [...new Set(entry.citations)].sort((a, b) => a - b),
  };
}

/** The same value of the same period stated twice (an item and its statement): one point, both citations. */
function samePoint(a: ChartPoint, b: ChartPoint): boolean {
  return a.period === b.period && a.value === b.value && a.bound === b.bound && a.kind === b.kind && a.measure === b.measure;
}

function points(entries: ChartFigure[]): ChartPoint[] {
  const result: ChartPoint[] = [];
  for (const entry of entries) {
    const point = pointOf(entry);
    const same = result.find((p) => samePoint(p, point));
    if (same) same.citations = [...new Set([...same.citations, ...point.citations])].sort((a, b) => a - b);
    else result.push(point);
  }
  return result.sort(
    (a, b) =>
      a.sortKey.localeCompare(b.sortKey) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.citations[0] ?? 0) - (b.citations[0] ?? 0),
  );
}

/**
 * The chart of the figures an answer shows, or undefined when they hold no trend: fewer than
 * three periods of any one measure. A figure stated without its period is never plotted.
 * When several measures qualify, the one with the most periods is charted (the first shown on a tie).
 */
export function chartFor(figures: readonly ChartFigure[], options: ChartOptions = {}): Chart | undefined {
  const series = new Map<string, ChartFigure[]>();
  for (const entry of figures) {
    const f = entry.figure;
    if (!f.periodGiven || !Number.isFinite(f.value)) continue;
    const length = granularity(f.period.raw);
    if (!length) continue;
    const companionOf = options.companions?.[f.measure];
    if (companionOf && f.kind === 'actual') continue;
    const key = [companionOf ?? f.measure, f.unit, f.currency ?? '', length].join('|');
    series.set(key, [...(series.get(key) ?? []), entry]);
  }
  let best: { measure: string; entries: ChartFigure[]; periods: number } | undefined;
  for (const [key, entries] of series) {
    const periods = new Set(entries.map((e) => e.figure.period.raw)).size;
    if (periods < CHART_MIN_PERIODS || (best && periods <= best.periods)) continue;
    best = { measure: key.split('|')[0], entries, periods };
  }
  if (!best) return undefined;
  const { unit, currency } = best.entries[0].figure;
  const label = unitLabel({ unit, currency });
  const title = options.title?.(best.measure, label) ?? `${titleFromId(best.measure)}, ${label}`;
  return {
    measure: best.measure,
    title: fitTitle(title),
    unit,
    ...(currency ? { currency } : {}),
    unitLabel: label,
    points: points(best.entries),
  };
}
