/**
 * When an answer carries a chart, and what the chart holds: three periods of one measure,
 * values as stated (differing sources side by side, never averaged), forecasts and targets
 * apart, a figure without its period never plotted.
 */
import { describe, expect, it } from 'vitest';
import { chartFor, fitTitle } from '../../src/chart/build.ts';
import { chartFiguresOf } from '../../src/chart/from-items.ts';
import { chartToJson } from '../../src/chart/json.ts';
import { CHART_TITLE_MAX } from '../../src/chart/types.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { alteredFigure, realFigure, TRADE, TRADE_COMPANIONS, tradeFigures } from './real-figures.ts';

const summary = (chart: ReturnType<typeof chartFor>) =>
  chart?.points.map((p) => `${p.label} ${p.kind} ${p.bound} ${p.value} [${p.citations.join(',')}]`);

describe('chartFor on the real trade figures', () => {
  it('charts trade by year with its target: one point per period and value, the undated figure left out', () => {
    const chart = chartFor(tradeFigures(), { companions: TRADE_COMPANIONS });
    expect(chart?.measure).toBe('bilateral-trade');
    expect(chart?.unitLabel).toBe('USD billion');
    expect(chart?.title).toBe('Bilateral trade, USD billion');
    // The two 2018 sources state the same figure: one point citing both. 108 has no period.
    expect(summary(chart)).toEqual(['2018 actual more-than 100 [1,2]', '2022 actual exact 190 [4]', '2024 target exact 200 [2]']);
  });

  it('gives no chart for two periods: trade alone has only 2018 and 2022 with their periods', () => {
    expect(chartFor(tradeFigures())).toBeUndefined();
    expect(
      chartFor(
        tradeFigures().filter((f) => f.figure.measure === 'bilateral-trade'),
        { companions: TRADE_COMPANIONS },
      ),
    ).toBeUndefined();
  });

  it('never plots a figure stated without its period, even when it would make the third', () => {
    const figures = [realFigure(TRADE.y2018cnn, 1), realFigure(TRADE.y2019unknownPeriod, 2), realFigure(TRADE.y2022, 3)];
    expect(chartFor(figures)).toBeUndefined();
    const dated = alteredFigure(TRADE.y2019unknownPeriod, { periodGiven: true }, 2);
    expect(summary(chartFor([figures[0], dated, figures[2]]))).toEqual([
      '2018 actual more-than 100 [1]',
      '2019 actual exact 108 [2]',
      '2022 actual exact 190 [3]',
    ]);
  });

  it('keeps sources that differ on a period as separate points, never their average', () => {
    // A second source claiming $240 billion for 2022 (not in the base: the claim the issue checks).
    const differing = alteredFigure(TRADE.y2022, { value: 240 }, 5);
    const chart = chartFor([...tradeFigures(), differing], { companions: TRADE_COMPANIONS });
    const y2022 = chart?.points.filter((p) => p.period === '2022');
    expect(y2022?.map((p) => [p.value, p.citations])).toEqual([
      [190, [4]],
      [240, [5]],
    ]);
    expect(chart?.points.some((p) => p.value === 215)).toBe(false);
  });

  it('keeps a forecast apart from the outcome of the same period, even at the same value', () => {
    const forecast = alteredFigure(TRADE.y2022, { kind: 'forecast' }, 6);
    const chart = chartFor([...tradeFigures(), forecast], { companions: TRADE_COMPANIONS });
    expect(chart?.points.filter((p) => p.period === '2022').map((p) => `${p.kind} ${p.value}`)).toEqual(['actual 190', 'forecast 190']);
  });

  it('charts a companion measure only for its targets and forecasts, never its outcomes', () => {
    const actualTarget = alteredFigure(TRADE.target2024, { kind: 'actual' }, 2);
    const figures = [realFigure(TRADE.y2018cnn, 1), realFigure(TRADE.y2022, 4), actualTarget];
    expect(chartFor(figures, { companions: TRADE_COMPANIONS })).toBeUndefined();
  });

  it('never mixes currencies or units in one chart', () => {
    const yuan = alteredFigure(TRADE.target2024, { measure: 'bilateral-trade', kind: 'actual', currency: 'CNY', value: 1400 }, 5);
    expect(chartFor([realFigure(TRADE.y2018cnn, 1), realFigure(TRADE.y2022, 4), yuan])).toBeUndefined();
    const million = alteredFigure(TRADE.target2024, { measure: 'bilateral-trade', kind: 'actual', unit: 'million', value: 200_000 }, 5);
    expect(chartFor([realFigure(TRADE.y2018cnn, 1), realFigure(TRADE.y2022, 4), million])).toBeUndefined();
  });

  it('never sets a half-year or a span of months beside whole years', () => {
    const half = alteredFigure(
      'lifeline-trade-growth-2023-h1',
      { measure: 'bilateral-trade', unit: 'billion', currency: 'USD', value: 114.5 },
      5,
    );
    expect(half.figure.period.raw).toBe('2023-H1');
    expect(chartFor([realFigure(TRADE.y2018cnn, 1), realFigure(TRADE.y2022, 4), half])).toBeUndefined();
    const span = alteredFigure('lifeline-trade-gain-2023-01-05', { measure: 'bilateral-trade' }, 5);
    expect(chartFor([realFigure(TRADE.y2018cnn, 1), realFigure(TRADE.y2022, 4), span])).toBeUndefined();
  });

  it('charts the measure with the most periods when several have enough', () => {
    const energy = ['lifeline-energy-imports-2021', 'lifeline-energy-imports-2022'].map((id, i) => realFigure(id, 6 + i));
    const energy2023 = alteredFigure(
      'lifeline-energy-imports-2022',
      { period: { raw: '2023', start: '2023-01-01', end: '2023-12-31', label: '2023' }, value: 90 },
      8,
    );
    const energy2020 = alteredFigure(
      'lifeline-energy-imports-2022',
      { period: { raw: '2020', start: '2020-01-01', end: '2020-12-31', label: '2020' }, value: 40 },
      8,
    );
    const figures = [...tradeFigures(), ...energy, energy2023, energy2020];
    expect(chartFor(figures, { companions: TRADE_COMPANIONS })?.measure).toBe('china-energy-imports-from-russia');
    expect(chartFor(figures.slice(0, -1), { companions: TRADE_COMPANIONS })?.measure).toBe('bilateral-trade');
  });

  it('gives every measure of the base a title within the Slack limit', () => {
    for (const measure of realAnswerer().context.knowledge.measures.keys()) {
      const figures = ['2018', '2019', '2020'].map((year, i) =>
        alteredFigure(TRADE.y2022, { measure, period: { raw: year, start: `${year}-01-01`, end: `${year}-12-31`, label: year } }, i + 1),
      );
      const title = chartFor(figures)?.title ?? '';
      expect(title.length, measure).toBeGreaterThan(0);
      expect(title.length, measure).toBeLessThanOrEqual(CHART_TITLE_MAX);
    }
    expect(chartFor(tradeFigures(), { companions: TRADE_COMPANIONS, title: () => 'China–Russia trade' })?.title).toBe('China–Russia trade');
  });

  it('cuts a long title at a word and marks the cut', () => {
    const long = 'Years since China and Russia normalised relations after the era of confrontation';
    const cut = fitTitle(long);
    expect(cut.length).toBeLessThanOrEqual(CHART_TITLE_MAX);
    expect(cut).toBe('Years since China and Russia normalised relations…');
    expect(fitTitle('Bilateral trade, USD billion')).toBe('Bilateral trade, USD billion');
  });
});

describe('chartFiguresOf', () => {
  it("takes each side of a conflict and each agreeing source's own statement, each with its own citations", () => {
    const [cnn, ruehl, , wv] = tradeFigures();
    const differing = alteredFigure(TRADE.y2022, { value: 240 }, 5);
    const items = [
      { ...cnn, citations: [1, 2], statements: [cnn, ruehl] },
      { figure: undefined, citations: [4, 5], variants: [wv, differing] },
      { citations: [3] },
    ];
    expect(chartFiguresOf(items).map((f) => `${f.figure.value} [${f.citations.join(',')}]`)).toEqual([
      '100 [1]',
      '100 [2]',
      '190 [4]',
      '240 [5]',
    ]);
  });
});

describe('a chart from a real answer', () => {
  const answer = answerText(realAnswerer(), 'trade');
  const chart = chartFor(chartFiguresOf(answer.items), { companions: TRADE_COMPANIONS });

  it('charts the trade summary, every point a fact of the base stated by the source it cites', () => {
    expect(chart?.points.map((p) => `${p.period} ${p.value}`)).toEqual(['2018 100', '2022 190', '2024 200']);
    const { knowledge } = realAnswerer().context;
    for (const point of chart?.points ?? []) {
      expect(point.citations.length).toBeGreaterThan(0);
      for (const n of point.citations) {
        const source = answer.sources[n - 1];
        const stating = knowledge.facts.filter(
          (f) =>
            f.sourceId === source.id &&
            f.figure?.measure === point.measure &&
            f.figure.period.raw === point.period &&
            f.figure.value === point.value,
        );
        expect(stating, `${point.period} [${n}]`).toHaveLength(1);
      }
    }
  });

  it('cites a target only to the source whose statement gives the figure, not to one that words it without a number', () => {
    const target = chart?.points.find((p) => p.kind === 'target');
    expect(target?.citations.map((n) => answer.sources[n - 1].id)).toEqual(['ruehl-2021-convergence']);
  });

  it('serialises for ask --json with source ids in place of citation numbers', () => {
    const json = chartToJson(chart!, answer.sources);
    expect(json).toMatchObject({ measure: 'bilateral-trade', title: 'Bilateral trade, USD billion', unit: 'billion', currency: 'USD' });
    expect(json.points).toEqual([
      {
        period: '2018',
        label: '2018',
        value: 100,
        bound: 'more-than',
        kind: 'actual',
        measure: 'bilateral-trade',
        sources: ['cnn-2021-unbreakable', 'ruehl-2021-convergence'],
      },
      {
        period: '2022',
        label: '2022',
        value: 190,
        bound: 'exact',
        kind: 'actual',
        measure: 'bilateral-trade',
        sources: ['worldview-2023-how-close'],
      },
      {
        period: '2024',
        label: '2024',
        value: 200,
        bound: 'exact',
        kind: 'target',
        measure: 'bilateral-trade-target',
        sources: ['ruehl-2021-convergence'],
      },
    ]);
  });

  it('carries no chart for an answer without a trend', () => {
    expect(chartFor(chartFiguresOf(answerText(realAnswerer(), 'energy imports').items))).toBeUndefined();
    expect(chartFor(chartFiguresOf(answerText(realAnswerer(), 'help').items))).toBeUndefined();
  });
});
