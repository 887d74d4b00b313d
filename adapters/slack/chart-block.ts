/**
 * A chart as Slack's own `data_visualization` block, which Slack draws itself
 * (https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block). The block is
 * an extra: the answer's text keeps every number for screen readers and for clients that
 * cannot draw it, so a chart that does not fit the block's limits is simply left out.
 */

import { KIND_WORDS } from '../../src/chart/describe.ts';
import type { Chart, ChartPoint } from '../../src/chart/types.ts';

/** The block's documented limits. */
export const DATA_VISUALIZATION_LIMITS = {
  title: 50,
  perMessage: 2,
  seriesPerChart: 6,
  pointsPerSeries: 20,
  seriesName: 20,
  category: 20,
  axisLabel: 50,
} as const;

export interface DataPoint {
  label: string;
  value: number;
}

export interface DataSeries {
  name: string;
  data: DataPoint[];
}

export interface AxisConfig {
  categories: string[];
  x_label?: string;
  y_label?: string;
}

/** The block as Slack takes it (not yet among @slack/types' KnownBlock). */
export interface DataVisualizationBlock {
  type: 'data_visualization';
  title: string;
  block_id?: string;
  chart: { type: 'bar' | 'line'; series: DataSeries[]; axis_config: AxisConfig };
}

/** A bound in a category, in words when they fit and in a mark when they do not. */
const BOUND_WORDS: Record<ChartPoint['bound'], string | undefined> = {
  exact: undefined,
  about: '(about)',
  'more-than': '(over)',
  'at-least': '(at least)',
  'less-than': '(under)',
};
const BOUND_MARKS: Record<ChartPoint['bound'], string | undefined> = {
  exact: undefined,
  about: '~',
  'more-than': '>',
  'at-least': '>=',
  'less-than': '<',
};

/**
 * A point's category: its period, what it is when not an outcome and its bound (`2024 target`,
 * `2018 (over)`), and, for a period with several points, its first citation so each is its own bar.
 */
function categoryOf(point: ChartPoint, shared: boolean): string {
  const cite = shared && point.citations.length > 0 ? `[${point.citations[0]}]` : undefined;
  const worded = [point.label, KIND_WORDS[point.kind], BOUND_WORDS[point.bound], cite].filter(Boolean).join(' ');
  if (worded.length <= DATA_VISUALIZATION_LIMITS.category) return worded;
  return [point.label, KIND_WORDS[point.kind], BOUND_MARKS[point.bound], cite].filter(Boolean).join(' ');
}

/**
 * One series with a bar per point: each category has exactly one value, so sources that
 * differ on a period stand side by side and nothing is left blank or made up.
 */
export function chartBlock(chart: Chart): DataVisualizationBlock | undefined {
  const L = DATA_VISUALIZATION_LIMITS;
  if (chart.points.length === 0 || chart.points.length > L.pointsPerSeries) return undefined;
  if (chart.title.length === 0 || chart.title.length > L.title || chart.unitLabel.length > L.seriesName) return undefined;
  const perPeriod = new Map<string, number>();
  for (const p of chart.points) perPeriod.set(`${p.period}|${p.kind}`, (perPeriod.get(`${p.period}|${p.kind}`) ?? 0) + 1);
  const categories = chart.points.map((p) => categoryOf(p, (perPeriod.get(`${p.period}|${p.kind}`) ?? 0) > 1));
  if (categories.some((c) => c.length > L.category) || new Set(categories).size !== categories.length) return undefined;
  return {
    type: 'data_visualization',
    title: chart.title,
    block_id: `chart-${chart.measure}`.slice(0, 255),
    chart: {
      type: 'bar',
      series: [{ name: chart.unitLabel, data: chart.points.map((p, i) => ({ label: categories[i], value: p.value })) }],
      axis_config: { categories, y_label: chart.unitLabel },
    },
  };
}

/** The blocks for an answer's charts: those that fit, at most the two a message may hold. */
export function chartBlocks(charts: readonly Chart[]): DataVisualizationBlock[] {
  return charts.flatMap((c) => chartBlock(c) ?? []).slice(0, DATA_VISUALIZATION_LIMITS.perMessage);
}
