/** The console's text chart: a line per point, bars in proportion, outcomes and targets told apart. */
import { describe, expect, it } from 'vitest';
import { chartTextLines } from '../../adapters/console/chart-text.ts';
import { chartFor } from '../../src/chart/build.ts';
import type { Chart } from '../../src/chart/types.ts';
import { alteredFigure, TRADE, TRADE_COMPANIONS, tradeFigures } from './real-figures.ts';

const tradeChart = () => chartFor(tradeFigures(), { companions: TRADE_COMPANIONS }) as Chart;

describe('chartTextLines', () => {
  it('draws the real trade figures, the largest value the full width', () => {
    expect(chartTextLines(tradeChart(), { barWidth: 20 })).toEqual([
      'Bilateral trade, USD billion',
      `  2018        |${'█'.repeat(10).padEnd(20)} >100 [1][2]`,
      `  2022        |${'█'.repeat(19).padEnd(20)}  190 [4]`,
      `  2024 target |${'░'.repeat(20)}  200 [2]`,
      '  █ reported   ░ target',
    ]);
  });

  it('draws with ASCII only when asked', () => {
    const lines = chartTextLines(tradeChart(), { ascii: true, barWidth: 20 });
    for (const line of lines) expect(line).toMatch(/^[\x20-\x7e]*$/);
    expect(lines[1]).toBe(`  2018        |${'#'.repeat(10).padEnd(20)} >100 [1][2]`);
    expect(lines[3]).toBe(`  2024 target |${':'.repeat(20)}  200 [2]`);
    expect(lines[4]).toBe('  # reported   : target');
  });

  it('shows a differing source on its own line and no key for targets when there are none', () => {
    const chart = chartFor([
      ...tradeFigures().filter((f) => f.figure.kind === 'actual'),
      alteredFigure(TRADE.y2022, { value: 240 }, 5),
      alteredFigure(TRADE.y2022, { value: 120, period: { raw: '2020', start: '2020-01-01', end: '2020-12-31', label: '2020' } }, 6),
    ]) as Chart;
    const lines = chartTextLines(chart, { barWidth: 24 });
    expect(lines.filter((l) => l.startsWith('  2022 '))).toEqual([
      `  2022 |${'█'.repeat(19).padEnd(24)}  190 [4]`,
      `  2022 |${'█'.repeat(24)}  240 [5]`,
    ]);
    expect(lines.at(-1)).toBe('  █ reported');
  });
});
