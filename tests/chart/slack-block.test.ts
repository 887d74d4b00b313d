/**
 * The Slack data_visualization block, within its documented limits (title, categories,
 * points, blocks a message): a bar chart of one series whose data labels are exactly the
 * axis categories; nothing when the data can't fit.
 */
import { describe, expect, it } from 'vitest';
import { chartBlock, chartBlocks, DATA_VISUALIZATION_LIMITS } from '../../adapters/slack/chart-block.ts';
import { chartFor } from '../../src/chart/build.ts';
import type { Chart } from '../../src/chart/types.ts';
import { alteredFigure, TRADE, TRADE_COMPANIONS, tradeFigures } from './real-figures.ts';

const tradeChart = () => chartFor(tradeFigures(), { companions: TRADE_COMPANIONS }) as Chart;

/** A chart of `n` years of trade, built from the real 2022 figure. */
function yearsOfTrade(n: number): Chart {
  const figures = Array.from({ length: n }, (_, i) => {
    const year = String(1990 + i);
    return alteredFigure(
      TRADE.y2022,
      { value: 10 + i, period: { raw: year, start: `${year}-01-01`, end: `${year}-12-31`, label: year } },
      1,
    );
  });
  return chartFor(figures) as Chart;
}

describe('chartBlock', () => {
  it('is a bar chart of the real trade figures, one category per point, values as stated', () => {
    expect(chartBlock(tradeChart())).toEqual({
      type: 'data_visualization',
      title: 'Bilateral trade, USD billion',
      block_id: 'chart-bilateral-trade',
      chart: {
        type: 'bar',
        series: [
          {
            name: 'USD billion',
            data: [
              { label: '2018 (over)', value: 100 },
              { label: '2022', value: 190 },
              { label: '2024 target', value: 200 },
            ],
          },
        ],
        axis_config: { categories: ['2018 (over)', '2022', '2024 target'], y_label: 'USD billion' },
      },
    });
  });

  it('keeps to every documented limit, and its data labels are exactly the categories', () => {
    for (const chart of [tradeChart(), yearsOfTrade(20)]) {
      const block = chartBlock(chart);
      expect(block).toBeDefined();
      const L = DATA_VISUALIZATION_LIMITS;
      expect(block!.title.length).toBeLessThanOrEqual(L.title);
      expect(block!.chart.series.length).toBeLessThanOrEqual(L.seriesPerChart);
      const { categories } = block!.chart.axis_config;
      expect(new Set(categories).size).toBe(categories.length);
      for (const c of categories) expect(c.length).toBeLessThanOrEqual(L.category);
      for (const s of block!.chart.series) {
        expect(s.name.length).toBeLessThanOrEqual(L.seriesName);
        expect(s.data.length).toBeLessThanOrEqual(L.pointsPerSeries);
        expect(s.data.map((d) => d.label)).toEqual(categories);
      }
      // Sent as JSON: nothing in it may be lost on the way.
      expect(JSON.parse(JSON.stringify(block))).toEqual(block);
    }
  });

  it('gives sources that differ on a period a bar each, told apart by citation', () => {
    const chart = chartFor([...tradeFigures(), alteredFigure(TRADE.y2022, { value: 240 }, 5)], { companions: TRADE_COMPANIONS }) as Chart;
    const data = chartBlock(chart)!.chart.series[0].data;
    expect(data.filter((d) => d.label.startsWith('2022'))).toEqual([
      { label: '2022 [4]', value: 190 },
      { label: '2022 [5]', value: 240 },
    ]);
  });

  it('marks a bound with a sign when its words would make the category too long', () => {
    const chart = tradeChart();
    const block = chartBlock({
      ...chart,
      points: chart.points.map((p, i) =>
        i === 0 ? { ...p, label: 'Sep 2021', kind: 'forecast' as const, bound: 'at-least' as const } : p,
      ),
    });
    expect(block?.chart.axis_config.categories[0]).toBe('Sep 2021 expected >=');
  });

  it('is left out when the data cannot fit: more than 20 points, a long title, a long category', () => {
    expect(chartBlock(yearsOfTrade(21))).toBeUndefined();
    expect(chartBlock({ ...tradeChart(), title: 'x'.repeat(51) })).toBeUndefined();
    const chart = tradeChart();
    const long = { ...chart, points: chart.points.map((p, i) => (i === 0 ? { ...p, label: 'Sep 2021–17 Jun 2022' } : p)) };
    expect(chartBlock(long)).toBeUndefined();
  });

  it('puts at most two charts in a message', () => {
    expect(chartBlocks([tradeChart(), yearsOfTrade(5), yearsOfTrade(6)])).toHaveLength(DATA_VISUALIZATION_LIMITS.perMessage);
    expect(chartBlocks([yearsOfTrade(21), tradeChart()]).map((b) => b.title)).toEqual(['Bilateral trade, USD billion']);
    expect(chartBlocks([])).toEqual([]);
  });
});
